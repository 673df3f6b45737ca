using Microsoft.AspNetCore.Authorization;
using Saas.Modules.Cases.Features.Retention;

namespace Saas.Modules.Cases.Pages.Workbench.Retention;

/// <summary>
/// One deletion run: its report (every document due, its file and rule) and the next steps its status allows —
/// approve (by an admin who did not propose it), execute, cancel — offered to tenant admins only, as the API
/// allows them, and each asked for once more (<c>?confirm=approve</c>) before it is done with the same use case.
/// </summary>
internal sealed class RunModel(ReadRetentionRun read, ApproveRetentionRun approve, ExecuteRetentionRun execute, CancelRetentionRun cancel,
    IAuthorizationService authorization, IMetadataStore metadata) : WorkbenchPage
{
    public const string Approve = "approve";
    public const string Execute = "execute";
    public const string Cancel = "cancel";

    public DeletionRunReport Report { get; private set; } = null!;

    public DeletionRunView Run => Report.Run;

    public IReadOnlyList<DocumentTypeOption> DocumentTypeNames { get; private set; } = [];

    /// <summary>Whether the signed-in person is a tenant admin (the steps after the report are theirs).</summary>
    public bool IsAdmin { get; private set; }

    /// <summary>The step the person asked for and is to confirm now, if any.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Confirm { get; set; }

    /// <summary>Set after the redirect of a run just proposed or a step just taken.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Proposed { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>The steps the run's status allows, in the order they are offered.</summary>
    public IReadOnlyList<string> Steps =>
    [
        .. new[] { (Approve, DeletionRunStatus.Approved), (Execute, DeletionRunStatus.Executed), (Cancel, DeletionRunStatus.Cancelled) }
            .Where(s => DeletionRunStatus.CanBecome(Run.Status, s.Item2)).Select(s => s.Item1),
    ];

    public Task OnGetAsync(Guid id, CancellationToken ct) => LoadAsync(id, ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, Approve, () => approve.ExecuteAsync(new ApproveRetentionRunRequest(id), ct), ct);

    public Task<IActionResult> OnPostExecuteAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, Execute, () => execute.ExecuteAsync(new ExecuteRetentionRunRequest(id), ct), ct);

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, Cancel, () => cancel.ExecuteAsync(new CancelRetentionRunRequest(id), ct), ct);

    private async Task<IActionResult> StepAsync(Guid id, string step, Func<Task<DeletionRunView>> action, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, SaasPolicies.TenantAdmin)).Succeeded)
        {
            return Forbid();
        }

        return await SubmitAsync("step", async () =>
        {
            await action();
            return RedirectToPage("/Workbench/Retention/Run", new { id, done = step });
        }, () => LoadAsync(id, ct));
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Report = await read.ExecuteAsync(new ReadRetentionRunRequest(id), ct);
        DocumentTypeNames = await DocumentTypes.ListAsync(metadata, ct);
        IsAdmin = (await authorization.AuthorizeAsync(User, SaasPolicies.TenantAdmin)).Succeeded;
    }
}
