using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saas.Platform.Data;

namespace Saas.Modules.Applications.Features.Evidence;

/// <summary>
/// A file an applicant uploaded for a form's file field (docs/adr/0042): its bytes in the authority's blob store under
/// <see cref="Sha256"/>, the type its content was recognised as (never the declared one), its size; the draft it was
/// uploaded for, the submission that claimed it and the e-Akte document it was filed as.
/// </summary>
internal sealed class EvidenceRecord : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public string FormKey { get; set; } = "";

    /// <summary>The field's path without indices (<c>kinder.geburtsurkunde</c>).</summary>
    public string FieldPath { get; set; } = "";

    public Guid? DraftId { get; set; }

    public Guid? SubmissionId { get; set; }

    public string Name { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Bytes { get; set; }

    public string Sha256 { get; set; } = "";

    public DateTimeOffset UploadedAt { get; set; }

    public Guid? DocumentId { get; set; }

    /// <summary>The value a file field holds in the answers: the evidence's id with what the applicant sees of it.</summary>
    public JsonObject ToAnswer() => new() { ["evidence"] = Id.ToString(), ["name"] = Name, ["contentType"] = ContentType, ["bytes"] = Bytes };
}

internal sealed class EvidenceRecordConfiguration : IEntityTypeConfiguration<EvidenceRecord>
{
    public void Configure(EntityTypeBuilder<EvidenceRecord> builder)
    {
        builder.ToTable("evidence", "applications");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id");
        builder.Property(e => e.TenantId).HasColumnName("tenant_id");
        builder.Property(e => e.FormKey).HasColumnName("form_key");
        builder.Property(e => e.FieldPath).HasColumnName("field_path");
        builder.Property(e => e.DraftId).HasColumnName("draft_id");
        builder.Property(e => e.SubmissionId).HasColumnName("submission_id");
        builder.Property(e => e.Name).HasColumnName("name");
        builder.Property(e => e.ContentType).HasColumnName("content_type");
        builder.Property(e => e.Bytes).HasColumnName("bytes");
        builder.Property(e => e.Sha256).HasColumnName("sha256");
        builder.Property(e => e.UploadedAt).HasColumnName("uploaded_at");
        builder.Property(e => e.DocumentId).HasColumnName("document_id");
    }
}
