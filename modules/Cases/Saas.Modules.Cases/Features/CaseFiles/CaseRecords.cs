using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>The e-Akte's side of <see cref="ICaseRecords"/>: each call runs the caseworkers' use case.</summary>
internal sealed class CaseRecords(CasesDbContext db, OpenCase open, CloseCase close, FileDocumentIntoCase file) : ICaseRecords
{
    public async Task<CaseRecord> OpenAsync(Guid caseFileId, string kind, string title, CancellationToken ct = default) =>
        Record(await open.ExecuteAsync(new OpenCaseRequest(caseFileId, kind, title), ct));

    public async Task<CaseRecord?> FindAsync(Guid caseId, CancellationToken ct = default) =>
        await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => CaseView.Of(c)).SingleOrDefaultAsync(ct) is { } found ? Record(found) : null;

    public async Task<CaseRecord> CloseAsync(Guid caseId, string outcome, CancellationToken ct = default) =>
        Record(await close.ExecuteAsync(new CloseCaseRequest(caseId, outcome), ct));

    public async Task<IReadOnlyList<string>> DocumentTypesAsync(Guid caseFileId, CancellationToken ct = default) =>
        await db.Documents.AsNoTracking().Where(d => d.CaseFileId == caseFileId).Select(d => d.DocumentType).Distinct().OrderBy(t => t).ToListAsync(ct);

    public async Task FileDocumentAsync(Guid caseId, Guid documentId, CancellationToken ct = default) =>
        await file.ExecuteAsync(new FileDocumentIntoCaseRequest(documentId, caseId), ct);

    private static CaseRecord Record(CaseView c) => new(c.Id, c.CaseFileId, c.Kind, c.Title, c.Status == CaseStatus.Open, c.Outcome, c.OpenedAt, c.ClosedAt);
}
