using System.Globalization;
using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Organization.Features.Locations;

/// <summary>A place where the authority serves people: address, opening hours, counters, services.</summary>
internal static class LocationKind
{
    public const string Name = "location";

    /// <summary>The days opening hours may name, Monday to Sunday: the schema's and the portal's (<see cref="OpeningWeek"/>).</summary>
    public static readonly string[] Weekdays = OpeningWeek.Days.Select(OpeningWeek.Name).ToArray();

    public static MetadataKind Create() => new(Name, OrganizationModule.ModuleName, Schema) { Validate = Rules };

    /// <summary>Opening hours: "from" before "to", and no two ranges of a day overlap.</summary>
    internal static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        if (spec["openingHours"] is JsonObject hours)
        {
            foreach (var (day, ranges) in hours)
            {
                var parsed = new List<(TimeOnly From, TimeOnly To, int Index)>();
                var index = 0;
                foreach (var range in ranges?.AsArray() ?? [])
                {
                    var path = $"$.openingHours.{day}[{index}]";
                    var text = range?.GetValue<string>() ?? "";
                    if (!TryParseRange(text, out var from, out var to))
                    {
                        yield return new MetadataRuleError(path, LocalizedText.Of("organization.rule.time-range-format", ("range", text)));
                    }
                    else if (from >= to)
                    {
                        yield return new MetadataRuleError(path, LocalizedText.Of("organization.rule.time-range-order", ("range", text)));
                    }
                    else
                    {
                        parsed.Add((from, to, index));
                    }

                    index++;
                }

                var ordered = parsed.OrderBy(r => r.From).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    if (ordered[i].From < ordered[i - 1].To)
                    {
                        yield return new MetadataRuleError($"$.openingHours.{day}[{ordered[i].Index}]", new LocalizedText("organization.rule.time-range-overlap"));
                    }
                }
            }
        }

        var counters = spec["counters"]?.AsArray() ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < counters.Count; i++)
        {
            if (counters[i]?["key"]?.GetValue<string>() is { } key && !seen.Add(key))
            {
                yield return new MetadataRuleError($"$.counters[{i}].key", LocalizedText.Of("organization.rule.counter-twice", ("key", key)));
            }
        }
    }

    internal static bool TryParseRange(string text, out TimeOnly from, out TimeOnly to)
    {
        from = to = default;
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2
               && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out from)
               && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out to);
    }

    private const string Day = """{ "type": "array", "items": { "type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]$" } }""";

    private static readonly string Schema = $$"""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["name", "address", "openingHours"],
          "properties": {
            "name": { "type": "string", "minLength": 2, "maxLength": 200 },
            "nameEn": { "type": "string", "maxLength": 200 },
            "address": {
              "type": "object", "additionalProperties": false, "required": ["street", "postalCode", "city"],
              "properties": {
                "street": { "type": "string", "minLength": 2 },
                "postalCode": { "type": "string", "pattern": "^[0-9]{5}$" },
                "city": { "type": "string", "minLength": 2 },
                "room": { "type": "string" }
              }
            },
            "openingHours": {
              "type": "object", "additionalProperties": false, "x-editor": "weekly-hours",
              "properties": {
                {{string.Join(", ", Weekdays.Select(day => $"\"{day}\": {Day}"))}}
              }
            },
            "appointmentOnly": { "type": "boolean" },
            "counters": {
              "type": "array",
              "items": {
                "type": "object", "additionalProperties": false, "required": ["key", "name", "kind"],
                "properties": {
                  "key": { "type": "string", "pattern": "^[a-z0-9-]+$" },
                  "name": { "type": "string" },
                  "kind": { "type": "string", "enum": ["front-office", "back-office", "pickup", "check-in", "self-service"] }
                }
              }
            },
            "services": { "type": "array", "items": { "type": "string", "pattern": "^[a-z0-9-]+$" }, "uniqueItems": true },
            "accessibility": { "type": "string" },
            "accessibilityEn": { "type": "string" },
            "note": { "type": "string" },
            "noteEn": { "type": "string" }
          }
        }
        """;
}
