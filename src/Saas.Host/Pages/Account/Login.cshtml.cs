using Microsoft.AspNetCore.WebUtilities;
using Saas.Host.Identity;
using Saas.Platform.Web;

namespace Saas.Host.Pages.Account;

/// <summary>
/// The embedded provider's sign-in (Development only). The authority comes from the address (/t/{key} or the
/// host name) or from the OpenID Connect request's <c>tenant</c> parameter; a person with several memberships
/// chooses one, and works in that one until signing in again.
/// </summary>
public sealed class LoginModel(IServiceProvider services) : PageModel
{
    [BindProperty]
    public string Username { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string? Tenant { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<string> Choices { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (services.GetService<DemoUserDirectory>() is null)
        {
            return NotFound();
        }

        Tenant = HttpContext.GetTenant()?.Key ?? TenantFromReturnUrl();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var users = services.GetService<DemoUserDirectory>();
        if (users is null)
        {
            return NotFound();
        }

        var pathTenant = HttpContext.GetTenant()?.Key;
        var requested = pathTenant ?? TenantFromReturnUrl() ?? (string.IsNullOrWhiteSpace(Tenant) ? null : Tenant);
        var user = users.Find(Username ?? "");
        if (user is null || !user.CheckPassword(Password))
        {
            await AuditAsync(requested, "signin.failed", Username);
            Error = L.T("host.account.login.the-user-name-or-password-is");
            return Page();
        }

        string? tenant;
        if (requested is not null)
        {
            if (user.Memberships.All(m => m.TenantKey != requested))
            {
                Error = L.T("host.account.login.you-do-not-belong-to-this");
                return Page();
            }

            tenant = requested;
        }
        else if (user.Memberships.Count == 1)
        {
            tenant = user.Memberships[0].TenantKey;
        }
        else if (user.Memberships.Count == 0)
        {
            tenant = null;
        }
        else
        {
            Choices = user.Memberships.Select(m => m.TenantKey).ToList();
            Error = L.T("host.account.login.please-choose-the-authority-you-are");
            return Page();
        }

        var identity = AuthorizationEndpoints.BuildIdentity(user, tenant);
        var session = new ClaimsIdentity(identity.Claims, IdentitySchemes.Session, SaasClaims.Name, SaasClaims.Role);
        session.AddClaim(new Claim("session_tenant", tenant ?? ""));
        await HttpContext.SignInAsync(IdentitySchemes.Session, new ClaimsPrincipal(session));
        await AuditAsync(tenant, "signin", user.Username);
        return !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl) : RedirectToPage("/Staff/Index");
    }

    /// <summary>Sign-ins are recorded in the audit trail of the authority they are for.</summary>
    private async Task AuditAsync(string? tenantKey, string action, string? username)
    {
        if (tenantKey is null || await services.GetRequiredService<ITenantCatalog>().FindByKeyAsync(tenantKey) is not { } tenant)
        {
            return;
        }

        using (services.GetRequiredService<ICurrentTenant>().Begin(tenant))
        {
            await services.GetRequiredService<Saas.Platform.Audit.IAuditTrail>().RecordAsync(
                new Saas.Platform.Audit.AuditEntry(action, "user", username, Actor: username ?? "anonymous"));
        }
    }

    private string? TenantFromReturnUrl()
    {
        if (string.IsNullOrEmpty(ReturnUrl))
        {
            return null;
        }

        var query = ReturnUrl.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? null : QueryHelpers.ParseQuery(ReturnUrl[query..]).TryGetValue("tenant", out var value) ? value.ToString() : null;
    }
}
