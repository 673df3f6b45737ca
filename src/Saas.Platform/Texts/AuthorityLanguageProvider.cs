using Microsoft.AspNetCore.Localization;

namespace Saas.Platform.Texts;

/// <summary>
/// The last step of the language negotiation: the authority's default language (tenant.yaml
/// <c>defaultLanguage</c>). It runs before the tenant resolution middleware, so it looks the authority up by the
/// same path prefix or host name through the (cached) tenant catalogue; it decides nothing else.
/// </summary>
internal sealed class AuthorityLanguageProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        try
        {
            return await FromAuthorityAsync(httpContext);
        }
        catch (Exception error) when (DatabaseUnavailable.Is(error))
        {
            // Language comes before error handling in the pipeline: without the database the request goes on in the
            // base language, and the error handling answers it 503 when it needs the database (Hardening item 6).
            return null;
        }
    }

    private static async Task<ProviderCultureResult?> FromAuthorityAsync(HttpContext httpContext)
    {
        var catalog = httpContext.RequestServices.GetRequiredService<ITenantCatalog>();
        var request = httpContext.Request;
        TenantInfo? tenant = null;
        if (request.Path.StartsWithSegments("/t", out var rest) && rest.HasValue && rest.Value!.Length > 1)
        {
            var segments = rest.Value.TrimStart('/');
            var slash = segments.IndexOf('/', StringComparison.Ordinal);
            tenant = await catalog.FindByKeyAsync(slash < 0 ? segments : segments[..slash], httpContext.RequestAborted);
        }

        tenant ??= await catalog.FindByHostAsync(request.Host.Host, httpContext.RequestAborted);
        return tenant is null ? null : new ProviderCultureResult(tenant.DefaultLanguage);
    }
}
