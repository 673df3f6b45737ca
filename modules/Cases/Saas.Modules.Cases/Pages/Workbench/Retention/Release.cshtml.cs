using Saas.Modules.Cases.Features.Retention;

namespace Saas.Modules.Cases.Pages.Workbench.Retention;

/// <summary>
/// Asks before a legal hold is released: the hold, its file and reason, and one button that releases it with the
/// same use case as the API (after which the file's documents may be deleted by the next run that finds them due).
/// </summary>
internal sealed class ReleaseModel(ReadLegalHold read, ReleaseLegalHold release) : WorkbenchPage
{
    public LegalHoldView Hold { get; private set; } = null!;

    /// <summary>Back to the file's hold page (where the release was asked for) instead of the retention overview.</summary>
    [BindProperty(SupportsGet = true)]
    public bool ReturnToFile { get; set; }

    public Task OnGetAsync(Guid id, CancellationToken ct) => LoadAsync(id, ct);

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("release", async () =>
        {
            var hold = await release.ExecuteAsync(new ReleaseLegalHoldRequest(id), ct);
            return ReturnToFile
                ? RedirectToPage("/Workbench/Retention/Hold", new { file = hold.CaseFileId })
                : RedirectToPage("/Workbench/Retention/Index", new { released = hold.FileNumber });
        }, () => LoadAsync(id, ct));

    private async Task LoadAsync(Guid id, CancellationToken ct) => Hold = await read.ExecuteAsync(new ReadLegalHoldRequest(id, ReadVia.Workbench), ct);
}
