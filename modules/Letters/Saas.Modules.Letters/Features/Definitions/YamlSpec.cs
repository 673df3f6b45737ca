using YamlDotNet.RepresentationModel;

namespace Saas.Modules.Letters.Features.Definitions;

/// <summary>A letter document's spec read again for the checks across documents, with where its top-level values start.</summary>
internal static class YamlSpec
{
    public static (JsonNode Spec, Dictionary<string, (int? Line, int? Column)> Marks) Read(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = stream.Documents.Count == 1 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        var spec = root?.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "spec" }).Value as YamlMappingNode ?? new YamlMappingNode();
        var marks = spec.Children.Where(c => c.Key is YamlScalarNode { Value: not null })
            .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((int?)c.Value.Start.Line, (int?)c.Value.Start.Column), StringComparer.Ordinal);
        return (Json(spec) ?? new JsonObject(), marks);
    }

    private static JsonNode? Json(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Where(c => c.Key is YamlScalarNode { Value: not null })
            .Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Json(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Json)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" } => JsonValue.Create(true),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "false" } => JsonValue.Create(false),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
