using Saas.Modules.Organization.Contracts;
using Saas.Modules.Organization.Features.SurnameRanges;

namespace Saas.Modules.Organization.Features.Staff;

/// <summary>
/// A caseworker as configuration (docs/adr/0022): one document per person, keyed by their sign-in name, with their
/// units (keys of unit documents), surname ranges, specialisations, training stage and signing authorities by legal
/// basis. What one document can say is checked here; whether its units and ranges exist is checked across the
/// authority's documents (<see cref="StaffReferences"/>).
/// </summary>
internal static class StaffKind
{
    public const string Name = "staff";

    public const string Trainee = "trainee";

    public const string Qualified = "qualified";

    public static MetadataKind Create() => new(Name, OrganizationModule.ModuleName, Schema) { Validate = Rules };

    internal static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        var stage = spec["stage"]?.GetValue<string>();
        var ranges = spec["surnameRanges"]?.AsArray() ?? [];
        if (stage == Trainee && ranges.Count > 0)
        {
            // Seeds, recommendation 9: new staff get no surname range (Buchstabengruppe) while they are trained.
            yield return new MetadataRuleError("$.surnameRanges", new LocalizedText("organization.staff.rule.trainee-range"));
        }

        var authorities = spec["signingAuthorities"]?.AsArray() ?? [];
        for (var i = 0; i < authorities.Count; i++)
        {
            var code = authorities[i]?.GetValue<string>();
            if (!LegalBases.IsKnown(code))
            {
                yield return new MetadataRuleError($"$.signingAuthorities[{i}]",
                    LocalizedText.Of("organization.staff.rule.unknown-legal-basis", ("value", code), ("example", "AufenthG-18a")));
            }
        }

        var units = (spec["units"]?.AsArray() ?? []).Select(u => u?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < ranges.Count; i++)
        {
            var unit = ranges[i]?["unit"]?.GetValue<string>();
            var from = SurnameKey.Fold(ranges[i]?["from"]?.GetValue<string>() ?? "");
            var to = SurnameKey.Fold(ranges[i]?["to"]?.GetValue<string>() ?? "");
            if (string.CompareOrdinal(from, to) > 0)
            {
                yield return new MetadataRuleError($"$.surnameRanges[{i}]", LocalizedText.Of("organization.rule.surname-range-order", ("from", from), ("to", to)));
            }

            if (!units.Contains(unit))
            {
                yield return new MetadataRuleError($"$.surnameRanges[{i}].unit", LocalizedText.Of("organization.staff.rule.range-outside-units", ("unit", unit)));
            }
        }
    }

    private const string Schema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["stage", "units"],
          "properties": {
            "name": { "type": "string", "minLength": 2, "maxLength": 200 },
            "stage": { "enum": ["trainee", "qualified"] },
            "units": {
              "type": "array", "minItems": 1, "maxItems": 20, "uniqueItems": true,
              "items": { "type": "string", "pattern": "^[a-z0-9-]+$", "x-reference": "unit" }
            },
            "surnameRanges": {
              "type": "array", "maxItems": 50,
              "items": {
                "type": "object", "additionalProperties": false, "required": ["unit", "from", "to"],
                "properties": {
                  "unit": { "type": "string", "pattern": "^[a-z0-9-]+$", "x-reference": "unit" },
                  "from": { "type": "string", "pattern": "^[A-Za-zÄÖÜäöü]{1,3}$" },
                  "to": { "type": "string", "pattern": "^[A-Za-zÄÖÜäöü]{1,3}$" }
                }
              }
            },
            "specialisations": {
              "type": "array", "maxItems": 50, "uniqueItems": true,
              "items": { "type": "string", "pattern": "^[a-z0-9-]{2,60}$" }
            },
            "signingAuthorities": {
              "type": "array", "maxItems": 100, "uniqueItems": true,
              "items": { "type": "string", "pattern": "^AufenthG-[0-9]{1,3}[a-z]?$" }
            }
          }
        }
        """;
}
