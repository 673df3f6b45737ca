using Saas.Modules.Cases.Features.Ingest;
using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Pages.Workbench.ScanBatches;

/// <summary>The scan center's batches and the upload: the same use cases as <c>GET</c> and <c>POST /api/cases/scan-batches</c>.</summary>
internal sealed class IndexModel(ListScanBatches list, ReceiveScanBatch receive) : WorkbenchPage
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
            var batch = await receive.ExecuteAsync(new ReceiveScanBatchRequest(Batch), ct);
            return RedirectToPage("/Workbench/ScanBatches/Batch", new { id = batch.Id });
        }, () => LoadAsync(ct));

    // File names and counts only, no person's data: not audited (as the API's list).
    private async Task LoadAsync(CancellationToken ct)
    {
        var page = await list.ExecuteAsync(After, Keyset.PageSize, ct);
        Batches = page.Items;
        Pager = Pager.For(page, L("cases.workbench.scan-batches.scan-batch-pages"), Url.Page("/Workbench/ScanBatches/Index")!, new Dictionary<string, string?>(),
            L("cases.workbench.scan-batches.older-batches"));
    }
}
