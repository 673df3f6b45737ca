using Saas.Modules.Cases.Features.LegacyDigitisation;

namespace Saas.Modules.Cases.Pages.Workbench.Legacy;

/// <summary>The scan protocol of a delivery as a page (the API gives the same as JSON); reading it is audited.</summary>
internal sealed class ProtocolModel(CasesDbContext db, IAuditTrail audit) : WorkbenchPage
{
    public LegacyScanBatch Batch { get; private set; } = null!;

    public LegacyBox Box { get; private set; } = null!;

    public IReadOnlyList<BatchDocument> Manifest { get; private set; } = [];

    public IReadOnlyDictionary<Guid, QaFinding> Findings { get; private set; } = new Dictionary<Guid, QaFinding>();

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Batch = await db.LegacyScanBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw QaEndpoints.BatchNotFound(id);
        Box = await db.LegacyBoxes.AsNoTracking().SingleAsync(b => b.Id == Batch.BoxId, ct);
        Manifest = await db.BatchDocuments.AsNoTracking().Where(d => d.BatchId == id).OrderBy(d => d.Path).ToListAsync(ct);
        Findings = await db.QaFindings.AsNoTracking().Where(f => f.BatchId == id).ToDictionaryAsync(f => f.DocumentId, ct);
        await audit.RecordAsync(new AuditEntry("legacy.protocol.read", "legacy-batch", id.ToString(), "workbench", PersonalData: true), ct);
    }
}
