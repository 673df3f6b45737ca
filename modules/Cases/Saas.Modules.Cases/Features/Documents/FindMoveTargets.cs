using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>A file number or a person's name, as the caseworker typed it on the document page.</summary>
internal sealed record FindMoveTargetsRequest(string? Query, Guid DocumentId);

/// <summary>
/// The files a document may be moved into: the file with exactly this number, or else the persons found by the
/// name search (Features/PersonSearch, recorded as <c>person.search</c> as the API's search is). The document's
/// own file is left out.
/// </summary>
internal sealed class FindMoveTargets(CasesDbContext db, ICaseFileDirectory directory, IAuditTrail audit)
{
    public const int MaxHits = 20;

    public async Task<IReadOnlyList<CaseFileSummary>> ExecuteAsync(FindMoveTargetsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query?.Trim() ?? "";
        if (query.Length < 2)
        {
            throw CasesProblems.MoveTargetMissing();
        }

        var own = await db.Documents.AsNoTracking().Where(d => d.Id == request.DocumentId).Select(d => (Guid?)d.CaseFileId).SingleOrDefaultAsync(ct)
                  ?? throw CasesProblems.DocumentNotFound(request.DocumentId);
        var byNumber = await db.CaseFiles.AsNoTracking().Where(f => f.FileNumber == query && f.Id != own)
            .Select(f => new CaseFileSummary(f.Id, f.FileNumber, f.Surname, f.GivenNames, f.BirthDate, f.Nationalities)).ToListAsync(ct);
        if (byNumber.Count > 0)
        {
            return byNumber;
        }

        await audit.RecordAsync(new AuditEntry("person.search", "casefile", null, "name search (move document)", PersonalData: true), ct);
        return [.. (await directory.SearchPersonsAsync(query, null, MaxHits + 1, ct)).Where(f => f.Id != own).Take(MaxHits)];
    }
}
