using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Saas.Platform.Antibot;

/// <summary>
/// <c>GET /t/{key}/api/altcha/challenge</c>: a fresh ALTCHA challenge of the authority for the widget (never cached,
/// counted against the client's limit). Without an authority there is nothing to protect: 404.
/// </summary>
internal static class AntibotEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/altcha/challenge", Results<Ok<AltchaChallenge>, NotFound> (HttpContext http, Altcha altcha) =>
        {
            if (http.GetTenant() is null)
            {
                return TypedResults.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(altcha.Create());
        }).WithMetadata(ClientLimits.CountReads).RequireRateLimiting(ClientLimits.Policy).WithTags("Antibot");
    }
}
