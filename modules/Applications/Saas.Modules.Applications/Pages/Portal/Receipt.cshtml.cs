using Microsoft.AspNetCore.Mvc;
using Saas.Platform.Web;
using Saas.Modules.Applications.Features.Portal;
using Saas.Modules.Applications.Features.Submissions;
using Saas.Modules.Applications.Features.Validation;

namespace Saas.Modules.Applications.Pages.Portal;

/// <summary>
/// <c>/antraege/entwurf/{token}/eingang</c>: the receipt of a submitted draft — its number, every answer as submitted,
/// the Eingangsbestätigung as a PDF once the intake has filed it (<c>?handler=Pdf</c>; docs/adr/0042), and the status
/// timeline, so that a guest follows the application by the same link (docs/adr/0043).
/// </summary>
internal sealed class ReceiptModel(ReadDraft read, ReadSubmission submissions, PublishedForms forms, Features.Intake.ReadReceiptLetter letters,
    Features.Accounts.ApplicantTimeline timeline, Features.Mailbox.Mailbox mailbox, TimeProvider clock)
    : PortalPage
{
    /// <summary>The application's mailbox: the draft's link is a guest's way into it (docs/adr/0044).</summary>
    public MailboxPart Mailbox { get; private set; } = null!;

    /// <summary>The Eingangsbestätigung is in the file and can be downloaded.</summary>
    public bool ReceiptPdf { get; private set; }

    /// <summary>The form's intake writes one, and it is not written yet.</summary>
    public bool ReceiptPending { get; private set; }

    public SubmissionReceipt Receipt { get; private set; } = null!;

    public FormView View { get; private set; } = null!;

    /// <summary>Where the application stands (docs/adr/0043): the draft's link is a guest's way to follow it.</summary>
    public Features.Accounts.ApplicantTimelineView Timeline { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct) => await ShowAsync(token, null, null, ct);

    /// <summary>A guest's message to the authority; refused, the page comes back with the error and the text kept.</summary>
    public async Task<IActionResult> OnPostMessageAsync(string token, [FromForm(Name = MailboxPart.TextField)] string? text, [FromForm(Name = MailboxPart.FileField)] IFormFile? file,
        CancellationToken ct)
    {
        await FindAsync(read, token, ct);
        if (Draft.Draft.SubmissionId is not { } id)
        {
            return Redirect(SummaryUrl());
        }

        var submission = await mailbox.FindAsync(id, null, ct);
        try
        {
            // A guest writes as the draft's link: the author is the draft, whoever holds its link.
            await mailbox.WriteAsApplicantAsync(submission, "draft:" + Draft.Draft.Id, new Features.Mailbox.ApplicantMessage(text, file?.FileName, file?.Length ?? 0,
                file is null ? null : file.OpenReadStream), ct);
        }
        catch (SaasProblemException problem) when (problem.Status is StatusCodes.Status422UnprocessableEntity or StatusCodes.Status409Conflict)
        {
            var page = await ShowAsync(token, L.T(problem.Title), text, ct);
            Response.StatusCode = problem.Status;
            return page;
        }

        return Redirect(Url.Page("/Portal/Receipt", new { token }) + "#postfach-titel");
    }

    private async Task<IActionResult> ShowAsync(string token, string? error, string? text, CancellationToken ct)
    {
        await FindAsync(read, token, ct);

        if (Draft.Draft.SubmissionId is not { } id)
        {
            return Redirect(SummaryUrl());
        }

        Receipt = await submissions.ExecuteAsync(id, ct);
        // The answers by the labels of the version they were submitted with.
        var form = await forms.GetVersionAsync(Receipt.Form, Receipt.FormVersion, ct) ?? Draft.Form;
        var check = new SubmissionValidator(form.Compiled).Validate(FormValues.WithoutComputed(form.Definition, Receipt.Answers), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        View = new FormView(form, Receipt.Answers, check, new Dictionary<string, string[]>()) { ReadOnly = true };
        ReceiptPdf = await letters.HasAsync(id, ct);
        Timeline = await timeline.ReadAsync(id, ct);
        var submission = await mailbox.FindAsync(id, null, ct);
        Mailbox = new MailboxPart(await mailbox.ReadAsync(submission, asApplicant: true, ct), submission.CaseId is not null, error, text);
        ReceiptPending = !ReceiptPdf && form.Definition.Intake?.ReceiptLetter is not null;
        return Page();
    }

    /// <summary>The Eingangsbestätigung as a PDF download (404 until the intake has filed it).</summary>
    public async Task<IActionResult> OnGetPdfAsync(string token, CancellationToken ct)
    {
        await FindAsync(read, token, ct);
        if (Draft.Draft.SubmissionId is not { } id)
        {
            throw ApplicationsProblems.DraftNotFound();
        }

        var (content, name) = await letters.OpenAsync(id, ct);
        return File(content, "application/pdf", name);
    }
}
