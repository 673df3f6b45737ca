using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Applications.Features.Portal;
using Saas.Platform.Web;

namespace Saas.Modules.Applications.Pages.Portal;

/// <summary><c>GET /antraege/{form}</c>: starts an application (a draft with its own link) and goes to its first step.</summary>
internal sealed class StartModel(StartDraft start) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string form, CancellationToken ct)
    {
        var started = await start.ExecuteAsync(new StartDraftRequest(form, L.Lang, Features.Accounts.SignedInApplicant.Of(User)), ct);
        return RedirectToPage("/Portal/Step", new { token = started.Token, step = started.Form.Layout.Steps[0] });
    }
}
