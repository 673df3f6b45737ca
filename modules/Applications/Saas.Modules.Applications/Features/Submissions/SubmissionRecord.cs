using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saas.Platform.Data;

namespace Saas.Modules.Applications.Features.Submissions;

/// <summary>
/// An accepted application: the form and version it was made with, the accepted values (jsonb, the validator's input
/// shape), the FIM ids and versions of the form and its values, the language, the receipt number and the
/// Idempotency-Key whose unique key makes a repeated submit find this row instead of making a second one.
/// </summary>
internal sealed class SubmissionRecord : ITenantOwned
{
    public const string IdempotencyConstraint = "submissions_idempotency_unique";

    public const string ReceiptConstraint = "submissions_receipt_unique";

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public string FormKey { get; set; } = "";

    public int FormVersion { get; set; }

    public string Answers { get; set; } = "{}";

    public string Fim { get; set; } = "{}";

    public string Language { get; set; } = "de";

    public string ReceiptNumber { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The signed-in applicant it belongs to (their sign-in's subject); null for a guest's.</summary>
    public string? ApplicantSubject { get; set; }

    /// <summary>How surely the applicant was identified when submitting (BundID's STORK-QAA level); null for a guest.</summary>
    public string? TrustLevel { get; set; }

    /// <summary>How far it entered the e-Akte (docs/adr/0042): <see cref="IntakeStatuses"/>.</summary>
    public string IntakeStatus { get; set; } = IntakeStatuses.Received;

    /// <summary>Why the intake stopped (<see cref="IntakeStatuses.Failed"/>): the problem's code and text.</summary>
    public string? IntakeError { get; set; }

    /// <summary>The files that may be the applicant's, for a caseworker to choose from (<see cref="IntakeStatuses.PersonUnclear"/>).</summary>
    public Guid[] Candidates { get; set; } = [];

    public Guid? CaseFileId { get; set; }

    public Guid? CaseId { get; set; }

    public Guid? ProcessInstanceId { get; set; }

    /// <summary>The Eingangsbestätigung filed into the case (the letter the form's intake names).</summary>
    public Guid? ReceiptDocumentId { get; set; }

    public DateTimeOffset? FiledAt { get; set; }

    public JsonObject ReadAnswers() => JsonNode.Parse(Answers) as JsonObject ?? [];
}

/// <summary>Where a submission stands on its way into the e-Akte.</summary>
internal static class IntakeStatuses
{
    /// <summary>Stored; the intake has not run (or the form names no intake, and a caseworker files it by hand).</summary>
    public const string Received = "received";

    /// <summary>Whose file it belongs to is for a caseworker to say: the answers match some files, none surely.</summary>
    public const string PersonUnclear = "person-unclear";

    /// <summary>In the e-Akte: file, case, evidence as documents, the receipt letter, process started.</summary>
    public const string Filed = "filed";

    /// <summary>Refused by the e-Akte or the process (the reason kept); a caseworker retries after fixing it.</summary>
    public const string Failed = "failed";
}

internal sealed class SubmissionRecordConfiguration : IEntityTypeConfiguration<SubmissionRecord>
{
    public void Configure(EntityTypeBuilder<SubmissionRecord> builder)
    {
        builder.ToTable("submissions", "applications");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property(s => s.TenantId).HasColumnName("tenant_id");
        builder.Property(s => s.FormKey).HasColumnName("form_key");
        builder.Property(s => s.FormVersion).HasColumnName("form_version");
        builder.Property(s => s.Answers).HasColumnName("answers").HasColumnType("jsonb");
        builder.Property(s => s.Fim).HasColumnName("fim").HasColumnType("jsonb");
        builder.Property(s => s.Language).HasColumnName("language");
        builder.Property(s => s.ReceiptNumber).HasColumnName("receipt_number");
        builder.Property(s => s.IdempotencyKey).HasColumnName("idempotency_key");
        builder.Property(s => s.SubmittedAt).HasColumnName("submitted_at");
        builder.Property(s => s.IntakeStatus).HasColumnName("intake_status");
        builder.Property(s => s.IntakeError).HasColumnName("intake_error");
        builder.Property(s => s.Candidates).HasColumnName("candidates");
        builder.Property(s => s.CaseFileId).HasColumnName("case_file_id");
        builder.Property(s => s.CaseId).HasColumnName("case_id");
        builder.Property(s => s.ProcessInstanceId).HasColumnName("process_instance_id");
        builder.Property(s => s.FiledAt).HasColumnName("filed_at");
        builder.Property(s => s.ReceiptDocumentId).HasColumnName("receipt_document_id");
        builder.Property(s => s.ApplicantSubject).HasColumnName("applicant_subject");
        builder.Property(s => s.TrustLevel).HasColumnName("trust_level");
    }
}
