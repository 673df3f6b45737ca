using Saas.Modules.Applications.Features.Portal;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Letters.Contracts;
using Saas.Modules.Workflows.Contracts;
using Saas.Platform.Outbox;
using Saas.Platform.Storage;

namespace Saas.Modules.Applications.Features.Mailbox;

/// <summary>
/// Files an applicant's message into the submission's case (docs/adr/0044), once: its text as the letter the form's
/// intake names (<c>messageLetter</c>, through the letters pipeline, in the submission's language), its attachment as a
/// document of the intake's evidence type. A refusal of the e-Akte or the letters is kept with the message for a
/// caseworker to see; the next run tries again. A form without a message letter keeps the text in the mailbox only.
/// </summary>
internal sealed class FileMessage(ApplicationsDbContext db, PublishedForms forms, ICaseDocuments documents, ILetters letters, IBlobStore blobs, TimeProvider clock)
{
    public async Task ExecuteAsync(Guid messageId, CancellationToken ct)
    {
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.Direction == MessageRecord.FromApplicant, ct);
        if (message is null || message.FiledAt is not null)
        {
            return;
        }

        var submission = await db.Submissions.AsNoTracking().FirstAsync(s => s.Id == message.SubmissionId, ct);
        if (submission.CaseId is null)
        {
            return;
        }

        var form = await forms.GetVersionAsync(submission.FormKey, submission.FormVersion, ct);
        var intake = form?.Definition.Intake;
        try
        {
            if (message.AttachmentId is { } attachmentId && message.AttachmentDocumentId is null)
            {
                var attachment = await db.Evidence.AsNoTracking().FirstAsync(e => e.Id == attachmentId, ct);
                byte[] bytes;
                await using (var content = await blobs.OpenReadAsync(attachment.Sha256, ct))
                {
                    using var copy = new MemoryStream((int)Math.Min(attachment.Bytes, int.MaxValue));
                    await content.CopyToAsync(copy, ct);
                    bytes = copy.ToArray();
                }

                message.AttachmentDocumentId = await documents.AddGeneratedAsync(submission.CaseFileId!.Value, submission.CaseId, intake?.DocumentType ?? "sonstiges",
                    attachment.Name, attachment.ContentType, bytes, ct);
                await db.Evidence.Where(e => e.Id == attachmentId).ExecuteUpdateAsync(u => u.SetProperty(e => e.DocumentId, message.AttachmentDocumentId), ct);
                await db.SaveChangesAsync(ct);
            }

            if (intake?.MessageLetter is { } letter && message.DocumentId is null)
            {
                var language = form!.Definition.Languages.Contains(submission.Language, StringComparer.Ordinal) ? submission.Language : "de";
                var culture = CultureInfo.GetCultureInfo(language);
                var values = new Dictionary<string, string>
                {
                    ["formTitle"] = form.Definition.Title[language] ?? form.Definition.Title["de"] ?? form.Key,
                    ["receiptNumber"] = submission.ReceiptNumber,
                    ["writtenAt"] = TimeZoneInfo.ConvertTime(message.WrittenAt, Berlin).ToString("g", culture),
                    ["text"] = message.Body ?? "",
                    ["attachment"] = message.AttachmentId is { } a ? await db.Evidence.AsNoTracking().Where(e => e.Id == a).Select(e => e.Name).FirstAsync(ct) : "",
                };
                message.DocumentId = (await letters.ProduceAsync(new LetterRequest(letter, submission.CaseFileId!.Value, submission.CaseId, language, values), ct)).DocumentId;
            }

            message.FiledAt = clock.GetUtcNow();
            message.FilingError = null;
        }
        catch (SaasProblemException problem)
        {
            message.FilingError = $"{problem.Code}: {problem.Title}";
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every message of the submission from the applicant that is not filed yet, in order.</summary>
    public async Task PendingAsync(Guid submissionId, CancellationToken ct)
    {
        foreach (var id in await db.Messages.AsNoTracking().Where(m => m.SubmissionId == submissionId && m.Direction == MessageRecord.FromApplicant && m.FiledAt == null)
                     .OrderBy(m => m.WrittenAt).Select(m => m.Id).ToListAsync(ct))
        {
            await ExecuteAsync(id, ct);
        }
    }

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
}

/// <summary>The outbox's side: an applicant's message is filed as its own job (docs/adr/0044).</summary>
internal sealed class FileMessageHandler(FileMessage file, Saas.Platform.Identity.ICurrentActor actor) : IIntegrationEventHandler<Contracts.ApplicantMessageWritten>
{
    public async Task HandleAsync(Contracts.ApplicantMessageWritten integrationEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        using var job = actor.BeginJob("applications-mailbox");
        // This message, and any earlier one whose filing was refused (kept with its reason) and may go through now.
        await file.PendingAsync(integrationEvent.SubmissionId, ct);
    }
}

/// <summary>
/// A process said <c>notify</c> (Workflows' <see cref="ApplicantNotificationRequested"/>): the applicant finds the notice
/// in the mailbox of the submission whose case it is, once per event, in their language when they read it. A case that
/// came from no online application has no mailbox, and the notice is left to the letter the process sends.
/// </summary>
internal sealed class NoticeHandler(ApplicationsDbContext db) : IIntegrationEventHandler<ApplicantNotificationRequested>
{
    public async Task HandleAsync(ApplicantNotificationRequested integrationEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var submission = await db.Submissions.AsNoTracking().Where(s => s.CaseId == integrationEvent.CaseId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (submission is null || await db.Messages.AnyAsync(m => m.Id == integrationEvent.EventId, ct))
        {
            return;
        }

        db.Messages.Add(new MessageRecord
        {
            Id = integrationEvent.EventId, SubmissionId = submission.Value, Direction = MessageRecord.ToApplicant, Notice = integrationEvent.Message,
            Author = "process", WrittenAt = integrationEvent.OccurredAt,
        });
        await db.SaveChangesAsync(ct);
    }
}
