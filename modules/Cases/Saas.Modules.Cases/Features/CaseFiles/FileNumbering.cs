namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>
/// Metadata kind <c>file-numbering</c> (key <c>default</c>): the authority's file number scheme, e.g.
/// <c>A33-{year}-{seq:5}</c> gives A33-2026-00042. Tokens: <c>{year}</c>, <c>{seq:N}</c> (counter per year, N digits).
/// </summary>
internal static partial class FileNumbering
{
    public const string Kind = "file-numbering";

    public const string DefaultPattern = "{year}-{seq:6}";

    public static MetadataKind Create() => new(Kind, CasesModule.ModuleName, Schema) { Validate = Rules };

    /// <summary>The next file number for the current authority (the counter row is locked until the caller commits).</summary>
    public static async Task<string> NextAsync(CasesDbContext db, IMetadataStore metadata, DateTimeOffset now, CancellationToken ct)
    {
        var pattern = (await metadata.GetPublishedAsync(Kind, "default", ct))?.Spec["pattern"]?.GetValue<string>() ?? DefaultPattern;
        var year = now.Year;
        var value = await db.Database.SqlQuery<long>($"""
            INSERT INTO cases.file_number_counters AS c (tenant_id, year, next_value) VALUES ({db.CurrentTenantId}, {year}, 2)
            ON CONFLICT (tenant_id, year) DO UPDATE SET next_value = c.next_value + 1
            RETURNING next_value - 1 AS "Value"
            """).ToListAsync(ct);
        return Format(pattern, year, value.Single());
    }

    public static string Format(string pattern, int year, long sequence)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Token().Replace(pattern, m => m.Groups[1].Value == "year"
            ? year.ToString(CultureInfo.InvariantCulture)
            : sequence.ToString(CultureInfo.InvariantCulture).PadLeft(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), '0'));
    }

    private static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        var pattern = spec["pattern"]?.GetValue<string>() ?? "";
        if (!Token().Matches(pattern).Any(m => m.Groups[1].Value == "seq"))
        {
            yield return new MetadataRuleError("$.pattern", LocalizedText.Of("cases.rule.file-numbering.counter-missing", ("seq", "{seq:N}")));
        }

        var rest = new StringBuilder(Token().Replace(pattern, ""));
        if (rest.ToString().Any(c => c is '{' or '}'))
        {
            yield return new MetadataRuleError("$.pattern", LocalizedText.Of("cases.rule.file-numbering.unknown-token", ("year", "{year}"), ("seq", "{seq:N}")));
        }
    }

    [GeneratedRegex(@"\{(year|seq):?([1-9])?\}")]
    private static partial Regex Token();

    private const string Schema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["pattern"],
          "properties": {
            "pattern": { "type": "string", "minLength": 3, "maxLength": 60, "pattern": "^[A-Za-z0-9 ./{}:_-]+$" }
          }
        }
        """;
}
