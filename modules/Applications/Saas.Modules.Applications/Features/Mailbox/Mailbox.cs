using Saas.Modules.Applications.Features.Evidence;
using Saas.Modules.Applications.Features.Submissions;
using Saas.Platform.Audit;
using Saas.Platform.Data;
using Saas.Platform.Outbox;
using Saas.Platform.Web;

namespace Saas.Modules.Applications.Features.Mailbox;

/// <summary>A message as either side reads it: the text (a notice's in the reader's language), who wrote it, its attachment.</summary>
internal sealed record MessageView(Guid Id, string Direction, string Text, string? Notice, string Author, DateTimeOffset WrittenAt, DateTimeOffset? ReadAt,
    string? Attachment, bool Filed, string? FilingError);

/// <summary>An applicant's message: the text, and at most one file (its name, length and content).</summary>
internal sealed record ApplicantMessage(string? Text, string? FileName = null, long FileLength = 0, Func<Stream>? OpenFile = null);

/// <summary>
/// A submission's mailbox (docs/adr/0044): the applicant writes with a file or without, the authority answers or a
/// process notifies; both sides read the same messages in order, and opening the mailbox marks the other side's as
/// read. An applicant's message is filed into the case through the outbox (<see cref="FileMessage"/>). A text is at
/// most 5,000 characters, without control characters other than line breaks and tabs; nothing written before is lost
/// when a message is refused.
/// </summary>
internal sealed class Mailbox(ApplicationsDbContext db, KeepEvidence keep, IAuditTrail audit, TimeProvider clock)
{
    /// <summary>The submission of this authority (and, for an applicant, theirs), or <c>application-submission-not-found</c>.</summary>
    public async Task<SubmissionRecord> FindAsync(Guid id, Accounts.SignedInApplicant? applicant, CancellationToken ct)
    {
        var subject = applicant?.Subject;
        return await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && (subject == null || s.ApplicantSubject == subject), ct)
               ?? throw ApplicationsProblems.SubmissionNotFound();
    }

    public async Task<IReadOnlyList<MessageView>> ReadAsync(SubmissionRecord submission, bool asApplicant, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var now = clock.GetUtcNow();
        var incoming = asApplicant ? MessageRecord.ToApplicant : MessageRecord.FromApplicant;
        await db.Messages.Where(m => m.SubmissionId == submission.Id && m.Direction == incoming && m.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ReadAt, now), ct);
        var messages = await db.Messages.AsNoTracking().Where(m => m.SubmissionId == submission.Id).OrderBy(m => m.WrittenAt).ThenBy(m => m.Id).ToListAsync(ct);
        var attachments = messages.Where(m => m.AttachmentId != null).Select(m => m.AttachmentId!.Value).ToArray();
        var names = await db.Evidence.AsNoTracking().Where(e => attachments.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return [.. messages.Select(m => new MessageView(m.Id, m.Direction, TextOf(m), m.Notice,
            m.Direction == MessageRecord.FromApplicant ? "applicant" : m.Notice is not null ? "process" : "authority", m.WrittenAt, m.ReadAt,
            m.AttachmentId is { } a ? names.GetValueOrDefault(a) : null, m.FiledAt is not null, m.FilingError))];
    }

    /// <summary>A process's notice in the reader's language; a key the platform has no text for reads as the general one.</summary>
    public static string TextOf(MessageRecord message) => message.Body ?? (Saas.Platform.Texts.TextCatalog.Shared.Has("de", "applications.notice." + message.Notice)
        ? L.T("applications.notice." + message.Notice)
        : L.T("applications.notice.default"));

    /// <summary>The applicant writes (from "Meine Anträge" or by the draft's link); filed into the case through the outbox.</summary>
    public async Task<MessageRecord> WriteAsApplicantAsync(SubmissionRecord submission, string author, ApplicantMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(message);
        var text = Clean(message.Text);
        if (submission.CaseId is null)
        {
            throw ApplicationsProblems.MailboxNotOpen();
        }

        var attachment = message.OpenFile is null || message.FileLength == 0
            ? null
            : await keep.ForMessageAsync(submission.FormKey, submission.Id, message.FileName ?? "", message.FileLength, message.OpenFile, ct);
        var record = new MessageRecord
        {
            SubmissionId = submission.Id, Direction = MessageRecord.FromApplicant, Body = text, AttachmentId = attachment?.Id, Author = author, WrittenAt = clock.GetUtcNow(),
        };
        await using var work = await db.BeginWorkAsync(audit, ct);
        db.Messages.Add(record);
        await db.SaveChangesAsync(ct);
        db.AddIntegrationEvent(new Contracts.ApplicantMessageWritten(Guid.NewGuid(), db.CurrentTenantId, record.WrittenAt, record.Id, submission.Id));
        work.Record(new AuditEntry("applications.message.create", "message", record.Id.ToString(), $"from the applicant, submission {submission.ReceiptNumber}", PersonalData: true));
        await work.CommitAsync(ct);
        return record;
    }

    /// <summary>A caseworker answers in the mailbox; the applicant reads it on the portal (no e-mail carries it).</summary>
    public async Task<MessageRecord> WriteAsAuthorityAsync(SubmissionRecord submission, string author, string? text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var record = new MessageRecord
        {
            SubmissionId = submission.Id, Direction = MessageRecord.ToApplicant, Body = Clean(text), Author = author, WrittenAt = clock.GetUtcNow(),
        };
        await using var work = await db.BeginWorkAsync(audit, ct);
        db.Messages.Add(record);
        await db.SaveChangesAsync(ct);
        work.Record(new AuditEntry("applications.message.create", "message", record.Id.ToString(), $"to the applicant, submission {submission.ReceiptNumber}", PersonalData: true));
        await work.CommitAsync(ct);
        return record;
    }

    private static string Clean(string? text)
    {
        var cleaned = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (cleaned.Length is 0 or > MessageRecord.MaxBody || cleaned.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            throw ApplicationsProblems.MessageInvalid(MessageRecord.MaxBody);
        }

        return cleaned;
    }
}
