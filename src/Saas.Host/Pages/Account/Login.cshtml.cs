using Microsoft.AspNetCore.WebUtilities;
using Saas.Host.Identity;

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
        // Throttled per account and per client address (hardening item 4): a locked account or address is refused
        // before its password is checked, so the right password is refused too until the lockout has passed.
        var throttle = services.GetRequiredService<SignInThrottle>();
        ThrottleKey?[] keys = [throttle.Account(Username), throttle.Address(HttpContext)];
        if (await throttle.BlockedUntilAsync(keys, HttpContext.RequestAborted) is { } blocked)
        {
            return Throttled(throttle, blocked);
        }

        var user = (Username ?? "").Length > SignInThrottle.MaxUsernameLength ? null : users.Find(Username ?? "");
        if (user is null || !user.CheckPassword(Password))
        {
            // Only failures are counted: successful sign-ins from one address (a shared office) never lock it.
            var counts = await throttle.RecordFailureAsync(keys, HttpContext.RequestAborted);
            await AuditFailureAsync(throttle, requested, counts);
            if (counts.Select(c => c.BlockedUntil).Max() is { } now)
            {
                return Throttled(throttle, now);
            }

            Error = L.T("host.account.login.the-user-name-or-password-is");
            return Page();
        }

        await throttle.ForgetAsync(keys[0]!, HttpContext.RequestAborted);
        string? tenant;
        if (requested is not null)
        {
            if (user.MembershipIn(requested) is null)
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
        // Staff start in the staff area; an applicant on the authority's public start page.
        return !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl)
            : user.IsApplicant ? RedirectToPage("/Index") : RedirectToPage("/Staff/Index");
    }

    /// <summary>The login page again with the lockout's message, 429 and Retry-After.</summary>
    private PageResult Throttled(SignInThrottle throttle, DateTimeOffset until)
    {
        var seconds = throttle.SecondsUntil(until);
        Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Error = L.T("host.signin.too-many-failed-attempts", ("count", SignInProblems.Minutes(seconds)));
        var page = Page();
        page.StatusCode = StatusCodes.Status429TooManyRequests;
        return page;
    }

    /// <summary>
    /// A failed sign-in in the authority's audit trail, aggregated: only the first failure of a window per account and
    /// per address is recorded, and the lockout once, each with the counts so far; the typed name is bounded
    /// (<see cref="SignInThrottle.AuditName"/>). A flood of attempts thus adds a few records, not one per attempt.
    /// </summary>
    private async Task AuditFailureAsync(SignInThrottle throttle, string? tenantKey, IReadOnlyList<ThrottleCount> counts)
    {
        var account = counts.First(c => c.Key.Scope == "account");
        var address = counts.FirstOrDefault(c => c.Key.Scope == "address");
        var locked = counts.Any(c => c.JustBlocked);
        if (!locked && !account.FirstInWindow && address?.FirstInWindow != true)
        {
            return;
        }

        var details = FormattableString.Invariant(
            $"failed sign-ins in this window: {account.Failures} for this user name, {(address is null ? "?" : address.Failures.ToString(System.Globalization.CultureInfo.InvariantCulture))} from this address")
            + (locked ? "; locked until " + counts.Max(c => c.BlockedUntil)!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : "");
        await AuditAsync(tenantKey, locked ? "signin.throttled" : "signin.failed", throttle.AuditName(Username), details, "anonymous");
    }

    /// <summary>Sign-ins are recorded in the audit trail of the authority they are for.</summary>
    private async Task AuditAsync(string? tenantKey, string action, string? username, string? details = null, string? actor = null)
    {
        if (tenantKey is null || tenantKey.Length > 100 || await services.GetRequiredService<ITenantCatalog>().FindByKeyAsync(tenantKey) is not { } tenant)
        {
            return;
        }

        using (services.GetRequiredService<ICurrentTenant>().Begin(tenant))
        {
            await services.GetRequiredService<Saas.Platform.Audit.IAuditTrail>().RecordAsync(
                new Saas.Platform.Audit.AuditEntry(action, "user", username, details, Actor: actor ?? username ?? "anonymous"));
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
