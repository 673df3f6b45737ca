namespace Saas.Modules.Cases.Features.Retention;

/// <summary>When a retention period starts.</summary>
internal enum RetentionTrigger
{
    /// <summary>The person moved out of the district or left Germany (AufenthV § 68).</summary>
    PersonDeparted,

    /// <summary>The case (procedure) the document belongs to was closed, optionally with a given outcome.</summary>
    CaseClosed,

    /// <summary>The document was added.</summary>
    DocumentCreated,
}

/// <summary>A retention rule from metadata: which documents, from when, for how long.</summary>
internal sealed record RetentionRule(string Key, IReadOnlyList<string> DocumentTypes, IReadOnlyList<string> Outcomes, RetentionTrigger Trigger, int Years)
{
    public bool AppliesToAllTypes => DocumentTypes.Contains("*");
}

/// <summary>What retention needs to know of one document.</summary>
internal sealed record RetentionFacts(string DocumentType, DateTimeOffset CreatedAt, DateOnly? PersonDepartedAt, DateTimeOffset? CaseClosedAt, string? CaseOutcome);

/// <summary>
/// Decides when a document may be deleted. Rules that name the document's type take precedence over rules for
/// all types (*). Of the rules that apply, every one must have started and run out — a document is kept as long
/// as any applicable rule still keeps it (the latest date wins), and a document no rule covers is never deleted.
/// </summary>
internal static class RetentionPolicy
{
    public static (DateOnly DueAt, string Rule)? DueDate(RetentionFacts facts, IReadOnlyList<RetentionRule> rules)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rules);
        var specific = rules.Where(r => r.DocumentTypes.Contains(facts.DocumentType)).ToList();
        var applicable = specific.Count > 0 ? specific : rules.Where(r => r.AppliesToAllTypes).ToList();

        // A rule limited to outcomes applies only to documents of a case closed with one of them.
        applicable = applicable.Where(r => r.Outcomes.Count == 0 || (facts.CaseOutcome is { } o && r.Outcomes.Contains(o))).ToList();
        if (applicable.Count == 0)
        {
            return null;
        }

        (DateOnly DueAt, string Rule)? latest = null;
        foreach (var rule in applicable)
        {
            DateOnly? start = rule.Trigger switch
            {
                RetentionTrigger.PersonDeparted => facts.PersonDepartedAt,
                RetentionTrigger.CaseClosed => facts.CaseClosedAt is { } closed ? DateOnly.FromDateTime(closed.UtcDateTime) : null,
                _ => DateOnly.FromDateTime(facts.CreatedAt.UtcDateTime),
            };
            if (start is not { } begin)
            {
                return null; // this rule has not started: keep
            }

            // Periods run to the end of the calendar year in which they end (as files are weeded yearly).
            var due = new DateOnly(begin.AddYears(rule.Years).Year, 12, 31);
            if (latest is null || due > latest.Value.DueAt)
            {
                latest = (due, rule.Key);
            }
        }

        return latest;
    }

    public static RetentionRule FromMetadata(string key, JsonNode spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new RetentionRule(
            key,
            spec["documentTypes"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? ["*"],
            spec["outcomes"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [],
            spec["trigger"]!.GetValue<string>() switch
            {
                "person-departed" => RetentionTrigger.PersonDeparted,
                "procedure-closed" => RetentionTrigger.CaseClosed,
                _ => RetentionTrigger.DocumentCreated,
            },
            spec["years"]!.GetValue<int>());
    }
}

/// <summary>Metadata kind <c>retention-rule</c>.</summary>
internal static class RetentionRuleKind
{
    public const string Name = "retention-rule";

    public static MetadataKind Create() => new(Name, CasesModule.ModuleName, Schema) { Validate = Rules };

    private static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        var types = spec["documentTypes"]?.AsArray().Select(t => t?.GetValue<string>()).ToList() ?? [];
        if (types.Contains("*") && types.Count > 1)
        {
            yield return new MetadataRuleError("$.documentTypes", new LocalizedText("cases.rule.retention.wildcard-combined"));
        }

        if (spec["outcomes"] is JsonArray { Count: > 0 } && spec["trigger"]?.GetValue<string>() != "procedure-closed")
        {
            yield return new MetadataRuleError("$.outcomes", new LocalizedText("cases.rule.retention.outcomes-trigger"));
        }
    }

    private const string Schema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["name", "documentTypes", "trigger", "years"],
          "properties": {
            "name": { "type": "string", "minLength": 1 },
            "legalBasis": { "type": "string" },
            "documentTypes": { "type": "array", "minItems": 1, "items": { "type": "string", "pattern": "^(\\*|[a-z0-9-]+)$", "x-reference": "document-type" } },
            "outcomes": { "type": "array", "items": { "type": "string", "minLength": 1 } },
            "trigger": { "enum": ["person-departed", "procedure-closed", "document-created"] },
            "years": { "type": "integer", "minimum": 1, "maximum": 100 }
          }
        }
        """;
}

/// <summary>Metadata kind <c>document-type</c>: the authority's catalogue of document types.</summary>
internal static class DocumentTypeKind
{
    public const string Name = "document-type";

    public static MetadataKind Create() => new(Name, CasesModule.ModuleName, Schema);

    private const string Schema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["name"],
          "properties": {
            "name": { "type": "string", "minLength": 1 },
            "nameEn": { "type": "string" },
            "group": { "type": "string" }
          }
        }
        """;
}
