using Saas.Modules.Cases.Features.Ingest;
using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Pages.Workbench.ScanBatches;

/// <summary>The scan center's batches (as <c>GET /api/cases/scan-batches</c>) and the upload (as its POST).</summary>
internal sealed class IndexModel(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, IOptions<CasesOptions> settings, TimeProvider clock) : WorkbenchPage
{
    public IReadOnlyList<ScanBatch> Batches { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty]
    public IFormFile? Batch { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        SubmitAsync("upload", async () =>
        {
            var upload = Batch ?? throw new SaasProblemException(StatusCodes.Status400BadRequest, "file-missing",
                new LocalizedText("problem.file-missing.workbench-scan-batches"), null);
            var batch = await ScanBatchEndpoints.ReceiveAsync(db, blobs, audit, settings.Value, upload, Actor, clock.GetUtcNow(), ct);
            return Redirect($"{Base}/workbench/scan-batches/{batch.Id}");
        }, () => LoadAsync(ct));

    // File names and counts only, no person's data: not audited (as the API's list).
    private async Task LoadAsync(CancellationToken ct)
    {
        var page = await ScanBatchEndpoints.PageAsync(db, PageCursor.Parse(After, "after"), Keyset.PageSize, ct);
        Batches = page.Items;
        Pager = Pager.For(page, L("cases.workbench.scan-batches.scan-batch-pages"), $"{Base}/workbench/scan-batches", new Dictionary<string, string?>(),
            L("cases.workbench.scan-batches.older-batches"));
    }
}
