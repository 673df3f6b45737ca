using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Applications.Features.Accounts;
using Saas.Platform.Identity;

namespace Saas.Modules.Applications.Pages.Portal;

/// <summary>
/// The base of the signed-in applicant's own pages (docs/adr/0043): a guest is sent to the sign-in, staff are refused,
/// and every request counts against the client's limit (docs/adr/0036).
/// </summary>
[Authorize(Policy = SaasPolicies.Applicant)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Saas.Platform.Antibot.ClientLimits.Policy)]
internal abstract class ApplicantPage : PageModel
{
    /// <summary>The applicant signed in; the policy lets nobody else in, so anyone else is a misconfiguration, not a 404.</summary>
    public SignedInApplicant Applicant =>
        SignedInApplicant.Of(User) ?? throw new InvalidOperationException("The applicant policy let in someone who is no applicant.");
}
