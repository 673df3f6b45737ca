using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;
using Saas.Modules.Appointments.Features.CallSystem;
using Saas.Platform.Errors;
using Saas.Platform.Web;

namespace Saas.Modules.Appointments.Pages.Geraete;

/// <summary>
/// The pages a kiosk or a call display shows in a browser in kiosk mode (docs/adr/0037). The page itself holds
/// nothing personal: its script signs in as the authority's device client (OAuth 2.0 client credentials, the secret set
/// once on the device) and reads and writes through the call system's API with that token. The token endpoint is the
/// embedded provider's or Keycloak's; the page's Content-Security-Policy lets the script reach exactly that one.
/// </summary>
[AllowAnonymous]
internal abstract class DevicePage(CallSystems systems, IConfiguration configuration) : PageModel
{
    [FromRoute(Name = "location")]
    public string LocationKey { get; set; } = "";

    public CallSystemDefinition System { get; private set; } = null!;

    /// <summary>Where the device's script gets its token (client credentials).</summary>
    public string TokenEndpoint { get; private set; } = "/connect/token";

    /// <summary>The call system's API for this location, under the authority's path.</summary>
    public string Api => Url.Content("~/api/callsystem/" + Uri.EscapeDataString(System.Location));

    /// <summary>The language links' target: the host's language switch, back to this page.</summary>
    public string LanguageLink(string code) =>
        Url.Content("~/language/" + code) + "?returnUrl=" + Uri.EscapeDataString(Request.PathBase + Request.Path + Request.QueryString);

    protected async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        try
        {
            System = await systems.GetAsync(LocationKey, ct);
        }
        catch (SaasProblemException problem) when (problem.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        // Keycloak's realm (Identity:Authority) issues the device tokens in production; the embedded provider otherwise.
        var authority = configuration["Identity:Authority"];
        if (!string.Equals(configuration["Identity:Mode"] ?? "Embedded", "Embedded", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(authority, UriKind.Absolute, out var realm))
        {
            TokenEndpoint = realm.AbsoluteUri.TrimEnd('/') + "/protocol/openid-connect/token";
            Response.Headers.ContentSecurityPolicy = SecurityHeaders.PagePolicy.Replace("connect-src 'self'", "connect-src 'self' " + realm.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);
        }

        return null;
    }
}
