using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Workflows.Features.Tasks;
using Saas.Platform.Web;

namespace Saas.Modules.Workflows.Pages.Workbench;

/// <summary>A problem a form ran into, in the person's language, shown above the list.</summary>
internal sealed record QueueFormError(string Title, IReadOnlyList<string> Details);

/// <summary>
/// The base of the work queue pages (docs/adr/0008, 0026): staff only. Page models bind, call the same use cases as
/// the API's endpoints and redirect (post/redirect/get); a problem is shown on the page again with its status.
/// </summary>
[Authorize(Policy = SaasPolicies.Staff)]
internal abstract class QueuePage : PageModel
{
    public QueueFormError? Error { get; private set; }

    /// <summary>What the last action did, shown once after the redirect.</summary>
    [TempData]
    public string? Done { get; set; }

    /// <summary>Claims a task from a queue's button, then shows the queue again.</summary>
    protected async Task<IActionResult> ClaimAsync(ClaimTask claim, Guid id, Func<Task> reload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return await SubmitAsync(async () =>
        {
            await claim.ExecuteAsync(new ClaimTaskRequest(id), ct);
            Done = L.T("workflows.tasks.page.claimed");
            return RedirectToPage();
        }, reload);
    }

    /// <summary>Gives a task back to its unit's queue.</summary>
    protected async Task<IActionResult> ReleaseAsync(ReleaseTask release, Guid id, Func<Task> reload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(release);
        return await SubmitAsync(async () =>
        {
            await release.ExecuteAsync(new ReleaseTaskRequest(id), ct);
            Done = L.T("workflows.tasks.page.released");
            return RedirectToPage();
        }, reload);
    }

    protected async Task<IActionResult> SubmitAsync(Func<Task<IActionResult>> action, Func<Task> reload)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(reload);
        try
        {
            return await action();
        }
        catch (SaasProblemException problem)
        {
            var details = problem.Errors is { Count: > 0 } errors ? errors.SelectMany(e => e.Value).ToList() : [];
            Error = new QueueFormError(L.T(problem.Title), details);
            Response.StatusCode = problem.Status;
            await reload();
            return Page();
        }
    }

    /// <summary>A date as the person reads it (or a dash).</summary>
    public static string Date(DateOnly? value) =>
        value is { } v ? v.ToString(L.T("format.date.short"), CultureInfo.GetCultureInfo(L.Lang)) : "–";
}
