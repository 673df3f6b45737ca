using Saas.Modules.Cases.Features.Retention;
using Saas.Modules.Cases.Features.Transfer;

namespace Saas.Modules.Cases.Pages.Workbench.Transfer;

/// <summary>
/// Hands the file of <c>?file={id}</c> over to another authority (the file page links here): the receiver is chosen
/// from the authorities of the platform with the e-Akte, or named as a body outside the platform (which then gets
/// the xdomea package as a download from the hand-over's page), the reason is required; the person reviews the hand-over
/// once more (the file becomes read-only) before the same use case as the API runs. Problems are shown at their
/// inputs, in the person's language, keeping what was chosen and typed.
/// </summary>
internal sealed class StartModel(ReadFileSummary readFile, ListTransferReceivers receivers, HandOverFile handOver) : WorkbenchPage
{
    [BindProperty(SupportsGet = true, Name = "file")]
    public Guid? FileId { get; set; }

    [BindProperty]
    public string? ToAuthority { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>A receiving body outside the platform, by name, instead of <see cref="ToAuthority"/>: it gets the xdomea package as a download.</summary>
    [BindProperty]
    public string? OutsideAuthority { get; set; }

    public int MaxOutsideNameLength => HandOverFile.MaxOutsideNameLength;

    /// <summary>The chosen receiver's name: an authority of the platform, or the body outside it.</summary>
    public string? ReceiverName => Receiver?.Name ?? (string.IsNullOrWhiteSpace(OutsideAuthority) ? null : OutsideAuthority.Trim());

    public FileSummary? CaseFile { get; private set; }

    public IReadOnlyList<TransferReceiver> Receivers { get; private set; } = [];

    /// <summary>The hand-over was reviewed and waits for the person's confirmation.</summary>
    public bool Confirming { get; private set; }

    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    public int MaxReasonLength => HandOverFile.MaxReasonLength;

    public string? FieldError(string field) => FieldErrors.TryGetValue(field, out var errors) ? errors[0] : null;

    public TransferReceiver? Receiver => Receivers.FirstOrDefault(r => r.Key == ToAuthority);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>First step: the choices are checked here only for presence; the use case checks them all when it runs.</summary>
    public async Task<IActionResult> OnPostReviewAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var outside = !string.IsNullOrWhiteSpace(OutsideAuthority);
        if (Receiver is null && !outside)
        {
            errors["toAuthority"] = [L("cases.transfer.field.receiver-missing")];
        }
        else if (Receiver is not null && outside)
        {
            errors["toAuthority"] = [L("cases.xdomea.field.receiver-twice")];
        }

        if (outside && OutsideAuthority!.Trim().Length > MaxOutsideNameLength)
        {
            errors["outsideAuthority"] = [L("cases.xdomea.field.outside-name", ("max", MaxOutsideNameLength))];
        }

        if (string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > MaxReasonLength)
        {
            errors["reason"] = [L("cases.transfer.field.reason", ("max", MaxReasonLength))];
        }

        if (errors.Count > 0)
        {
            return Refused(CasesProblems.InvalidTransfer(errors));
        }

        Confirming = true;
        return Page();
    }

    public async Task<IActionResult> OnPostHandOverAsync(CancellationToken ct)
    {
        if (FileId is not { } file)
        {
            return RedirectToPage("/Workbench/Transfer/Start");
        }

        try
        {
            var sent = await handOver.ExecuteAsync(new HandOverFileRequest(file, string.IsNullOrWhiteSpace(ToAuthority) ? null : ToAuthority, Reason,
                string.IsNullOrWhiteSpace(OutsideAuthority) ? null : OutsideAuthority), ct);
            return RedirectToPage("/Workbench/Transfer/Transfer", new { id = sent.Id, sent = true });
        }
        catch (SaasProblemException problem)
        {
            await LoadAsync(ct);
            return Refused(problem);
        }
    }

    private IActionResult Refused(SaasProblemException problem)
    {
        ShowError("transfer", problem);
        FieldErrors = problem.Errors ?? new Dictionary<string, string[]>();
        Response.StatusCode = problem.Status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (FileId is { } file)
        {
            CaseFile = await readFile.ExecuteAsync(new ReadFileSummaryRequest(file, "hand-over", ReadVia.Workbench), ct);
            Receivers = await receivers.ExecuteAsync(new ListTransferReceiversRequest(), ct);
        }
    }
}
