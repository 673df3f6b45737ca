using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Applications.Features.Portal;
using Saas.Modules.Applications.Features.Validation;
using Saas.Platform.Web;

namespace Saas.Modules.Applications.Pages.Portal;

/// <summary>
/// The base of the applicant's form pages (public: a draft's link is its key; docs/adr/0035). Page models bind, call
/// the same use cases as the API and redirect (post/redirect/get); a link this authority does not know is a 404.
/// Posts are read within bounds: 2,000 values of at most 64 KB each (a text answer is taken up to 10,000
/// characters, <see cref="StepPost"/>), names of at most 1,000 characters. Every post counts against the client's limit
/// (docs/adr/0036).
/// </summary>
[RequestFormLimits(ValueCountLimit = 2_000, ValueLengthLimit = 64 * 1024, KeyLengthLimit = 1_000)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Saas.Platform.Antibot.ClientLimits.Policy)]
internal abstract class PortalPage : PageModel
{
    public OpenDraft Draft { get; protected set; } = null!;

    public string Token { get; protected set; } = "";

    /// <summary>The draft of the link; another authority's, an unknown or an expired link is the problem <c>application-draft-not-found</c>.</summary>
    protected async Task FindAsync(ReadDraft read, string token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        Draft = await read.ExecuteAsync(token, ct);
        Token = token;
    }

    /// <summary>The draft of the link and one of its form's steps.</summary>
    protected async Task FindAsync(ReadDraft read, string token, string step, CancellationToken ct)
    {
        await FindAsync(read, token, ct);
        if (!Draft.Form.Layout.HasStep(step))
        {
            throw ApplicationsProblems.StepNotFound();
        }
    }

    /// <summary>The server's check of the answers so far (visibility, computed values, errors).</summary>
    protected SubmissionResult Check(JsonObject answers) =>
        new SubmissionValidator(Draft.Form.Compiled).Validate(answers, DateOnly.FromDateTime(HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));

    public string StepUrl(string step, string? fragment = null) =>
        Url.Page("/Portal/Step", new { token = Token, step }) + (fragment is null ? "" : "#" + fragment);

    public string SummaryUrl() => Url.Page("/Portal/Summary", new { token = Token })!;

    /// <summary>The draft's link as the applicant keeps it to continue later (the e-mail with it comes later).</summary>
    public string ResumeLink(string step) => $"{Request.Scheme}://{Request.Host}{StepUrl(step)}";

    public string StepTitle(string step) => Draft.Form.Layout.StepOf(step) is { } declared ? FormView.Plain(declared.Title) : L.T("applications.portal.step-default");

    public IActionResult ToReceipt() => RedirectToPage("/Portal/Receipt", new { token = Token });
}
