using System.Globalization;
using Saas.Platform.Modules;
using YamlDotNet.RepresentationModel;

namespace Saas.Modules.Appointments;

/// <summary>
/// Reading the module's metadata documents, once for every kind: values of a validated spec (JSON; the schema has
/// checked types and ranges, but the platform's YAML reader may give a number as int, long, decimal, double or string),
/// and the YAML of a folder's files for the checks across documents, whose errors name file, line and column.
/// </summary>
internal static class SpecValues
{
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static string[] Texts(JsonNode? node) => node is JsonArray items ? [.. items.Select(Text).OfType<string>()] : [];

    public static int Number(JsonNode? node, int fallback) => node is JsonValue value
        ? value.TryGetValue<int>(out var n) ? n
        : value.TryGetValue<long>(out var l) ? (int)l
        : value.TryGetValue<decimal>(out var m) ? (int)m
        : value.TryGetValue<double>(out var d) ? (int)d
        : value.TryGetValue<string>(out var s) && int.TryParse(s, CultureInfo.InvariantCulture, out var p) ? p : fallback
        : fallback;

    public static double Share(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<double>(out var d) ? d
        : value.TryGetValue<decimal>(out var m) ? (double)m
        : value.TryGetValue<int>(out var n) ? n
        : value.TryGetValue<string>(out var s) && double.TryParse(s, CultureInfo.InvariantCulture, out var p) ? p : 0
        : 0;

    public static DateOnly? Date(JsonNode? node) =>
        Text(node) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The <c>spec</c> mapping of one file's YAML (empty when there is none).</summary>
    public static YamlMappingNode YamlSpec(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = stream.Documents.Count == 1 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        return root?.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "spec" }).Value as YamlMappingNode ?? new YamlMappingNode();
    }

    public static YamlScalarNode? YamlScalar(YamlMappingNode node, string name) =>
        node.Children.FirstOrDefault(c => c.Key is YamlScalarNode key && key.Value == name).Value as YamlScalarNode;

    public static IEnumerable<YamlNode> YamlSequence(YamlMappingNode node, string name) =>
        (node.Children.FirstOrDefault(c => c.Key is YamlScalarNode key && key.Value == name).Value as YamlSequenceNode)?.Children ?? [];

    /// <summary>A located error of a check across the folder, at <paramref name="node"/> when there is one.</summary>
    public static MetadataError Error(ConfigurationFile file, string path, YamlNode? node, LocalizedText message) =>
        new(file.File, path, node is null ? null : (int)node.Start.Line, node is null ? null : (int)node.Start.Column, message);
}
