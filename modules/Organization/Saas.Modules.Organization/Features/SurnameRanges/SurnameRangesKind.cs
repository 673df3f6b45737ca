namespace Saas.Modules.Organization.Features.SurnameRanges;

/// <summary>
/// Which caseworker of a unit is responsible for which surnames (Buchstabengruppen), e.g. A–D → m.yilmaz.
/// Ranges are inclusive, compared on the folded first letters (see <see cref="SurnameKey"/>), and must not overlap.
/// </summary>
internal static class SurnameRangesKind
{
    public const string Name = "surname-ranges";

    public static MetadataKind Create() => new(Name, OrganizationModule.ModuleName, Schema) { Validate = Rules };

    internal static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        var ranges = spec["ranges"]?.AsArray() ?? [];
        var parsed = new List<(string From, string To, int Index)>();
        for (var i = 0; i < ranges.Count; i++)
        {
            var from = SurnameKey.Fold(ranges[i]?["from"]?.GetValue<string>() ?? "");
            var to = SurnameKey.Fold(ranges[i]?["to"]?.GetValue<string>() ?? "");
            if (string.CompareOrdinal(from, to) > 0)
            {
                yield return new MetadataRuleError($"$.ranges[{i}]", LocalizedText.Of("organization.rule.surname-range-order", ("from", from), ("to", to)));
                continue;
            }

            parsed.Add((from, to, i));
        }

        var ordered = parsed.OrderBy(r => r.From, StringComparer.Ordinal).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (SurnameKey.Covers(ordered[i - 1].From, ordered[i - 1].To, ordered[i].From))
            {
                yield return new MetadataRuleError($"$.ranges[{ordered[i].Index}]",
                    LocalizedText.Of("organization.rule.surname-range-overlap", ("range", $"{ordered[i].From}–{ordered[i].To}"), ("other", $"{ordered[i - 1].From}–{ordered[i - 1].To}")));
            }
        }
    }

    private const string Schema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["unit", "ranges"],
          "properties": {
            "unit": { "type": "string", "x-reference": "unit", "x-reference-field": "code" },
            "ranges": {
              "type": "array", "minItems": 1,
              "items": {
                "type": "object", "additionalProperties": false, "required": ["from", "to", "caseworker"],
                "properties": {
                  "from": { "type": "string", "pattern": "^[A-Za-zÄÖÜäöü]{1,3}$" },
                  "to": { "type": "string", "pattern": "^[A-Za-zÄÖÜäöü]{1,3}$" },
                  "caseworker": { "type": "string", "pattern": "^[a-z0-9._-]+$" }
                }
              }
            }
          }
        }
        """;
}

/// <summary>How a surname is filed and whether a range covers it: the rule is <see cref="Contracts.SurnameKeys"/>, shared with other modules.</summary>
internal static class SurnameKey
{
    public static string Fold(string surname) => Contracts.SurnameKeys.Fold(surname);

    /// <summary>Whether the range from–to (folded prefixes, inclusive) covers a folded surname.</summary>
    public static bool Covers(string from, string to, string folded) => Contracts.SurnameKeys.Covers(from, to, folded);
}
