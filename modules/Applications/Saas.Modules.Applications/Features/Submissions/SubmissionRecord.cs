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

    public JsonObject ReadAnswers() => JsonNode.Parse(Answers) as JsonObject ?? [];
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
    }
}
