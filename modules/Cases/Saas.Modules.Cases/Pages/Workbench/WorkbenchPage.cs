using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Saas.Modules.Cases.Pages.Workbench;

/// <summary>A problem a form ran into, in the person's language, shown next to that form.</summary>
internal sealed record FormError(string Form, string Title, IReadOnlyList<string> Details);

/// <summary>
/// The base of the caseworkers' workbench pages: staff only (the module gate adds the 404 where the authority has
/// not switched the e-Akte on). Page models stay thin: they call the same internal methods as the API endpoints and
/// turn a <see cref="SaasProblemException"/> into a message next to the form, keeping what the person typed.
/// </summary>
[Authorize(Policy = SaasPolicies.Staff)]
internal abstract class WorkbenchPage : PageModel
{
    public FormError? Error { get; private set; }

    /// <summary>The authority's path (<c>/t/{key}</c>, or empty on its own host name), for links.</summary>
    public string Base => Request.PathBase.Value ?? "";

    protected string Actor => User.FindFirst(SaasClaims.Subject)?.Value ?? "unknown";

    public FormError? ErrorFor(string form) => Error?.Form == form ? Error : null;

    /// <summary>Runs a form's action; a problem is shown on the page again (after <paramref name="reload"/>) with its status.</summary>
    protected async Task<IActionResult> SubmitAsync(string form, Func<Task<IActionResult>> action, Func<Task> reload)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(reload);
        try
        {
            return await action();
        }
        catch (SaasProblemException problem)
        {
            ShowError(form, problem);
            Response.StatusCode = problem.Status;
            await reload();
            return Page();
        }
    }

    protected void ShowError(string form, SaasProblemException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var details = problem.Errors is { Count: > 0 } errors
            ? errors.SelectMany(e => e.Value).ToList()
            : problem.Detail is { Length: > 0 } detail ? [detail] : [];
        Error = new FormError(form, Saas.Platform.Web.L.T(problem.Title), details);
    }

    /// <summary>A text of the catalogue in the person's language (docs/adr/0012).</summary>
    protected static string L(string key, params (string Name, object? Value)[] arguments) => Saas.Platform.Web.L.T(key, arguments);
}
