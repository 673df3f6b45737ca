using Microsoft.AspNetCore.Http.HttpResults;
using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.PersonSearch;

/// <summary>
/// Finds persons by a name as it was heard or written: the same Kölner Phonetik code (Mohammed, Muhammad and
/// Mohamed share one) or a trigram similarity (typos), optionally narrowed by birth date. Best matches first.
/// </summary>
internal sealed class CaseFileDirectory(CasesDbContext db) : ICaseFileDirectory
{
    public async Task<CaseFileSummary?> FindAsync(Guid id, CancellationToken ct = default) =>
        await db.CaseFiles.AsNoTracking().Where(f => f.Id == id)
            .Select(f => new CaseFileSummary(f.Id, f.FileNumber, f.Surname, f.GivenNames, f.BirthDate, f.Nationalities))
            .SingleOrDefaultAsync(ct);

    public async Task<IReadOnlyList<CaseFileSummary>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ids.Count, 5_000);
        var wanted = ids.Distinct().ToArray();
        return await db.CaseFiles.AsNoTracking().Where(f => wanted.Contains(f.Id))
            .Select(f => new CaseFileSummary(f.Id, f.FileNumber, f.Surname, f.GivenNames, f.BirthDate, f.Nationalities))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<CaseFileSummary>> SearchPersonsAsync(string name, DateOnly? birthDate, int limit = 20, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var codes = words.Select(KoelnerPhonetik.Encode).Where(c => c.Length > 0).Distinct().ToArray();
        var text = name.Trim().ToLowerInvariant();
        var query = db.CaseFiles.AsNoTracking()
            .Where(f => f.PhoneticCodes.Any(c => codes.Contains(c)) || CasesSql.Similarity(f.SearchName, text) > 0.3);
        if (birthDate is not null)
        {
            query = query.Where(f => f.BirthDate == birthDate);
        }

        return await query
            .OrderByDescending(f => CasesSql.Similarity(f.SearchName, text))
            .ThenBy(f => f.Surname)
            .Take(Math.Clamp(limit, 1, 100))
            .Select(f => new CaseFileSummary(f.Id, f.FileNumber, f.Surname, f.GivenNames, f.BirthDate, f.Nationalities))
            .ToListAsync(ct);
    }
}

/// <summary>pg_trgm's similarity(), for queries.</summary>
internal static class CasesSql
{
    public static double Similarity(string a, string b) => throw new InvalidOperationException("Runs only inside a database query.");
}

/// <summary><c>GET /api/cases/persons?name=&amp;birthDate=</c>: the <see cref="SearchPersons"/> use case.</summary>
internal static class PersonSearchEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/cases/persons", async Task<Ok<IReadOnlyList<CaseFileSummary>>> (string? name, DateOnly? birthDate, SearchPersons search,
                CancellationToken ct) =>
            TypedResults.Ok(await search.ExecuteAsync(new SearchPersonsRequest(name, birthDate), ct)))
            .WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);
}
