using Saas.Host.Identity;

namespace Saas.Host.Pages.Account;

public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect(HttpContext.Request.PathBase + "/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(IdentitySchemes.Session);
        return LocalRedirect(HttpContext.Request.PathBase + "/");
    }
}
