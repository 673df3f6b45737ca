using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Cases;

/// <summary>An immutable document version in a file; its bytes live in the blob store under <see cref="Sha256"/>.</summary>
internal sealed partial class CaseDocument : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid CaseFileId { get; set; }

    public Guid? CaseId { get; set; }

    public string DocumentType { get; set; } = "";

    public string Title { get; set; } = "";

    public string Source { get; set; } = "upload";

    public string ContentType { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public long Length { get; set; }

    public bool PaperOriginal { get; set; }

    public int? Pages { get; set; }

    /// <summary>The scan batch that brought it (scan center), if any.</summary>
    public Guid? BatchId { get; set; }

    /// <summary>The inbox item it was assigned from (mail, unrouted scan), if any.</summary>
    public Guid? InboxItemId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>Row version (xmin): of two caseworkers changing its details or moving it at once, one wins (Features/Documents).</summary>
    public uint Version { get; private set; }
}

/// <summary>The documents' table; the case is the landed column <c>procedure_id</c> of docs/adr/0014.</summary>
internal sealed class CaseDocumentTableConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("documents", "cases");
        builder.Property(d => d.CaseId).HasColumnName("procedure_id");
    }
}
