using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Applications.Features.Intake;
using Saas.Modules.Applications.Features.Mailbox;
using Saas.Modules.Applications.Features.Submissions;
using Saas.Platform.Identity;
using Saas.Platform.Web;

namespace Saas.Modules.Applications.Pages.Workbench;

/// <summary>
/// <c>/workbench/online/{id}</c>: one online application for the caseworker — who it names, where its intake stands
/// (with the reason of a refusal and a retry), the files it might belong to (one click chooses, or a new file), its
/// evidence, and its mailbox with the answer form (docs/adr/0042, 0044). Another authority's id is a 404.
/// </summary>
internal sealed class OnlineItemModel(ReadIntake read, FileSubmission file, Mailbox mailbox) : IntakePage
{
    public IntakeItem Item { get; private set; } = null!;

    public IReadOnlyList<MessageView> Messages { get; private set; } = [];

    /// <summary>The answer as typed, kept when it was refused.</summary>
    public string? Answer { get; private set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct);

    /// <summary>An answer to the applicant in the mailbox.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(Guid id, [FromForm(Name = "antwort")] string? text, CancellationToken ct)
    {
        var submission = await mailbox.FindAsync(id, null, ct);
        return await RunAsync(id, async () => await mailbox.WriteAsAuthorityAsync(submission, User.FindFirst(SaasClaims.Subject)?.Value ?? "staff", text, ct), text, ct);
    }

    /// <summary>Whose file it is, when the intake waits for that: one of the candidates, or a new file.</summary>
    public async Task<IActionResult> OnPostPersonAsync(Guid id, Guid? caseFileId, bool newFile, CancellationToken ct) =>
        await RunAsync(id, async () =>
        {
            if ((await read.OneAsync(id, ct)).Status != IntakeStatuses.PersonUnclear || (caseFileId is null) == !newFile)
            {
                throw ApplicationsProblems.IntakeChoiceRefused();
            }

            await file.ExecuteAsync(id, new PersonChoice(caseFileId, newFile), ct);
        }, null, ct);

    /// <summary>Files it again after a refusal was fixed (a process published, a document type added).</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct) =>
        await RunAsync(id, async () => await file.ExecuteAsync(id, null, ct), null, ct);

    private async Task<IActionResult> RunAsync(Guid id, Func<Task> action, string? answer, CancellationToken ct)
    {
        try
        {
            await action();
        }
        catch (SaasProblemException problem) when (problem.Status < 500 && problem.Status != StatusCodes.Status404NotFound)
        {
            Error = L.T(problem.Title);
            Answer = answer;
            Response.StatusCode = problem.Status;
            await LoadAsync(id, ct);
            return Page();
        }

        return RedirectToPage("/Workbench/OnlineItem", new { id });
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Item = await read.OneAsync(id, ct);
        Messages = await mailbox.ReadAsync(await mailbox.FindAsync(id, null, ct), asApplicant: false, ct);
    }
}
