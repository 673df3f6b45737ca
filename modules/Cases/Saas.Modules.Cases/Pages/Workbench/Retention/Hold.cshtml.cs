using Saas.Modules.Cases.Features.Retention;

namespace Saas.Modules.Cases.Pages.Workbench.Retention;

/// <summary>
/// Places a legal hold on the file named by <c>?file={id}</c> (the file page links here), with the same use case as
/// the API; the reason is required and a missing or too long one is named at its input, in the person's language,
/// keeping what was typed. The file's active holds are listed with their release.
/// </summary>
internal sealed class HoldModel(ReadFileSummary readFile, ListLegalHolds holds, PlaceLegalHold place) : WorkbenchPage
{
    /// <summary>The file the hold is for.</summary>
    [BindProperty(SupportsGet = true, Name = "file")]
    public Guid? FileId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Set after the redirect of a hold just placed.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Placed { get; set; }

    public FileSummary? CaseFile { get; private set; }

    public IReadOnlyList<LegalHoldView> Holds { get; private set; } = [];

    /// <summary>The problem with the reason, shown at its input.</summary>
    public string? ReasonError { get; private set; }

    public int MaxReasonLength => LegalHold.MaxReasonLength;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (FileId is not { } file)
        {
            return RedirectToPage("/Workbench/Retention/Hold");
        }

        try
        {
            await place.ExecuteAsync(new PlaceLegalHoldRequest(file, Reason), ct);
            return RedirectToPage("/Workbench/Retention/Hold", new { file, placed = true });
        }
        catch (SaasProblemException problem) when (problem.Detail == "reason")
        {
            ReasonError = Saas.Platform.Web.L.T(problem.Title);
            Response.StatusCode = problem.Status;
            await LoadAsync(ct);
            return Page();
        }
        catch (SaasProblemException problem)
        {
            ShowError("hold", problem);
            Response.StatusCode = problem.Status;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (FileId is { } file)
        {
            CaseFile = await readFile.ExecuteAsync(new ReadFileSummaryRequest(file, "legal-hold", ReadVia.Workbench), ct);
            Holds = await holds.ExecuteAsync(new ListLegalHoldsRequest(file, ReadVia.Workbench), ct);
        }
    }
}
