using Saas.Modules.Cases.Features.Transfer;

namespace Saas.Modules.Cases.Pages.Workbench.Transfer;

/// <summary>
/// Hand-overs: the latest ones sent and received, and the import of a package received from another authority
/// (upload form), with the same use case as the API; a refused package is explained next to the form.
/// </summary>
internal sealed class IndexModel(ListTransfers list, ImportTransferPackage import, IOptions<CasesOptions> settings) : WorkbenchPage
{
    public IReadOnlyList<TransferRow> Transfers { get; private set; } = [];

    [BindProperty]
    public IFormFile? Package { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostImportAsync(CancellationToken ct) =>
        SubmitAsync("import", async () =>
        {
            var upload = TransferUpload.Checked(Package, TransferLimits.From(settings.Value));
            await using var package = upload.OpenReadStream();
            var received = await import.ExecuteAsync(new ImportTransferPackageRequest(package), ct);
            return RedirectToPage("/Workbench/Transfer/Transfer", new { id = received.TransferId, imported = true });
        }, () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct) => Transfers = await list.ExecuteAsync(new ListTransfersRequest(null), ct);
}
