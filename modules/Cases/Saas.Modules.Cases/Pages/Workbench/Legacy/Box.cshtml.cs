using Saas.Modules.Cases.Features.LegacyDigitisation;

namespace Saas.Modules.Cases.Pages.Workbench.Legacy;

/// <summary>One box: its files and deliveries, and the next step of its way (sent, returned). Reading it is audited.</summary>
internal sealed class BoxModel(CasesDbContext db, IAuditTrail audit, TimeProvider clock) : WorkbenchPage
{
    public LegacyBox Box { get; private set; } = null!;

    public IReadOnlyList<(Guid Id, string FileNumber, int? Sheets)> Files { get; private set; } = [];

    public IReadOnlyList<LegacyScanBatch> Batches { get; private set; } = [];

    [BindProperty]
    public string? Vendor { get; set; }

    public Task OnGetAsync(Guid id, CancellationToken ct) => LoadAsync(id, ct);

    public Task<IActionResult> OnPostSentAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("status", async () =>
        {
            await BoxEndpoints.MarkSentAsync(db, audit, id, new MarkSentRequest(Vendor, null), clock, ct);
            return Redirect($"{Base}/workbench/legacy/boxes/{id}");
        }, () => LoadAsync(id, ct));

    public Task<IActionResult> OnPostReturnedAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("status", async () =>
        {
            await BoxEndpoints.MarkReturnedAsync(db, audit, id, new MarkReturnedRequest(null), clock, ct);
            return Redirect($"{Base}/workbench/legacy/boxes/{id}");
        }, () => LoadAsync(id, ct));

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Box = await db.LegacyBoxes.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw BoxEndpoints.BoxNotFound(id);
        await audit.RecordAsync(new AuditEntry("legacy.box.read", "legacy-box", id.ToString(), "workbench", PersonalData: true), ct);
        var files = await db.LegacyBoxFiles.AsNoTracking().Where(f => f.BoxId == id)
            .Join(db.CaseFiles, f => f.CaseFileId, c => c.Id, (f, c) => new { c.Id, c.FileNumber, f.Sheets })
            .OrderBy(f => f.FileNumber).ToListAsync(ct);
        Files = files.Select(f => (f.Id, f.FileNumber, f.Sheets)).ToList();
        Batches = await db.LegacyScanBatches.AsNoTracking().Where(b => b.BoxId == id).OrderBy(b => b.ReceivedAt).ToListAsync(ct);
    }
}
