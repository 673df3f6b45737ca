using Microsoft.AspNetCore.Mvc;
using Saas.Platform.Web;
using Saas.Modules.Applications.Features.Accounts;
using Saas.Modules.Applications.Features.Mailbox;
using Saas.Modules.Applications.Features.Portal;

namespace Saas.Modules.Applications.Pages.Portal;

/// <summary>
/// <c>/antraege/meine/{id}</c>: one of the signed-in applicant's applications with its status timeline (docs/adr/0043).
/// Another applicant's or another authority's id is a 404.
/// </summary>
internal sealed class TrackingModel(MyApplications mine, PublishedForms forms, Mailbox mailbox) : ApplicantPage
{
    public MailboxPart Mailbox { get; private set; } = null!;

    public MySubmissionDetail Detail { get; private set; } = null!;

    public string FormTitle { get; private set; } = "";

    /// <summary>The form's title in every language it has, for the heading (marked with its language when borrowed).</summary>
    public Saas.Modules.Applications.Features.Definitions.FormTexts? Title { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, null, null, ct);
        return Page();
    }

    /// <summary>A message to the authority (docs/adr/0044); refused, the page comes back with the error and the text kept.</summary>
    public async Task<IActionResult> OnPostMessageAsync(Guid id, [FromForm(Name = MailboxPart.TextField)] string? text, [FromForm(Name = MailboxPart.FileField)] IFormFile? file,
        CancellationToken ct)
    {
        var submission = await mailbox.FindAsync(id, Applicant, ct);
        try
        {
            await mailbox.WriteAsApplicantAsync(submission, Applicant.Subject, new ApplicantMessage(text, file?.FileName, file?.Length ?? 0, file is null ? null : file.OpenReadStream), ct);
        }
        catch (SaasProblemException problem) when (problem.Status is StatusCodes.Status422UnprocessableEntity or StatusCodes.Status409Conflict)
        {
            await LoadAsync(id, L.T(problem.Title), text, ct);
            Response.StatusCode = problem.Status;
            return Page();
        }

        return RedirectToPage("/Portal/Tracking", null, new { id }, "postfach-titel");
    }

    private async Task LoadAsync(Guid id, string? error, string? text, CancellationToken ct)
    {
        Detail = await mine.OneAsync(Applicant, id, ct);
        var form = await forms.GetVersionAsync(Detail.Submission.Form, Detail.Submission.FormVersion, ct);
        FormTitle = form is null ? Detail.Submission.Form : FormView.Plain(form.Definition.Title);
        Title = form?.Definition.Title;
        var submission = await mailbox.FindAsync(id, Applicant, ct);
        Mailbox = new MailboxPart(await mailbox.ReadAsync(submission, asApplicant: true, ct), submission.CaseId is not null, error, text);
    }

    /// <summary>BundID's names for the STORK-QAA levels (1 Basisregistrierung, 3 substanziell, 4 hoch); another value is named as it is.</summary>
    public static string TrustLevelText(string level) => level switch
    {
        "STORK-QAA-Level-1" or "STORK-QAA-Level-2" or "STORK-QAA-Level-3" or "STORK-QAA-Level-4" => "applications.trust-level." + level[^1],
        _ => "applications.trust-level.other",
    };
}
