using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Applications.Features.Portal;
using Saas.Modules.Applications.Features.Submissions;
using Saas.Platform.Web;

namespace Saas.Modules.Applications.Pages.Portal;

/// <summary>
/// <c>POST /antraege/entwurf/{token}/absenden</c>: submits the draft's answers with the Idempotency-Key its summary
/// carries (the draft's own; another is refused), through the same use case as the API. A repeated submit — a double
/// click, the browser's back and resend — gets the receipt of the first. Refused answers go back to the summary.
/// </summary>
internal sealed class SubmitModel(ReadDraft read, SubmitApplication submit) : PortalPage
{
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await FindAsync(read, token, ct);
        return Redirect(SummaryUrl());
    }

    public async Task<IActionResult> OnPostAsync(string token, [FromForm(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        await FindAsync(read, token, ct);

        if (!string.Equals(idempotencyKey, Draft.Draft.IdempotencyKey, StringComparison.Ordinal))
        {
            throw ApplicationsProblems.IdempotencyKeyReused();
        }

        try
        {
            await submit.ExecuteAsync(new SubmitApplicationRequest(Draft.Draft.FormKey, Draft.Answers, idempotencyKey, L.Lang, Draft.Draft.Id,
                Features.Accounts.SignedInApplicant.Of(User)), ct);
        }
        catch (SaasProblemException problem) when (problem.Status == StatusCodes.Status422UnprocessableEntity)
        {
            return Redirect(SummaryUrl());
        }

        return ToReceipt();
    }
}
