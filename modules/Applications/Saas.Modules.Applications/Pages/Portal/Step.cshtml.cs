using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Applications.Features.Portal;
using Saas.Modules.Applications.Features.Validation;
using Saas.Platform.Web;

namespace Saas.Modules.Applications.Pages.Portal;

/// <summary>
/// <c>/antraege/entwurf/{token}/{step}</c>: one step of the form. Every post keeps what was entered, runs the server's
/// check on the answers so far and shows this step's errors at their fields and in a summary at the top; "continue"
/// goes on only without them, "back" and "save and continue later" always (the latter shows the resume link).
/// </summary>
internal sealed class StepModel(ReadDraft read, SaveAnswers save, SendResumeLink sendLink, Features.Evidence.KeepEvidence keep) : PortalPage
{
    public string Step { get; private set; } = "";

    public FormView View { get; private set; } = null!;

    public IReadOnlyList<ShownError> Shown { get; private set; } = [];

    public bool Saved { get; private set; }

    /// <summary>The resume link was just sent by e-mail.</summary>
    public bool Sent { get; private set; }

    /// <summary>Why the resume link could not be sent, in the reader's language.</summary>
    public string? MailError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, string step, bool gespeichert, bool gesendet, CancellationToken ct)
    {
        Sent = gespeichert && gesendet;
        await FindAsync(read, token, step, ct);

        if (Draft.Draft.SubmissionId is not null)
        {
            return ToReceipt();
        }

        Step = step;
        Saved = gespeichert;
        Show(Draft.Answers, Check(Draft.Answers), new Dictionary<string, string[]>());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, string step, string? aktion, CancellationToken ct)
    {
        await FindAsync(read, token, step, ct);

        if (Draft.Draft.SubmissionId is not null)
        {
            return ToReceipt();
        }

        Step = step;
        var answers = Draft.Answers;
        // Beyond PortalPage's form limits the post never gets here (the antiforgery check reads the form first): the
        // kernel answers 400 "form-not-taken" and the draft stays as it was.
        var posted = await Request.ReadFormAsync(ct);
        var (refused, files) = StepPost.Apply(Draft.Form, step, answers, posted, Check(answers));
        // Each file is kept as evidence (its bytes checked and stored) before the answers are saved; a refused file (the
        // portal's refusal or the e-Akte's check) leaves the field's earlier answer as it was and is shown at the field.
        var fileErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (path, file) in files)
        {
            try
            {
                var kept = await keep.ExecuteAsync(new Features.Evidence.KeepEvidenceRequest(Draft.Form, path, Draft.Draft.Id, file.FileName, file.Length, file.OpenReadStream), ct);
                FormValues.Set(answers, path, kept.ToAnswer());
            }
            catch (Saas.Platform.Errors.SaasProblemException refusal)
            {
                fileErrors[path] = [L.T(refusal.Title)];
            }
        }

        var anchor = refused.Count > 0 || fileErrors.Count > 0 ? null : StepPost.Act(Draft.Form, step, answers, aktion);
        await save.ExecuteAsync(new SaveAnswersRequest(Draft.Draft, answers, L.Lang), ct);
        if (refused.Count > 0 || fileErrors.Count > 0)
        {
            var bounds = StepPost.ErrorsOf(Draft.Form, Check(answers), step);
            foreach (var path in refused)
            {
                bounds[path] = [L.T("applications.portal.error.value-too-large", ("max", StepPost.MaxTextLength), ("choices", StepPost.MaxChoices))];
            }

            foreach (var (path, messages) in fileErrors)
            {
                bounds[path] = messages;
            }

            Show(answers, Check(answers), bounds);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (anchor is not null)
        {
            return Redirect(StepUrl(step, anchor));
        }

        var layout = Draft.Form.Layout;
        switch (aktion)
        {
            case "speichern":
                return Redirect(Url.Page("/Portal/Step", new { token, step, gespeichert = true })!);
            case "zurueck":
                return Redirect(StepUrl(layout.Previous(step) ?? step));
        }

        var check = Check(answers);
        var errors = StepPost.ErrorsOf(Draft.Form, check, step);
        if (errors.Count > 0)
        {
            Show(answers, check, errors);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return layout.Next(step) is { } next ? Redirect(StepUrl(next)) : Redirect(SummaryUrl());
    }

    /// <summary>Sends the resume link to the address given in the saved notice; a problem is shown at the address field.</summary>
    public async Task<IActionResult> OnPostLinkAsync(string token, string step, string? email, CancellationToken ct)
    {
        await FindAsync(read, token, step, ct);
        if (Draft.Draft.SubmissionId is not null)
        {
            return ToReceipt();
        }

        try
        {
            await sendLink.ExecuteAsync(new SendResumeLinkRequest(Draft.Draft, token, step, email, L.Lang), ct);
            return Redirect(Url.Page("/Portal/Step", new { token, step, gespeichert = true, gesendet = true })!);
        }
        catch (Saas.Platform.Errors.SaasProblemException problem) when (problem.Detail == "email")
        {
            Step = step;
            Saved = true;
            MailError = L.T(problem.Title);
            Response.StatusCode = problem.Status;
            Show(Draft.Answers, Check(Draft.Answers), new Dictionary<string, string[]>());
            return Page();
        }
    }

    private void Show(JsonObject answers, SubmissionResult check, IReadOnlyDictionary<string, string[]> errors)
    {
        View = new FormView(Draft.Form, answers, check, errors) { Step = Step };
        Shown = View.ShownErrors();
    }
}
