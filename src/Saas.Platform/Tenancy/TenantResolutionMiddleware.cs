namespace Saas.Platform.Tenancy;

/// <summary>
/// First wall, step one: finds the tenant of a request from the path prefix <c>/t/{key}</c>, the host name, or
/// (for machine clients) the <c>X-Tenant</c> header, and makes it current for the rest of the request.
/// The prefix moves into <c>PathBase</c>, so endpoints are written once and work under both schemes.
/// </summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next, ITenantCatalog catalog, ICurrentTenant currentTenant, ILogger<TenantResolutionMiddleware> logger)
{
    public const string HeaderName = "X-Tenant";
    private static readonly PathString Prefix = new("/t");

    public async Task InvokeAsync(HttpContext context)
    {
        TenantInfo? tenant = null;
        var request = context.Request;

        if (request.Path.StartsWithSegments(Prefix, out var rest) && rest.HasValue && rest.Value!.Length > 1)
        {
            var segments = rest.Value!.TrimStart('/');
            var slash = segments.IndexOf('/', StringComparison.Ordinal);
            var key = slash < 0 ? segments : segments[..slash];
            tenant = await catalog.FindByKeyAsync(key, context.RequestAborted);
            if (tenant is null)
            {
                await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "tenant-not-found",
                    new LocalizedText("problem.tenant-not-found"),
                    $"No authority with the key '{key}'.");
                return;
            }

            request.PathBase = request.PathBase.Add(tenant.PathBase);
            request.Path = slash < 0 ? new PathString("/") : new PathString(segments[slash..]);
        }

        var byHost = await catalog.FindByHostAsync(request.Host.Host, context.RequestAborted);
        if (byHost is not null)
        {
            if (tenant is not null && tenant.Id != byHost.Id)
            {
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "tenant-conflict",
                    new LocalizedText("problem.tenant-conflict"),
                    null);
                return;
            }

            tenant = byHost;
        }

        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            var byHeader = await catalog.FindByKeyAsync(header.ToString(), context.RequestAborted);
            if (byHeader is null || (tenant is not null && tenant.Id != byHeader.Id))
            {
                await Problems.WriteAsync(context, byHeader is null ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest,
                    byHeader is null ? "tenant-not-found" : "tenant-header-conflict",
                    new LocalizedText(byHeader is null ? "problem.tenant-not-found" : "problem.tenant-header-conflict"),
                    null);
                return;
            }

            tenant = byHeader;
        }

        if (tenant is null)
        {
            await next(context);
            return;
        }

        context.Features.Set(new TenantFeature(tenant));
        // Every log line of the request carries the authority, so logs can be filtered per tenant.
        using (logger.BeginScope(new Dictionary<string, object> { ["tenant"] = tenant.Key }))
        using (currentTenant.Begin(tenant))
        {
            await next(context);
        }
    }
}

/// <summary>The tenant of the current HTTP request, if any.</summary>
public sealed record TenantFeature(TenantInfo Tenant);

public static class TenantHttpContextExtensions
{
    public static TenantInfo? GetTenant(this HttpContext context) => context?.Features.Get<TenantFeature>()?.Tenant;
}
