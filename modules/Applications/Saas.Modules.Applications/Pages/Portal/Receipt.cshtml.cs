using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Applications.Features.Portal;
using Saas.Modules.Applications.Features.Submissions;
using Saas.Modules.Applications.Features.Validation;

namespace Saas.Modules.Applications.Pages.Portal;

/// <summary><c>/antraege/entwurf/{token}/eingang</c>: the receipt of a submitted draft — its number and every answer as submitted.</summary>
internal sealed class ReceiptModel(ReadDraft read, ReadSubmission submissions, PublishedForms forms, TimeProvider clock) : PortalPage
{
    public SubmissionReceipt Receipt { get; private set; } = null!;

    public FormView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await FindAsync(read, token, ct);

        if (Draft.Draft.SubmissionId is not { } id)
        {
            return Redirect(SummaryUrl());
        }

        Receipt = await submissions.ExecuteAsync(id, ct);
        // The answers by the labels of the version they were submitted with.
        var form = await forms.GetVersionAsync(Receipt.Form, Receipt.FormVersion, ct) ?? Draft.Form;
        var check = new SubmissionValidator(form.Compiled).Validate(Receipt.Answers, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        View = new FormView(form, Receipt.Answers, check, new Dictionary<string, string[]>()) { ReadOnly = true };
        return Page();
    }
}
