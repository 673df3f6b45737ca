using Saas.Platform.Modules;
using YamlDotNet.RepresentationModel;
using static Saas.Modules.Appointments.SpecValues;

namespace Saas.Modules.Appointments.Features.Definitions;

/// <summary>
/// What an appointment type names must exist across the authority's folder (docs/adr/0028): its location among the
/// <c>location</c> documents, its service among that location's services; and two types for the same location and
/// service would be overlapping rules for the same slots, so the second is refused. Errors name the file, line and column.
/// </summary>
internal sealed class AppointmentTypeReferences : IConfigurationSetCheck
{
    private const string LocationKind = "location";

    private const string DocumentTypeKind = "document-type";

    public IEnumerable<MetadataError> Check(IReadOnlyList<ConfigurationFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var types = files.Where(f => f.Kind == AppointmentTypeKind.Name).OrderBy(f => f.File, StringComparer.Ordinal).ToList();
        if (types.Count == 0)
        {
            yield break;
        }

        var locations = files.Where(f => f.Kind == LocationKind)
            .ToDictionary(f => f.Key, f => Services(YamlSpec(f.Yaml)), StringComparer.Ordinal);
        var documentTypes = files.Where(f => f.Kind == DocumentTypeKind).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var taken = new Dictionary<(string, string), string>();
        foreach (var file in types)
        {
            var spec = YamlSpec(file.Yaml);
            var location = Scalar(spec, "location");
            var service = Scalar(spec, "service");
            if (spec.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "video" }).Value is YamlMappingNode video
                && Scalar(video, "documentType") is { Value.Length: > 0 } documentType && !documentTypes.Contains(documentType.Value))
            {
                yield return new MetadataError(file.File, "$.spec.video.documentType", documentType.Line, documentType.Column,
                    LocalizedText.Of("appointments.rule.unknown-document-type",
                        ("documentType", documentType.Value), ("known", string.Join(", ", documentTypes.Order(StringComparer.Ordinal)))));
            }

            if (!locations.TryGetValue(location.Value, out var services))
            {
                yield return new MetadataError(file.File, "$.spec.location", location.Line, location.Column,
                    LocalizedText.Of("appointments.rule.unknown-location",
                        ("location", location.Value), ("known", string.Join(", ", locations.Keys.Order(StringComparer.Ordinal)))));
                continue;
            }

            if (!services.Contains(service.Value))
            {
                yield return new MetadataError(file.File, "$.spec.service", service.Line, service.Column,
                    LocalizedText.Of("appointments.rule.unknown-service",
                        ("service", service.Value), ("location", location.Value), ("known", string.Join(", ", services.Order(StringComparer.Ordinal)))));
                continue;
            }

            if (!taken.TryAdd((location.Value, service.Value), file.Key))
            {
                yield return new MetadataError(file.File, "$.spec.service", service.Line, service.Column,
                    LocalizedText.Of("appointments.rule.overlapping-type",
                        ("service", service.Value), ("location", location.Value), ("other", taken[(location.Value, service.Value)])));
            }
        }
    }

    private static (string Value, int? Line, int? Column) Scalar(YamlMappingNode spec, string name)
    {
        var node = spec.Children.FirstOrDefault(c => c.Key is YamlScalarNode key && key.Value == name).Value;
        return node is null ? ("", null, null) : ((node as YamlScalarNode)?.Value ?? "", (int)node.Start.Line, (int)node.Start.Column);
    }

    private static HashSet<string> Services(YamlMappingNode spec) =>
        (spec.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "services" }).Value as YamlSequenceNode)?.Children
            .OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToHashSet(StringComparer.Ordinal) ?? [];
}
