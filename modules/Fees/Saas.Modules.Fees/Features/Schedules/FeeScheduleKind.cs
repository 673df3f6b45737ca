namespace Saas.Modules.Fees.Features.Schedules;

/// <summary>
/// The metadata kind <c>fee-schedule</c> (docs/adr/0027): tariff lines (code, names, legal basis, amount in EUR, valid
/// from/to, whether the amount was checked against the legal text) and rules (when, amount, legal basis) in the
/// kernel's expression language. What one document can say is checked here: every line and rule cites its legal
/// basis, one code's lines do not overlap in time, and every expression type-checks, its errors located by line and
/// column inside the YAML. The platform's federal schedule (<c>tenants/_platform/fees/</c>) is checked by the same rules.
/// </summary>
internal static class FeeScheduleKind
{
    public const string Name = "fee-schedule";

    public static MetadataKind Create() => new(Name, FeesModule.ModuleName, Schema) { Validate = Rules, ValidateDocument = ExpressionRules };

    internal static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        var schedule = FeeSchedule.Read("", spec);
        var lines = spec["lines"]?.AsArray() ?? [];
        for (var i = 0; i < schedule.Lines.Count; i++)
        {
            var line = schedule.Lines[i];
            if (string.IsNullOrWhiteSpace(line.LegalBasis))
            {
                yield return Error(line.Path, "fees.rule.line-legal-basis", ("code", line.Code));
            }

            if (FeeSchedule.Date(lines[i]?["validFrom"]) is null)
            {
                yield return Error(line.Path + ".validFrom", "fees.rule.no-date", ("value", lines[i]?["validFrom"]?.ToString()));
            }

            if (lines[i]?["validTo"] is { } to && FeeSchedule.Date(to) is null)
            {
                yield return Error(line.Path + ".validTo", "fees.rule.no-date", ("value", to.ToString()));
            }
            else if (line.ValidTo is { } end && end < line.ValidFrom)
            {
                yield return Error(line.Path + ".validTo", "fees.rule.ends-before-start", ("code", line.Code));
            }

            if (!line.Confirmed && string.IsNullOrWhiteSpace(line.Note))
            {
                yield return Error(line.Path + ".confirmed", "fees.rule.unconfirmed-without-note", ("code", line.Code));
            }

            // Two lines of one code may follow each other (the old amount until a date, the new one from the next day), never overlap.
            for (var j = 0; j < i; j++)
            {
                var other = schedule.Lines[j];
                if (other.Code == line.Code && line.ValidFrom <= (other.ValidTo ?? DateOnly.MaxValue) && other.ValidFrom <= (line.ValidTo ?? DateOnly.MaxValue))
                {
                    yield return Error(line.Path + ".validFrom", "fees.rule.overlap", ("code", line.Code), ("line", j + 1));
                }
            }
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in schedule.Rules)
        {
            if (!keys.Add(rule.Key))
            {
                yield return Error(rule.Path + ".key", "fees.rule.rule-twice", ("rule", rule.Key));
            }

            if (string.IsNullOrWhiteSpace(rule.LegalBasis))
            {
                yield return Error(rule.Path, "fees.rule.rule-legal-basis", ("rule", rule.Key));
            }

            if (!rule.Confirmed && string.IsNullOrWhiteSpace(rule.Note))
            {
                yield return Error(rule.Path + ".confirmed", "fees.rule.unconfirmed-without-note", ("code", rule.Key));
            }
        }
    }

    /// <summary>Every rule's expressions compile against the case facts and the document's own tariffs; errors point into the YAML scalar.</summary>
    internal static IEnumerable<MetadataRuleError> ExpressionRules(MetadataRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var schedule = FeeSchedule.Read("", context.Spec);
        var (_, errors) = FeeRuleCompiler.Compile(schedule.Rules, FeeRuleCompiler.SchemaOf(schedule.Lines.Select(l => l.Code)), context.Yaml, context.LocateValue);
        foreach (var (path, error) in errors)
        {
            yield return new MetadataRuleError(path, LocalizedText.Of("fees.rule.expression", ("error", error.Message)))
            {
                Line = error.Line,
                Column = error.Column,
            };
        }
    }

    private static MetadataRuleError Error(string path, string key, params (string Name, object? Value)[] arguments) =>
        new(path, LocalizedText.Of(key, arguments));

    private const string Text = """{ "type": "string", "minLength": 1, "maxLength": 300 }""";

    private const string Date = """{ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }""";

    private const string Expression = """{ "type": "string", "minLength": 1, "maxLength": 4000 }""";

    private const string Schema = $$"""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["name", "lines"],
          "properties": {
            "name": {{Text}},
            "nameEn": {{Text}},
            "description": { "type": "string", "maxLength": 4000 },
            "lines": {
              "type": "array", "maxItems": 500,
              "items": {
                "type": "object", "additionalProperties": false, "required": ["code", "name", "amount", "category", "validFrom"],
                "properties": {
                  "code": { "type": "string", "pattern": "^[a-z][a-z0-9_]{1,59}$" },
                  "name": {{Text}},
                  "nameEn": {{Text}},
                  "legalBasis": { "type": "string", "maxLength": 300 },
                  "amount": { "type": "number", "minimum": 0, "maximum": 100000 },
                  "category": { "type": "string", "pattern": "^[a-z][a-z0-9-]{1,39}$" },
                  "validFrom": {{Date}},
                  "validTo": {{Date}},
                  "confirmed": { "type": "boolean" },
                  "note": { "type": "string", "maxLength": 2000 },
                  "payment": { "enum": ["none", "optional", "before-submission", "afterwards"] }
                }
              }
            },
            "rules": {
              "type": "array", "maxItems": 100,
              "items": {
                "type": "object", "additionalProperties": false, "required": ["key", "name", "when", "amount"],
                "properties": {
                  "key": { "type": "string", "pattern": "^[a-z][a-z0-9-]{1,59}$" },
                  "name": {{Text}},
                  "nameEn": {{Text}},
                  "legalBasis": { "type": "string", "maxLength": 300 },
                  "when": {{Expression}},
                  "amount": {{Expression}},
                  "final": { "type": "boolean" },
                  "confirmed": { "type": "boolean" },
                  "note": { "type": "string", "maxLength": 2000 }
                }
              }
            }
          }
        }
        """;
}
