using System.Security.Claims;
using Saas.Platform.Identity;

namespace Saas.Platform.Tenancy;

/// <summary>
/// First wall, step two: a signed-in person works in one authority at a time, and only in one they belong to.
/// A token whose <c>tenant</c> claims do not include the request's tenant is refused with 403. Applicants
/// (citizens, e.g. through BundID) carry no tenant claim and may turn to any authority; they only ever see
/// their own records there. A staff token without a tenant claim is refused on every tenant.
/// </summary>
internal sealed class TenantClaimGuardMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var tenant = context.GetTenant();
        var user = context.User;
        if (tenant is not null && user.Identity?.IsAuthenticated == true && !MayWorkIn(user, tenant))
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "tenant-mismatch",
                new LocalizedText("problem.tenant-mismatch"),
                $"The token is not valid for the authority '{tenant.Key}'.");
            return;
        }

        await next(context);
    }

    internal static bool MayWorkIn(ClaimsPrincipal user, TenantInfo tenant)
    {
        var tenants = user.FindAll(SaasClaims.Tenant).Select(c => c.Value).ToList();
        if (tenants.Count > 0)
        {
            return tenants.Contains(tenant.Key, StringComparer.Ordinal);
        }

        var roles = user.FindAll(SaasClaims.Role).Select(c => c.Value).ToList();
        return roles.Count > 0 && roles.All(r => r == SaasRoles.Applicant);
    }
}
