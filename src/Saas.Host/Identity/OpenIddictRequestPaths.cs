using Microsoft.Extensions.Options;
using OpenIddict.Server.AspNetCore;

namespace Saas.Host.Identity;

/// <summary>
/// Lets the embedded OpenIddict server look only at requests that can be its endpoints (docs/adr/0041). ASP.NET Core
/// hands every request to every request-handling scheme, and OpenIddict then builds absolute URIs of all its endpoints
/// to see whether the request is one of them — a quarter of the booking API's allocations, on requests that never are.
/// Its endpoints all lie under the issuer's <c>connect/</c> and <c>.well-known/</c>; any other request skips it.
/// </summary>
internal sealed class OpenIddictRequestPaths(IOptions<AuthenticationOptions> options, IHttpContextAccessor accessor, PathString issuerPath) : AuthenticationSchemeProvider(options)
{
    private readonly PathString[] endpoints = [issuerPath.Add("/connect"), issuerPath.Add("/.well-known")];

    public override async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
    {
        var schemes = await base.GetRequestHandlerSchemesAsync();
        if (accessor.HttpContext?.Request is not { } request)
        {
            return schemes;
        }

        var path = request.PathBase.Add(request.Path);
        return endpoints.Any(e => path.StartsWithSegments(e, StringComparison.OrdinalIgnoreCase))
            ? schemes
            : schemes.Where(s => s.Name != OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Replaces the scheme provider; <paramref name="issuer"/> is the embedded server's issuer.</summary>
    public static void Register(IServiceCollection services, Uri issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var issuerPath = new PathString(issuer.AbsolutePath.TrimEnd('/'));
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuthenticationSchemeProvider>(sp =>
            new OpenIddictRequestPaths(sp.GetRequiredService<IOptions<AuthenticationOptions>>(), sp.GetRequiredService<IHttpContextAccessor>(), issuerPath));
    }
}
