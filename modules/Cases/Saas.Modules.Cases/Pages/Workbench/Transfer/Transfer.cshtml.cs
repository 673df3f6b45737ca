using Saas.Modules.Cases.Features.Transfer;

namespace Saas.Modules.Cases.Pages.Workbench.Transfer;

/// <summary>One hand-over: where it went or came from, its state (taken over by the receiver yet?) and the package to download.</summary>
internal sealed class TransferModel(ReadTransfer read, OpenTransferPackage open, OpenTransferConfirmation confirmation) : WorkbenchPage
{
    public TransferView Transfer { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Imported { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Transfer = await read.ExecuteAsync(new ReadTransferRequest(id, ReadVia.Workbench), ct);

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
