using Saas.Modules.Applications.Features.Submissions;
using Saas.Modules.Workflows.Contracts;

namespace Saas.Modules.Applications.Features.Accounts;

/// <summary>Where an application stands for the applicant: every status so far, in order, the last one current.</summary>
internal sealed record ApplicantTimelineView(IReadOnlyList<ApplicantStatusEntry> Entries)
{
    public ApplicantStatusEntry Current => Entries[^1];
}

/// <summary>
/// The applicant's status timeline of a submission (docs/adr/0043): received when it was submitted; from then on what
/// the case's process says — each state the case entered that names an applicant status (<c>applicantStatus</c> in
/// the process definition; Workflows' <see cref="ICaseProcesses.ApplicantTimelineAsync"/>). The caseworkers' own
/// states, units, names and tasks never reach the applicant.
/// </summary>
internal sealed class ApplicantTimeline(ApplicationsDbContext db, ICaseProcesses processes)
{
    /// <summary>The timeline of a submission reached by its draft's link (a guest's receipt page).</summary>
    public async Task<ApplicantTimelineView> ReadAsync(Guid submissionId, CancellationToken ct) =>
        await ReadAsync(await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == submissionId, ct) ?? throw ApplicationsProblems.SubmissionNotFound(), ct);

    public async Task<ApplicantTimelineView> ReadAsync(SubmissionRecord submission, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var entries = new List<ApplicantStatusEntry> { new(ApplicantStatuses.Received, submission.SubmittedAt) };
        if (submission.CaseId is { } caseId)
        {
            foreach (var entry in await processes.ApplicantTimelineAsync(caseId, ct))
            {
                if (entry.Status != entries[^1].Status)
                {
                    entries.Add(entry);
                }
            }
        }

        return new ApplicantTimelineView(entries);
    }
}
