using Saas.Modules.Cases.Features.Retention;

namespace Saas.Modules.Cases.Pages.Workbench.Retention;

/// <summary>
/// Retention at a glance: the active legal holds (each with its release), the latest deletion runs and the form
/// that proposes one (the report deletes nothing; approval and execution are on the run's page, for admins).
/// </summary>
internal sealed class IndexModel(ListLegalHolds holds, ListRetentionRuns runs, ProposeRetentionRun propose) : WorkbenchPage
{
    public IReadOnlyList<LegalHoldView> Holds { get; private set; } = [];

    public IReadOnlyList<DeletionRunView> Runs { get; private set; } = [];

    /// <summary>The day the report is made for (yyyy-MM-dd); today when empty.</summary>
    [BindProperty]
    public string? AsOf { get; set; }

    /// <summary>The hold just released (after the redirect), for the confirmation message.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Released { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostProposeAsync(CancellationToken ct) =>
        SubmitAsync("propose", async () =>
        {
            DateOnly? asOf = null;
            if (!string.IsNullOrWhiteSpace(AsOf))
            {
                asOf = DateOnly.TryParseExact(AsOf.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    ? day
                    : throw CasesProblems.InvalidDay("asOf");
            }

            var run = await propose.ExecuteAsync(new ProposeRetentionRunRequest(asOf), ct);
            return RedirectToPage("/Workbench/Retention/Run", new { id = run.Id, proposed = true });
        }, () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        Holds = await holds.ExecuteAsync(new ListLegalHoldsRequest(null, ReadVia.Workbench), ct);
        Runs = await runs.ExecuteAsync(new ListRetentionRunsRequest(), ct);
    }
}
