using Saas.Modules.Organization.Features.SurnameRanges;
using Saas.Modules.Organization.Features.Units;
using Saas.Platform.Modules;
using YamlDotNet.RepresentationModel;

namespace Saas.Modules.Organization.Features.Staff;

/// <summary>
/// What a staff document names must exist among the authority's documents (docs/adr/0022): each unit is a unit
/// document's key; each surname range is a range of that unit's surname-ranges document, assigned to this person.
/// A surname-ranges document that gives a range to a trainee is refused as well. Errors name file, line and column.
/// </summary>
internal sealed class StaffReferences : IConfigurationSetCheck
{
    public IEnumerable<MetadataError> Check(IReadOnlyList<ConfigurationFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var read = files.Where(f => f.Kind is StaffKind.Name or UnitKind.Name or SurnameRangesKind.Name)
            .Select(f => (File: f, Root: Root(f.Yaml))).Where(f => f.Root is not null).ToList();
        var unitCodes = read.Where(f => f.File.Kind == UnitKind.Name)
            .ToDictionary(f => f.File.Key, f => Scalar(Spec(f.Root!), "code"), StringComparer.Ordinal);
        var rangesByUnitCode = read.Where(f => f.File.Kind == SurnameRangesKind.Name)
            .GroupBy(f => Scalar(Spec(f.Root!), "unit") ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(f => Items(Spec(f.Root!), "ranges")).ToList(), StringComparer.Ordinal);
        var trainees = read.Where(f => f.File.Kind == StaffKind.Name && Scalar(Spec(f.Root!), "stage") == StaffKind.Trainee)
            .Select(f => f.File.Key).ToHashSet(StringComparer.Ordinal);

        foreach (var (file, root) in read.Where(f => f.File.Kind == StaffKind.Name))
        {
            var spec = Spec(root!);
            var units = Nodes(spec, "units");
            for (var i = 0; i < units.Count; i++)
            {
                if (units[i] is YamlScalarNode { Value: { } unit } node && !unitCodes.ContainsKey(unit))
                {
                    yield return Error(file, $"$.spec.units[{i}]", node, LocalizedText.Of("organization.staff.rule.unknown-unit", ("unit", unit)));
                }
            }

            var ranges = Items(spec, "surnameRanges");
            for (var i = 0; i < ranges.Count; i++)
            {
                var unit = Scalar(ranges[i], "unit") ?? "";
                if (!unitCodes.TryGetValue(unit, out var code))
                {
                    continue; // the unit itself is named above (or the document's own rules refused it)
                }

                var from = SurnameKey.Fold(Scalar(ranges[i], "from") ?? "");
                var to = SurnameKey.Fold(Scalar(ranges[i], "to") ?? "");
                var defined = rangesByUnitCode.GetValueOrDefault(code ?? "") ?? [];
                var match = defined.FirstOrDefault(r => SurnameKey.Fold(Scalar(r, "from") ?? "") == from && SurnameKey.Fold(Scalar(r, "to") ?? "") == to);
                if (match is null)
                {
                    yield return Error(file, $"$.spec.surnameRanges[{i}]", ranges[i],
                        LocalizedText.Of("organization.staff.rule.unknown-range", ("range", $"{from}–{to}"), ("unit", code)));
                }
                else if (Scalar(match, "caseworker") is { } other && other != file.Key)
                {
                    yield return Error(file, $"$.spec.surnameRanges[{i}]", ranges[i],
                        LocalizedText.Of("organization.staff.rule.range-of-other", ("range", $"{from}–{to}"), ("unit", code), ("caseworker", other)));
                }
            }
        }

        foreach (var (file, root) in read.Where(f => f.File.Kind == SurnameRangesKind.Name))
        {
            var ranges = Items(Spec(root!), "ranges");
            for (var i = 0; i < ranges.Count; i++)
            {
                if (Scalar(ranges[i], "caseworker") is { } caseworker && trainees.Contains(caseworker))
                {
                    yield return Error(file, $"$.spec.ranges[{i}].caseworker", ranges[i].Children.First(c => c.Key is YamlScalarNode { Value: "caseworker" }).Value,
                        LocalizedText.Of("organization.staff.rule.range-for-trainee", ("caseworker", caseworker)));
                }
            }
        }
    }

    private static MetadataError Error(ConfigurationFile file, string path, YamlNode node, LocalizedText text) =>
        new(file.File, path, (int)node.Start.Line, (int)node.Start.Column, text);

    /// <summary>The document's root mapping; the file passed the platform's parser (and its limits) before this runs.</summary>
    private static YamlMappingNode? Root(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count == 1 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
    }

    private static YamlMappingNode Spec(YamlMappingNode root) => Child(root, "spec") as YamlMappingNode ?? new YamlMappingNode();

    private static YamlNode? Child(YamlMappingNode node, string name) =>
        node.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } key } && key == name).Value;

    private static string? Scalar(YamlMappingNode node, string name) => (Child(node, name) as YamlScalarNode)?.Value;

    private static List<YamlNode> Nodes(YamlMappingNode node, string name) => (Child(node, name) as YamlSequenceNode)?.Children.ToList() ?? [];

    private static List<YamlMappingNode> Items(YamlMappingNode node, string name) => [.. Nodes(node, name).OfType<YamlMappingNode>()];
}
