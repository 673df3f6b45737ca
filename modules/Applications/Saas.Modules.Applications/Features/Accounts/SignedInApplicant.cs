using System.Security.Claims;
using Saas.Platform.Identity;

namespace Saas.Modules.Applications.Features.Accounts;

/// <summary>
/// The applicant signed in on the portal or calling the API (docs/adr/0043): the subject of their sign-in (BundID's
/// pseudonym, through Keycloak, in production), their name, and how surely they were identified. Staff, devices and
/// guests are nobody here.
/// </summary>
internal sealed record SignedInApplicant(string Subject, string? Name, string? TrustLevel)
{
    public const int MaxLength = 255;

    public static SignedInApplicant? Of(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true || !user.IsInRole(SaasRoles.Applicant)
            || user.FindFirst(SaasClaims.Subject)?.Value is not { Length: > 0 and <= MaxLength } subject)
        {
            return null;
        }

        var trust = user.FindFirst(SaasClaims.TrustLevel)?.Value;
        return new SignedInApplicant(subject, user.FindFirst(SaasClaims.Name)?.Value, trust is { Length: > 0 and <= 100 } ? trust : null);
    }
}
