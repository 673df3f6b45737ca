using Saas.Host.Identity;

namespace Saas.Host.Pages.Account;

public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(IdentitySchemes.Session);
        return RedirectToPage("/Index");
    }
}
