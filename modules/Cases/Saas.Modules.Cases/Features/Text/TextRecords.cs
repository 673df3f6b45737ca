using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Cases;

/// <summary>Where text extraction of a document stands (pending, done, failed), visible and retryable.</summary>
internal sealed class TextExtraction : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid DocumentId { get; set; }

    public string Status { get; set; } = "pending";

    public int Attempts { get; set; }

    public int? Pages { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The text of one page of a document (its search vector is kept in cases.page_vectors by triggers, migration 0013).</summary>
internal sealed class DocumentPage : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid DocumentId { get; set; }

    public int Page { get; set; }

    public string Text { get; set; } = "";
}

internal sealed class TextExtractionConfiguration : IEntityTypeConfiguration<TextExtraction>
{
    public void Configure(EntityTypeBuilder<TextExtraction> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("text_extractions", "cases");
        builder.HasKey(t => t.DocumentId);
        builder.HasOne<CaseDocument>().WithOne().HasForeignKey<TextExtraction>(t => t.DocumentId);
    }
}

internal sealed class DocumentPageConfiguration : IEntityTypeConfiguration<DocumentPage>
{
    public void Configure(EntityTypeBuilder<DocumentPage> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("document_pages", "cases");
        builder.HasKey(p => new { p.DocumentId, p.Page });
        builder.HasOne<CaseDocument>().WithMany().HasForeignKey(p => p.DocumentId);
    }
}
