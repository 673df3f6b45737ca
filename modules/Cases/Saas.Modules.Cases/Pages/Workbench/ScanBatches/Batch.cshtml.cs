using Saas.Modules.Cases.Features.Ingest;

namespace Saas.Modules.Cases.Pages.Workbench.ScanBatches;

/// <summary>One batch: where its documents went (files, inbox) or why it failed, with a retry for a failed one.</summary>
internal sealed class BatchModel(ReadScanBatch read, RetryScanBatch retry) : WorkbenchPage
{
    public ScanBatchDetail Detail { get; private set; } = null!;

    public ScanBatchView Batch => Detail.Batch;

    [TempData]
    public bool Retried { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct);

    public Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("retry", async () =>
        {
            await retry.ExecuteAsync(id, ct);
            Retried = true;
            return RedirectToPage("/Workbench/ScanBatches/Batch", new { id });
        }, () => LoadAsync(id, ct));

    private async Task LoadAsync(Guid id, CancellationToken ct) => Detail = await read.ExecuteAsync(new ReadScanBatchRequest(id, ReadVia.Workbench), ct);
}
