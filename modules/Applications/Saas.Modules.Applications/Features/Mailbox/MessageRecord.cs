using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saas.Platform.Data;

namespace Saas.Modules.Applications.Features.Mailbox;

/// <summary>
/// A message of a submission's mailbox (docs/adr/0044): to the applicant (a caseworker's text, or a process's notice by
/// its key) or from them (a text and at most one attachment, kept like evidence); filed into the case once written.
/// </summary>
internal sealed class MessageRecord : ITenantOwned
{
    public const string ToApplicant = "to-applicant";
    public const string FromApplicant = "from-applicant";
    public const int MaxBody = 5000;

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid SubmissionId { get; set; }

    public string Direction { get; set; } = "";

    public string? Body { get; set; }

    /// <summary>A process's <c>notify</c> key: the text is <c>applications.notice.{key}</c> in the reader's language.</summary>
    public string? Notice { get; set; }

    /// <summary>The attached file (an evidence row of the submission).</summary>
    public Guid? AttachmentId { get; set; }

    /// <summary>Who wrote it: the applicant's subject, a caseworker's, or <c>process</c>.</summary>
    public string Author { get; set; } = "";

    public DateTimeOffset WrittenAt { get; set; }

    /// <summary>When the other side first opened the mailbox after it arrived.</summary>
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>The text as a letter in the case (from the applicant).</summary>
    public Guid? DocumentId { get; set; }

    public Guid? AttachmentDocumentId { get; set; }

    public DateTimeOffset? FiledAt { get; set; }

    /// <summary>Why filing stopped (a caseworker sees it); retried with the next message or intake.</summary>
    public string? FilingError { get; set; }
}

internal sealed class MessageRecordConfiguration : IEntityTypeConfiguration<MessageRecord>
{
    public void Configure(EntityTypeBuilder<MessageRecord> builder)
    {
        builder.ToTable("messages", "applications");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id");
        builder.Property(m => m.TenantId).HasColumnName("tenant_id");
        builder.Property(m => m.SubmissionId).HasColumnName("submission_id");
        builder.Property(m => m.Direction).HasColumnName("direction");
        builder.Property(m => m.Body).HasColumnName("body");
        builder.Property(m => m.Notice).HasColumnName("notice");
        builder.Property(m => m.AttachmentId).HasColumnName("attachment_id");
        builder.Property(m => m.Author).HasColumnName("author");
        builder.Property(m => m.WrittenAt).HasColumnName("written_at");
        builder.Property(m => m.ReadAt).HasColumnName("read_at");
        builder.Property(m => m.DocumentId).HasColumnName("document_id");
        builder.Property(m => m.AttachmentDocumentId).HasColumnName("attachment_document_id");
        builder.Property(m => m.FiledAt).HasColumnName("filed_at");
        builder.Property(m => m.FilingError).HasColumnName("filing_error");
    }
}
