using Saas.Modules.Cases.Features.Transfer;

namespace Saas.Modules.Cases.Pages.Workbench.Transfer;

/// <summary>
/// One hand-over: where it went or came from, its state (taken over by the receiver yet?), the package to download,
/// and for a body outside the platform the upload of its xdomea confirmation (0402, 0403) — the same
/// <see cref="RecordTransferConfirmation"/> as <c>POST /api/cases/transfers/{id}/confirmations</c>.
/// </summary>
internal sealed class TransferModel(ReadTransfer read, OpenTransferPackage open, OpenTransferConfirmation confirmation, RecordTransferConfirmation record)
    : WorkbenchPage
{
    public TransferView Transfer { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Imported { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Confirmed { get; set; }

    [BindProperty]
    public IFormFile? Confirmation { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Transfer = await read.ExecuteAsync(new ReadTransferRequest(id, ReadVia.Workbench), ct);

    /// <summary>The outside receiver's confirmation, uploaded by the caseworker who got it; a refused one is explained at the form.</summary>
    public Task<IActionResult> OnPostConfirmationAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("confirmation", async () =>
        {
            var upload = TransferUpload.Checked(Confirmation, TransferUpload.ConfirmationLimits);
            await using var message = upload.OpenReadStream();
            await record.ExecuteAsync(new RecordTransferConfirmationRequest(id, message), ct);
            return RedirectToPage("/Workbench/Transfer/Transfer", new { id, confirmed = true });
        }, async () => Transfer = await read.ExecuteAsync(new ReadTransferRequest(id, ReadVia.Workbench), ct));

    /// <summary>The package as sent or received, as a download (the API needs a bearer token, the workbench its session).</summary>
    public async Task<IActionResult> OnGetPackageAsync(Guid id, CancellationToken ct)
    {
        var package = await open.ExecuteAsync(new OpenTransferPackageRequest(id, ReadVia.Workbench), ct);
        return File(package.Content, OpenTransferPackage.ContentType, package.FileName);
    }

    /// <summary>An xdomea confirmation kept with the hand-over (0402, 0403), as the file xdomea names it.</summary>
    public async Task<IActionResult> OnGetConfirmationAsync(Guid id, string type, CancellationToken ct)
    {
        var content = await confirmation.ExecuteAsync(new OpenTransferConfirmationRequest(id, type ?? "", ReadVia.Workbench), ct);
        return File(content.Content, OpenTransferConfirmation.ContentType, content.FileName);
    }
}
