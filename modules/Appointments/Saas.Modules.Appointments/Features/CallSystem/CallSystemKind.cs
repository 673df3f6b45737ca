namespace Saas.Modules.Appointments.Features.CallSystem;

/// <summary>
/// The <c>call-system</c> kind (docs/adr/0037): one document per location with a call system. What one document can
/// say is checked here (a zone or letter named twice, a service waiting in a zone that does not exist, a counter in two
/// zones, a zone no service waits in); that the location, its counters and services exist is checked across the folder
/// (<see cref="CallSystemReferences"/>).
/// </summary>
internal static class CallSystemKind
{
    public const string Name = "call-system";

    public static MetadataKind Create() => new(Name, AppointmentsModule.ModuleName, Schema) { Validate = Rules };

    internal static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        var system = CallSystemDefinition.Read("", spec);
        var zones = new HashSet<string>(StringComparer.Ordinal);
        var counters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < system.Zones.Count; i++)
        {
            var zone = system.Zones[i];
            if (!zones.Add(zone.Key))
            {
                yield return new MetadataRuleError($"$.zones[{i}].key", LocalizedText.Of("appointments.rule.call-zone-twice", ("zone", zone.Key)));
            }

            for (var c = 0; c < zone.Counters.Count; c++)
            {
                if (!counters.TryAdd(zone.Counters[c], zone.Key) && counters[zone.Counters[c]] != zone.Key)
                {
                    yield return new MetadataRuleError($"$.zones[{i}].counters[{c}]",
                        LocalizedText.Of("appointments.rule.call-counter-two-zones", ("counter", zone.Counters[c]), ("zone", counters[zone.Counters[c]])));
                }
            }
        }

        var services = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < system.Services.Count; i++)
        {
            var service = system.Services[i];
            if (!services.Add(service.Service))
            {
                yield return new MetadataRuleError($"$.services[{i}].service", LocalizedText.Of("appointments.rule.call-service-twice", ("service", service.Service)));
            }

            if (!zones.Contains(service.Zone))
            {
                yield return new MetadataRuleError($"$.services[{i}].zone",
                    LocalizedText.Of("appointments.rule.call-unknown-zone", ("zone", service.Zone), ("known", string.Join(", ", zones.Order(StringComparer.Ordinal)))));
            }

            // Two services with one letter would give two people the same number on the display.
            if (!prefixes.TryAdd(service.Prefix, service.Service))
            {
                yield return new MetadataRuleError($"$.services[{i}].prefix",
                    LocalizedText.Of("appointments.rule.call-prefix-twice", ("prefix", service.Prefix), ("other", prefixes[service.Prefix])));
            }
        }

        for (var i = 0; i < system.Zones.Count; i++)
        {
            if (!system.Services.Any(s => s.Zone == system.Zones[i].Key))
            {
                yield return new MetadataRuleError($"$.zones[{i}].key", LocalizedText.Of("appointments.rule.call-zone-empty", ("zone", system.Zones[i].Key)));
            }
        }
    }

    private const string Schema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["location", "zones", "services"],
          "properties": {
            "location": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
            "rule": { "enum": ["appointments-first", "arrival-order"] },
            "onTimeMinutes": { "type": "integer", "minimum": 0, "maximum": 120 },
            "checkIn": {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "earlyMinutes": { "type": "integer", "minimum": 0, "maximum": 240 },
                "lateMinutes": { "type": "integer", "minimum": 0, "maximum": 240 }
              }
            },
            "zones": {
              "type": "array",
              "minItems": 1,
              "maxItems": 20,
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["key", "name", "counters"],
                "properties": {
                  "key": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
                  "name": { "type": "string", "minLength": 1, "maxLength": 100 },
                  "nameEn": { "type": "string", "minLength": 1, "maxLength": 100 },
                  "counters": { "type": "array", "minItems": 1, "maxItems": 50, "items": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" } }
                }
              }
            },
            "services": {
              "type": "array",
              "minItems": 1,
              "maxItems": 50,
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["service", "name", "zone", "prefix"],
                "properties": {
                  "service": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
                  "name": { "type": "string", "minLength": 1, "maxLength": 100 },
                  "nameEn": { "type": "string", "minLength": 1, "maxLength": 100 },
                  "zone": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
                  "prefix": { "type": "string", "pattern": "^[A-Z]{1,2}$" },
                  "walkIn": { "type": "boolean" }
                }
              }
            }
          }
        }
        """;
}
