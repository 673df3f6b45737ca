using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Applications.Features.Portal;

namespace Saas.Modules.Applications.Pages.Portal;

/// <summary>
/// <c>/antraege/entwurf/{token}/zusammenfassung</c>: every answer, checked as a whole; errors link to their step's field,
/// and the submit (with the draft's Idempotency-Key) is offered only without them.
/// </summary>
internal sealed class SummaryModel(ReadDraft read) : PortalPage
{
    public FormView View { get; private set; } = null!;

    /// <summary>The errors with the link to the field on its step.</summary>
    public IReadOnlyList<(string Href, ShownError Error)> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await FindAsync(read, token, ct);

        if (Draft.Draft.SubmissionId is not null)
        {
            return ToReceipt();
        }

        var check = Check(Draft.Answers);
        var errors = StepPost.ErrorsOf(Draft.Form, check, null);
        View = new FormView(Draft.Form, Draft.Answers, check, errors) { ReadOnly = true };
        Errors = [.. View.ShownErrors().Select(e => (StepUrl(Draft.Form.Layout.StepOfPath(e.Path) ?? Draft.Form.Layout.Steps[0], e.Id), e))];
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }
}
