namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>A box of paper files sent to the scanning company (status: see <see cref="BoxLifecycle"/>).</summary>
internal sealed class LegacyBox : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    /// <summary>The box number written on the box; unique per authority.</summary>
    public string Label { get; set; } = "";

    /// <summary>The scanning company.</summary>
    public string? Vendor { get; set; }

    public string Status { get; set; } = BoxLifecycle.Packed;

    public DateTimeOffset PackedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? ReturnedAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? RejectedAt { get; set; }

    public string? RejectionReason { get; set; }

    public string CreatedBy { get; set; } = "";
}

/// <summary>A file in a box. <see cref="Open"/> until the box is accepted: a file is in at most one open box.</summary>
internal sealed class LegacyBoxFile : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid BoxId { get; set; }

    public Guid CaseFileId { get; set; }

    public int? Sheets { get; set; }

    public bool Open { get; set; } = true;
}

/// <summary>One delivery of scans for a box, with its scan protocol and the state of its quality check.</summary>
internal sealed class LegacyScanBatch : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid BoxId { get; set; }

    public string Vendor { get; set; } = "";

    public string ScanOperator { get; set; } = "";

    public DateTimeOffset ScannedAt { get; set; }

    public string DeviceMake { get; set; } = "";

    public string DeviceModel { get; set; } = "";

    public string DeviceSerial { get; set; } = "";

    public int ResolutionDpi { get; set; }

    public string ColourMode { get; set; } = "";

    public string Format { get; set; } = "";

    public string Compression { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    public string ReceivedBy { get; set; } = "";

    public int Documents { get; set; }

    public int? DeclaredPages { get; set; }

    public long Bytes { get; set; }

    public string ArchiveSha256 { get; set; } = "";

    public string ManifestSha256 { get; set; } = "";

    public string QaStatus { get; set; } = QaStates.InQa;

    public decimal QaRate { get; set; }

    public string QaRateReason { get; set; } = "";

    public int SampleSize { get; set; }

    public string SampleMethod { get; set; } = "";

    public string SampleSeed { get; set; } = "";

    public decimal MaxDefectRate { get; set; }

    public int? Defects { get; set; }

    public decimal? DefectRate { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public string? RejectionReason { get; set; }
}

/// <summary>A delivered file of a batch: the document made of it, and whether it was drawn for the check.</summary>
internal sealed class BatchDocument : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid BatchId { get; set; }

    public Guid DocumentId { get; set; }

    public Guid CaseFileId { get; set; }

    public string Path { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public long Length { get; set; }

    public string ContentType { get; set; } = "";

    public bool Sampled { get; set; }
}

/// <summary>The check of one sampled document.</summary>
internal sealed class QaFinding : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid BatchId { get; set; }

    public Guid DocumentId { get; set; }

    public string Result { get; set; } = "";

    public string? Category { get; set; }

    public string? Note { get; set; }

    public string CheckedBy { get; set; } = "";

    public DateTimeOffset CheckedAt { get; set; }
}

internal static class QaStates
{
    public const string InQa = "in-qa";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}

internal static class LegacyModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LegacyBox>(box =>
        {
            box.ToTable("legacy_boxes", "cases");
            // Status changes are guarded: a change based on a status another request has changed meanwhile fails.
            box.Property(b => b.Status).IsConcurrencyToken();
        });
        modelBuilder.Entity<LegacyBoxFile>(file =>
        {
            file.ToTable("legacy_box_files", "cases");
            file.HasKey(f => new { f.BoxId, f.CaseFileId });
            file.HasOne<LegacyBox>().WithMany().HasForeignKey(f => f.BoxId);
            file.HasOne<CaseFile>().WithMany().HasForeignKey(f => f.CaseFileId);
        });
        modelBuilder.Entity<LegacyScanBatch>(batch =>
        {
            batch.ToTable("legacy_scan_batches", "cases");
            batch.Property(b => b.QaStatus).IsConcurrencyToken();
            batch.Property(b => b.QaRate).HasPrecision(7, 6);
            batch.Property(b => b.MaxDefectRate).HasPrecision(7, 6);
            batch.Property(b => b.DefectRate).HasPrecision(7, 6);
            batch.HasOne<LegacyBox>().WithMany().HasForeignKey(b => b.BoxId);
        });
        modelBuilder.Entity<BatchDocument>(document =>
        {
            document.ToTable("legacy_batch_documents", "cases");
            document.HasKey(d => d.DocumentId);
            // The relationships tell EF the order of inserts (box before its files, document before its entry).
            document.HasOne<LegacyScanBatch>().WithMany().HasForeignKey(d => d.BatchId);
            document.HasOne<CaseDocument>().WithOne().HasForeignKey<BatchDocument>(d => d.DocumentId);
        });
        modelBuilder.Entity<QaFinding>(finding =>
        {
            finding.ToTable("legacy_qa_findings", "cases");
            finding.HasKey(f => f.DocumentId);
            finding.HasOne<BatchDocument>().WithOne().HasForeignKey<QaFinding>(f => f.DocumentId);
            finding.HasOne<LegacyScanBatch>().WithMany().HasForeignKey(f => f.BatchId);
        });
    }
}
