using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saas.Platform.Data;

namespace Saas.Modules.Applications.Features.Portal;

/// <summary>
/// An application being filled in on the portal: its form, the language chosen, the answers so far exactly as posted,
/// reached by its link's token (only the SHA-256 is kept) until it expires; once submitted, it names its submission.
/// </summary>
internal sealed class DraftRecord : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public string FormKey { get; set; } = "";

    public byte[] TokenHash { get; set; } = [];

    public string Language { get; set; } = "de";

    public string IdempotencyKey { get; set; } = "";

    /// <summary>The answers as JSON (jsonb): the shape the validator reads.</summary>
    public string Answers { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public Guid? SubmissionId { get; set; }

    /// <summary>The signed-in applicant who started it (their sign-in's subject); null for a guest's.</summary>
    public string? ApplicantSubject { get; set; }

    /// <summary>How many times the resume link was sent by e-mail.</summary>
    public int ResumeMails { get; set; }

    public JsonObject ReadAnswers() => JsonNode.Parse(Answers) as JsonObject ?? [];
}

internal sealed class DraftRecordConfiguration : IEntityTypeConfiguration<DraftRecord>
{
    public void Configure(EntityTypeBuilder<DraftRecord> builder)
    {
        builder.ToTable("drafts", "applications");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasColumnName("id");
        builder.Property(d => d.TenantId).HasColumnName("tenant_id");
        builder.Property(d => d.FormKey).HasColumnName("form_key");
        builder.Property(d => d.TokenHash).HasColumnName("token_hash");
        builder.Property(d => d.Language).HasColumnName("language");
        builder.Property(d => d.IdempotencyKey).HasColumnName("idempotency_key");
        builder.Property(d => d.Answers).HasColumnName("answers").HasColumnType("jsonb");
        builder.Property(d => d.CreatedAt).HasColumnName("created_at");
        builder.Property(d => d.UpdatedAt).HasColumnName("updated_at");
        builder.Property(d => d.ExpiresAt).HasColumnName("expires_at");
        builder.Property(d => d.SubmissionId).HasColumnName("submission_id");
        builder.Property(d => d.ResumeMails).HasColumnName("resume_mails");
        builder.Property(d => d.ApplicantSubject).HasColumnName("applicant_subject");
    }
}
