using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.PersonSearch;

/// <summary>
/// Active files that probably belong to the same person: the same birth date, a surname (or variant) with the same
/// Kölner Phonetik code, and given names that sound alike (or are missing on one side). Without a birth date nothing
/// is "probable": a name alone is shared by too many people.
/// </summary>
internal static class ProbableDuplicates
{
    public const int Limit = 10;

    public static async Task<IReadOnlyList<CaseFileSummary>> FindAsync(CasesDbContext db, string surname, IReadOnlyList<string> variants, string givenNames,
        DateOnly? birthDate, Guid? except, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (birthDate is null)
        {
            return [];
        }

        var codes = new[] { surname }.Concat(variants).Select(KoelnerPhonetik.Encode).Where(c => c.Length > 0).Distinct().ToArray();
        var candidates = await db.CaseFiles.AsNoTracking()
            .Where(f => f.Status == CaseFiles.CaseFileStatus.Active && f.BirthDate == birthDate && f.PhoneticCodes.Any(c => codes.Contains(c))
                        && (except == null || f.Id != except))
            .OrderBy(f => f.CreatedAt)
            .Take(Limit * 5)
            .ToListAsync(ct);
        var given = GivenCodes(givenNames);
        return [.. candidates.Where(f => SoundAlike(given, GivenCodes(f.GivenNames))).Take(Limit).Select(CaseFiles.CaseFileView.Summary)];
    }

    /// <summary>Whether two files' data look like one person (for a merge): birth dates do not differ, surnames and given names sound alike.</summary>
    public static bool SamePerson(CaseFile a, CaseFile b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return (a.BirthDate is null || b.BirthDate is null || a.BirthDate == b.BirthDate)
               && a.PhoneticCodes.Intersect(b.PhoneticCodes).Any()
               && SoundAlike(GivenCodes(a.GivenNames), GivenCodes(b.GivenNames));
    }

    private static HashSet<string> GivenCodes(string names) =>
        [.. names.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(KoelnerPhonetik.Encode).Where(c => c.Length > 0)];

    private static bool SoundAlike(HashSet<string> a, HashSet<string> b) => a.Count == 0 || b.Count == 0 || a.Overlaps(b);
}
