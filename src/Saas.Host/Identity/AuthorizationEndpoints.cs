using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Saas.Host.Identity;

/// <summary>The embedded provider's endpoints that need the platform's decisions: who the person is, for which authority.</summary>
internal static class AuthorizationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync).ExcludeFromDescription();
        endpoints.MapPost("/connect/token", (Delegate)TokenAsync).ExcludeFromDescription();
        endpoints.MapMethods("/connect/userinfo", ["GET", "POST"], (Delegate)UserInfoAsync).ExcludeFromDescription();
        endpoints.MapMethods("/connect/logout", ["GET", "POST"], (Delegate)LogoutAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext context, DemoUserDirectory users, SessionStore sessions, IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var tenant = request.GetParameter("tenant")?.ToString();
        var session = await context.AuthenticateAsync(IdentitySchemes.Session);
        var user = session.Succeeded ? users.Find(session.Principal!.FindFirst(SaasClaims.Subject)?.Value ?? "") : null;
        var sessionTenant = session.Principal?.FindFirst("session_tenant")?.Value;
        if (user is null || (tenant is not null && tenant != sessionTenant))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                // A silent sign-in that cannot be silent is answered to the client, never with the login page.
                return Results.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Nobody is signed in for this authority.",
                    }),
                    [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            // Not signed in (or signed in for another authority): the login page asks, then comes back here.
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(
                context.Request.HasFormContentType ? context.Request.Form.Select(f => KeyValuePair.Create(f.Key, (string?)f.Value.ToString())) : context.Request.Query.Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())));
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentitySchemes.Session]);
        }

        var identity = BuildIdentity(user, sessionTenant);
        identity.SetScopes(request.GetScopes());
        identity.SetResources("saas-api");
        identity.SetDestinations(ClaimDestinations);
        if (SessionStore.IdOf(session.Principal) is { } sessionId
            && await applications.FindByClientIdAsync(request.ClientId!) is { } application)
        {
            // The authorization is tied to the web session it came from: a logout revokes it, and with it the
            // refresh tokens issued under it (SessionCookieEvents).
            var authorization = await authorizations.CreateAsync(identity, user.Username, (await applications.GetIdAsync(application))!,
                AuthorizationTypes.AdHoc, identity.GetScopes());
            var authorizationId = (await authorizations.GetIdAsync(authorization))!;
            identity.SetAuthorizationId(authorizationId);
            await sessions.AttachAuthorizationAsync(sessionId, authorizationId);
        }

        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Claims of a person working in one authority (or in none: platform operator, ministry).</summary>
    internal static ClaimsIdentity BuildIdentity(DemoUser user, string? tenantKey)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Username));
        identity.AddClaim(new Claim(Claims.Name, user.DisplayName));
        var membership = user.MembershipIn(tenantKey);
        var roles = membership?.Roles ?? user.PlatformRoles;
        foreach (var role in roles.Distinct())
        {
            identity.AddClaim(new Claim(Claims.Role, role));
        }

        // Applicants turn to any authority and carry no tenant; staff work in exactly one per token.
        if (membership is not null && !membership.Roles.All(r => r == SaasRoles.Applicant))
        {
            identity.AddClaim(new Claim(SaasClaims.Tenant, membership.TenantKey));
        }

        foreach (var authority in membership?.SigningAuthorities ?? [])
        {
            identity.AddClaim(new Claim(SaasClaims.SigningAuthority, authority));
        }

        if (user.FederalState is not null)
        {
            identity.AddClaim(new Claim(SaasClaims.FederalState, user.FederalState));
        }

        // How surely the applicant was identified (BundID's STORK-QAA level in production, ADR 0043).
        if (user.TrustLevel is not null && user.IsApplicant)
        {
            identity.AddClaim(new Claim(SaasClaims.TrustLevel, user.TrustLevel));
        }

        return identity;
    }

    private static async Task<IResult> TokenAsync(HttpContext context, IOpenIddictApplicationManager applications)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(result.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!)
                              ?? throw new InvalidOperationException("Unknown client.");
            var clientId = await applications.GetClientIdAsync(application);
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, clientId!));
            identity.AddClaim(new Claim(Claims.Name, await applications.GetDisplayNameAsync(application) ?? clientId!));
            identity.AddClaim(new Claim(Claims.Role, SaasRoles.Device));
            if (clientId!.StartsWith("device-", StringComparison.Ordinal))
            {
                identity.AddClaim(new Claim(SaasClaims.Tenant, clientId["device-".Length..]));
            }

            identity.SetScopes(request.GetScopes());
            identity.SetResources("saas-api");
            identity.SetDestinations(_ => [OpenIddictConstants.Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.UnsupportedGrantType,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "This grant type is not supported.",
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal;
        if (principal is null)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        return Results.Ok(new Dictionary<string, object?>
        {
            [Claims.Subject] = principal.FindFirst(Claims.Subject)?.Value,
            [Claims.Name] = principal.FindFirst(Claims.Name)?.Value,
            [SaasClaims.Tenant] = principal.FindFirst(SaasClaims.Tenant)?.Value,
            // The same name as in the tokens (one claim name for roles everywhere).
            [Claims.Role] = principal.FindAll(Claims.Role).Select(c => c.Value).ToArray(),
        });
    }

    private static async Task<IResult> LogoutAsync(HttpContext context)
    {
        await context.SignOutAsync(IdentitySchemes.Session);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IEnumerable<string> ClaimDestinations(Claim claim) => claim.Type switch
    {
        Claims.Name or Claims.Subject or SaasClaims.Tenant or Claims.Role => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}
