using Saas.Modules.Applications.Features.Portal;
using Saas.Modules.Applications.Features.Submissions;
using Saas.Modules.Workflows.Contracts;
using Saas.Platform.Audit;
using Saas.Platform.Data;

namespace Saas.Modules.Applications.Features.Accounts;

/// <summary>A draft the applicant has not submitted yet, open until <paramref name="ExpiresAt"/>.</summary>
internal sealed record MyDraft(Guid Id, string Form, DateTimeOffset UpdatedAt, DateTimeOffset ExpiresAt);

/// <summary>A submitted application with its current status for the applicant.</summary>
internal sealed record MySubmission(Guid Id, string Form, int FormVersion, string ReceiptNumber, DateTimeOffset SubmittedAt, string Language,
    string Status, DateTimeOffset StatusAt);

/// <summary>One submitted application with its whole timeline.</summary>
internal sealed record MySubmissionDetail(MySubmission Submission, IReadOnlyList<ApplicantStatusEntry> Timeline, string? TrustLevel);

/// <summary>"Meine Anträge": what the signed-in applicant has started and submitted with this authority.</summary>
internal sealed record MyApplicationsView(IReadOnlyList<MyDraft> Drafts, IReadOnlyList<MySubmission> Submissions);

/// <summary>
/// A signed-in applicant's own applications with this authority (docs/adr/0043), found by the subject of their sign-in
/// alone: another applicant's and another authority's are not found (the authority's row-level security stands
/// behind the subject's filter). Drafts that expired or were submitted are not listed.
/// </summary>
internal sealed class MyApplications(ApplicationsDbContext db, ApplicantTimeline timeline, TimeProvider clock)
{
    /// <summary>At most this many of each are listed, the newest first.</summary>
    public const int Limit = 200;

    public async Task<MyApplicationsView> ListAsync(SignedInApplicant applicant, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var now = clock.GetUtcNow();
        var drafts = await db.Drafts.AsNoTracking()
            .Where(d => d.ApplicantSubject == applicant.Subject && d.SubmissionId == null && d.ExpiresAt > now)
            .OrderByDescending(d => d.UpdatedAt).Take(Limit)
            .Select(d => new MyDraft(d.Id, d.FormKey, d.UpdatedAt, d.ExpiresAt)).ToListAsync(ct);
        var submissions = await db.Submissions.AsNoTracking().Where(s => s.ApplicantSubject == applicant.Subject)
            .OrderByDescending(s => s.SubmittedAt).Take(Limit).ToListAsync(ct);
        var listed = new List<MySubmission>(submissions.Count);
        foreach (var submission in submissions)
        {
            listed.Add(View(submission, (await timeline.ReadAsync(submission, ct)).Current));
        }

        return new MyApplicationsView(drafts, listed);
    }

    /// <summary>One of the applicant's submissions with its timeline; anyone else's is <c>application-submission-not-found</c>.</summary>
    public async Task<MySubmissionDetail> OneAsync(SignedInApplicant applicant, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.ApplicantSubject == applicant.Subject, ct)
                         ?? throw ApplicationsProblems.SubmissionNotFound();
        var entries = (await timeline.ReadAsync(submission, ct)).Entries;
        return new MySubmissionDetail(View(submission, entries[^1]), entries, submission.TrustLevel);
    }

    private static MySubmission View(SubmissionRecord s, ApplicantStatusEntry current) =>
        new(s.Id, s.FormKey, s.FormVersion, s.ReceiptNumber, s.SubmittedAt, s.Language, current.Status, current.At);
}

/// <summary>
/// Continues one of the signed-in applicant's drafts from "Meine Anträge" (docs/adr/0043). The link's token is kept
/// only as its hash, so the draft gets a new one: the old link stops working (whoever may have seen it loses it), the
/// answers stay. Anyone else's, a submitted or an expired draft is <c>application-draft-not-found</c>.
/// </summary>
internal sealed class ResumeDraft(ApplicationsDbContext db, IAuditTrail audit, TimeProvider clock)
{
    public async Task<(string Token, string Form)> ExecuteAsync(SignedInApplicant applicant, Guid draftId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var now = clock.GetUtcNow();
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.Id == draftId && d.ApplicantSubject == applicant.Subject && d.SubmissionId == null && d.ExpiresAt > now, ct)
                    ?? throw ApplicationsProblems.DraftNotFound();
        var token = DraftTokens.NewToken();
        draft.TokenHash = DraftTokens.Hash(token);
        draft.UpdatedAt = now;
        await using var work = await db.BeginWorkAsync(audit, ct);
        await db.SaveChangesAsync(ct);
        work.Record(new AuditEntry("applications.draft.resume", "draft", draft.Id.ToString(), "new link for the signed-in applicant"));
        await work.CommitAsync(ct);
        return (token, draft.FormKey);
    }
}
