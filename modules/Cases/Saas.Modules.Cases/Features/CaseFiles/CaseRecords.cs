using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>The e-Akte's side of <see cref="ICaseRecords"/>: each call runs the caseworkers' use case.</summary>
internal sealed class CaseRecords(CasesDbContext db, OpenCase open, CloseCase close, FileDocumentIntoCase file) : ICaseRecords
{
    public async Task<CaseRecord> OpenAsync(Guid caseFileId, string kind, string title, CancellationToken ct = default) =>
        Record(await open.ExecuteAsync(new OpenCaseRequest(caseFileId, kind, title), ct));

    public async Task<CaseRecord?> FindAsync(Guid caseId, CancellationToken ct = default) =>
        await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => CaseView.Of(c)).SingleOrDefaultAsync(ct) is { } found ? Record(found) : null;

    public async Task<CaseRuleFacts?> RuleFactsAsync(Guid caseId, Guid caseFileId, CancellationToken ct = default)
    {
        // One statement (lateral joins), not five round trips; the orders are the ones the file's pages show.
        var row = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new
        {
            Case = c,
            File = db.CaseFiles.Where(f => f.Id == caseFileId)
                .Select(f => new CaseFileSummary(f.Id, f.FileNumber, f.Surname, f.GivenNames, f.BirthDate, f.Nationalities)).FirstOrDefault(),
            Types = db.Documents.Where(d => d.CaseFileId == caseFileId).Select(d => d.DocumentType).Distinct().ToList(),
            Title = db.ResidenceTitles.Where(t => t.CaseFileId == caseFileId).OrderByDescending(t => t.ValidFrom).ThenByDescending(t => t.RecordedAt).FirstOrDefault(),
            Passport = db.Passports.Where(p => p.CaseFileId == caseFileId).OrderByDescending(p => p.ValidUntil).ThenByDescending(p => p.RecordedAt).FirstOrDefault(),
        }).SingleOrDefaultAsync(ct);
        return row is null
            ? null
            : new CaseRuleFacts(Record(CaseView.Of(row.Case)), row.File, [.. row.Types.Order(StringComparer.Ordinal)], row.Title?.ToRecord(), row.Passport?.ToRecord());
    }

    public async Task<CaseRecord> CloseAsync(Guid caseId, string outcome, CancellationToken ct = default) =>
        Record(await close.ExecuteAsync(new CloseCaseRequest(caseId, outcome), ct));

    public async Task<IReadOnlyList<string>> DocumentTypesAsync(Guid caseFileId, CancellationToken ct = default) =>
        await db.Documents.AsNoTracking().Where(d => d.CaseFileId == caseFileId).Select(d => d.DocumentType).Distinct().OrderBy(t => t).ToListAsync(ct);

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> DocumentTypesOfFilesAsync(IReadOnlyCollection<Guid> caseFileIds, CancellationToken ct = default)
    {
        var ids = Bounded(caseFileIds);
        var pairs = await db.Documents.AsNoTracking().Where(d => ids.Contains(d.CaseFileId)).Select(d => new { d.CaseFileId, d.DocumentType }).Distinct().ToListAsync(ct);
        return ids.ToDictionary(id => id, id => (IReadOnlyList<string>)[.. pairs.Where(p => p.CaseFileId == id).Select(p => p.DocumentType).Order(StringComparer.Ordinal)]);
    }

    public async Task<IReadOnlyList<CaseRecord>> OpenCasesOfFilesAsync(IReadOnlyCollection<Guid> caseFileIds, CancellationToken ct = default)
    {
        var ids = Bounded(caseFileIds);
        return [.. (await db.Cases.AsNoTracking().Where(c => ids.Contains(c.CaseFileId) && c.Status == CaseStatus.Open).OrderBy(c => c.OpenedAt)
            .Select(c => CaseView.Of(c)).ToListAsync(ct)).Select(Record)];
    }

    public async Task FileDocumentAsync(Guid caseId, Guid documentId, CancellationToken ct = default) =>
        await file.ExecuteAsync(new FileDocumentIntoCaseRequest(documentId, caseId), ct);

    /// <summary>Bulk reads take at most 5,000 ids (a parameter list PostgreSQL plans well).</summary>
    private static Guid[] Bounded(IReadOnlyCollection<Guid> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count <= 5_000 ? [.. ids.Distinct()] : throw new ArgumentOutOfRangeException(nameof(ids), "At most 5,000 ids per call.");
    }

    private static CaseRecord Record(CaseView c) => new(c.Id, c.CaseFileId, c.Kind, c.Title, c.Status == CaseStatus.Open, c.Outcome, c.OpenedAt, c.ClosedAt);
}
