using Saas.Modules.Cases.Features.Inbox;
namespace Saas.Modules.Cases.Pages.Workbench.ScanBatches;

/// <summary>One batch: where its documents went (files, inbox) or why it failed.</summary>
internal sealed class BatchModel(CasesDbContext db, IAuditTrail audit) : WorkbenchPage
{
    public ScanBatch Batch { get; private set; } = null!;

    public IReadOnlyList<(CaseDocument Document, string FileNumber)> Documents { get; private set; } = [];

    public IReadOnlyList<InboxItem> InboxItems { get; private set; } = [];

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Batch = await db.ScanBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct)
                ?? throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
                    new LocalizedText("problem.not-found.workbench-scan-batches"), id.ToString());
        var documents = await db.Documents.AsNoTracking().Where(d => d.BatchId == id).OrderBy(d => d.CreatedAt)
            .Join(db.CaseFiles, d => d.CaseFileId, f => f.Id, (d, f) => new { Document = d, f.FileNumber })
            .ToListAsync(ct);
        Documents = documents.Select(d => (d.Document, d.FileNumber)).ToList();
        InboxItems = await db.InboxItems.AsNoTracking().Where(i => i.BatchId == id).OrderBy(i => i.ReceivedAt).ToListAsync(ct);
        // The page names files and their documents: a read of personal data.
        await audit.RecordAsync(new AuditEntry("scanbatch.read", "scanbatch", id.ToString(), $"{Documents.Count} documents (workbench)", PersonalData: true), ct);
    }
}
