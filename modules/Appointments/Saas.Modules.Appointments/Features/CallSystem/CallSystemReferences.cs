using Saas.Platform.Modules;
using YamlDotNet.RepresentationModel;
using static Saas.Modules.Appointments.SpecValues;

namespace Saas.Modules.Appointments.Features.CallSystem;

/// <summary>
/// What a call system names must exist across the authority's folder (docs/adr/0037): its location among the
/// <c>location</c> documents, each zone's counters among that location's counters, each service among its services;
/// and one location has one call system. Errors name the file, line and column.
/// </summary>
internal sealed class CallSystemReferences : IConfigurationSetCheck
{
    private const string LocationKind = "location";

    public IEnumerable<MetadataError> Check(IReadOnlyList<ConfigurationFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var systems = files.Where(f => f.Kind == CallSystemKind.Name).OrderBy(f => f.File, StringComparer.Ordinal).ToList();
        if (systems.Count == 0)
        {
            yield break;
        }

        var locations = files.Where(f => f.Kind == LocationKind).ToDictionary(f => f.Key, f => YamlSpec(f.Yaml), StringComparer.Ordinal);
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in systems)
        {
            var spec = YamlSpec(file.Yaml);
            var location = spec.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "location" }).Value as YamlScalarNode;
            var key = location?.Value ?? "";
            if (!locations.TryGetValue(key, out var place))
            {
                yield return Error(file, "$.spec.location", location, LocalizedText.Of("appointments.rule.unknown-location",
                    ("location", key), ("known", string.Join(", ", locations.Keys.Order(StringComparer.Ordinal)))));
                continue;
            }

            if (!taken.TryAdd(key, file.Key))
            {
                yield return Error(file, "$.spec.location", location, LocalizedText.Of("appointments.rule.call-system-twice", ("location", key), ("other", taken[key])));
                continue;
            }

            var counters = YamlSequence(place, "counters").OfType<YamlMappingNode>()
                .Select(c => (c.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "key" }).Value as YamlScalarNode)?.Value ?? "")
                .ToHashSet(StringComparer.Ordinal);
            var services = YamlSequence(place, "services").OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToHashSet(StringComparer.Ordinal);
            var zones = YamlSequence(spec, "zones").OfType<YamlMappingNode>().ToList();
            for (var z = 0; z < zones.Count; z++)
            {
                var zoneCounters = YamlSequence(zones[z], "counters").OfType<YamlScalarNode>().ToList();
                for (var c = 0; c < zoneCounters.Count; c++)
                {
                    if (!counters.Contains(zoneCounters[c].Value ?? ""))
                    {
                        yield return Error(file, $"$.spec.zones[{z}].counters[{c}]", zoneCounters[c], LocalizedText.Of("appointments.rule.call-unknown-counter",
                            ("counter", zoneCounters[c].Value ?? ""), ("location", key), ("known", string.Join(", ", counters.Order(StringComparer.Ordinal)))));
                    }
                }
            }

            var entries = YamlSequence(spec, "services").OfType<YamlMappingNode>().ToList();
            for (var s = 0; s < entries.Count; s++)
            {
                var service = entries[s].Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "service" }).Value as YamlScalarNode;
                if (service is not null && !services.Contains(service.Value ?? ""))
                {
                    yield return Error(file, $"$.spec.services[{s}].service", service, LocalizedText.Of("appointments.rule.unknown-service",
                        ("service", service.Value ?? ""), ("location", key), ("known", string.Join(", ", services.Order(StringComparer.Ordinal)))));
                }
            }
        }
    }
}
