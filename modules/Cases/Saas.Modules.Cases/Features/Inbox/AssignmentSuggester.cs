using Saas.Modules.Cases.Features.PersonSearch;
using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Cases.Features.Inbox;

/// <summary>A file an inbox item probably belongs to, with the reasons and who is responsible for it.</summary>
internal sealed record AssignmentSuggestion(
    Guid FileId,
    string FileNumber,
    string Name,
    DateOnly? BirthDate,
    int Score,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<ResponsibleCaseworker> Responsible);

/// <summary>
/// Ranks the files an incoming letter or mail may belong to: a file number found in the text is the strongest
/// sign, then a name that sounds like the person's (Kölner Phonetik, so Mohammed and Muhammad meet) together with
/// their birth date, then the name alone. The surname ranges say which caseworker is responsible. Only the
/// current authority's files are considered (its database filter and row-level security).
/// </summary>
internal sealed partial class AssignmentSuggester(CasesDbContext db, IOrganizationDirectory organization)
{
    /// <summary>How suggestions are stored with an item (jsonb) and read back.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const int FileNumberScore = 100;
    public const int NameAndBirthDateScore = 80;
    public const int BirthDateScore = 25;
    public const int NameScore = 30;

    public async Task<IReadOnlyList<AssignmentSuggestion>> SuggestAsync(string text, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = TokenPattern().Matches(text).Select(m => m.Value.Trim('.', '-', '/')).Where(t => t.Any(char.IsDigit)).Distinct().Take(500).ToList();
        var dates = DatePattern().Matches(text).Select(ParseDate).OfType<DateOnly>().Distinct().Take(50).ToList();
        var codes = NamePattern().Matches(text).Select(m => KoelnerPhonetik.Encode(m.Value)).Where(c => c.Length >= 2).Distinct().Take(300).ToList();

        var scores = new Dictionary<Guid, (int Score, List<string> Reasons)>();
        void Add(Guid id, int score, string reason)
        {
            var entry = scores.TryGetValue(id, out var e) ? e : (0, new List<string>());
            entry.Item2.Add(reason);
            scores[id] = (Math.Max(entry.Item1, score), entry.Item2);
        }

        if (tokens.Count > 0)
        {
            var upper = tokens.Select(t => t.ToUpperInvariant()).ToList();
            foreach (var id in await db.CaseFiles.AsNoTracking().Where(f => upper.Contains(f.FileNumber.ToUpper())).Select(f => f.Id).ToListAsync(ct))
            {
                Add(id, FileNumberScore, "file-number");
            }
        }

        var byName = codes.Count == 0
            ? []
            : await db.CaseFiles.AsNoTracking().Where(f => f.PhoneticCodes.Any(c => codes.Contains(c))).Select(f => new { f.Id, f.BirthDate })
                .Take(200).ToListAsync(ct);
        foreach (var file in byName)
        {
            var birthDateMatches = file.BirthDate is { } birth && dates.Contains(birth);
            Add(file.Id, birthDateMatches ? NameAndBirthDateScore : NameScore, birthDateMatches ? "name-and-birth-date" : "name");
        }

        if (dates.Count > 0)
        {
            foreach (var id in await db.CaseFiles.AsNoTracking().Where(f => f.BirthDate != null && dates.Contains(f.BirthDate.Value)).Select(f => f.Id)
                         .Take(200).ToListAsync(ct))
            {
                Add(id, BirthDateScore, "birth-date");
            }
        }

        var best = scores.OrderByDescending(s => s.Value.Score).Take(limit).ToList();
        var ids = best.Select(b => b.Key).ToList();
        var files = await db.CaseFiles.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        var suggestions = new List<AssignmentSuggestion>();
        foreach (var (id, (score, reasons)) in best)
        {
            var file = files[id];
            suggestions.Add(new AssignmentSuggestion(id, file.FileNumber, $"{file.Surname}, {file.GivenNames}".TrimEnd(' ', ','), file.BirthDate, score,
                reasons.Distinct().ToList(), await organization.FindResponsibleCaseworkersAsync(file.Surname, ct)));
        }

        return suggestions.OrderByDescending(s => s.Score).ThenBy(s => s.FileNumber, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Stores ranked suggestions on an inbox item together with who is responsible for it: the caseworkers whose
    /// surname ranges cover the best suggestion's surname (one per unit), or nobody. "Mein Posteingang" filters on
    /// that column, so the list stays one indexed query.
    /// </summary>
    public static void Apply(InboxItem item, IReadOnlyList<AssignmentSuggestion> suggestions)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(suggestions);
        item.Suggestions = JsonSerializer.Serialize(suggestions, AssignmentSuggester.Json);
        item.ResponsibleCaseworkers = suggestions.Count == 0
            ? []
            : suggestions[0].Responsible.Select(r => r.Caseworker).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static DateOnly? ParseDate(Match match) =>
        DateOnly.TryParseExact($"{int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture):D2}.{int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture):D2}.{match.Groups[3].Value}",
            "dd.MM.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    [GeneratedRegex(@"[\p{L}\d][\p{L}\d./-]{3,40}")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}'-]{2,}\b")]
    private static partial Regex NamePattern();
}
