using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Platform.Identity;

namespace Saas.Modules.Applications.Pages.Workbench;

/// <summary>
/// The base of the caseworkers' pages of the online intake (docs/adr/0042, 0044): staff only; page models call the same
/// use cases as <c>/api/applications/intake…</c> and redirect after a post; a refusal is shown on the page again.
/// </summary>
[Authorize(Policy = SaasPolicies.Staff)]
internal abstract class IntakePage : PageModel
{
    /// <summary>A refusal of the last action, in the caseworker's language.</summary>
    public string? Error { get; protected set; }

    /// <summary>The authority's path (<c>/t/{key}</c>, or empty on its own host name), for links into the e-Akte's pages.</summary>
    public string Base => Request.PathBase.Value ?? "";
}
