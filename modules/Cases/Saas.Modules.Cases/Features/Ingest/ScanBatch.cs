using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Cases.Features.Ingest;

/// <summary>A printed cover sheet (Deckblatt); its QR code names the authority and this row.</summary>
internal sealed class CoverSheet : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid CaseFileId { get; set; }

    public Guid? CaseId { get; set; }

    public string DocumentType { get; set; } = "";

    public string? Title { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}

/// <summary>A batch of scans from the scan center, split at its cover sheets in the background.</summary>
internal sealed class ScanBatch : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public string FileName { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public long Length { get; set; }

    public string Status { get; private set; } = ScanBatchStatus.Received;

    public int? Pages { get; set; }

    public int? Documents { get; private set; }

    public int? InboxItems { get; private set; }

    public string? Error { get; private set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public string ReceivedBy { get; set; } = "";

    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>PostgreSQL's xmin: a retry racing another one, or the processor, is refused (409).</summary>
    public uint Version { get; private set; }

    /// <summary>The split is done: how many pages, how many documents went into files, how many to the inbox.</summary>
    public void MarkProcessed(int pages, int documents, int inboxItems, DateTimeOffset at)
    {
        ScanBatchStatus.EnsureCanBecome(Status, ScanBatchStatus.Processed);
        (Status, Pages, Documents, InboxItems, ProcessedAt, Error) = (ScanBatchStatus.Processed, pages, documents, inboxItems, at, null);
    }

    /// <summary>Back to received after a failure, so that the processor splits it anew.</summary>
    public void Retry()
    {
        ScanBatchStatus.EnsureCanBecome(Status, ScanBatchStatus.Received);
        (Status, Error) = (ScanBatchStatus.Received, null);
    }
}

internal sealed class CoverSheetConfiguration : IEntityTypeConfiguration<CoverSheet>
{
    public void Configure(EntityTypeBuilder<CoverSheet> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("cover_sheets", "cases");
        builder.Property(c => c.CaseId).HasColumnName("procedure_id");
    }
}

internal sealed class ScanBatchConfiguration : IEntityTypeConfiguration<ScanBatch>
{
    public void Configure(EntityTypeBuilder<ScanBatch> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("scan_batches", "cases");
        builder.Property(b => b.Version).IsRowVersion();
    }
}
