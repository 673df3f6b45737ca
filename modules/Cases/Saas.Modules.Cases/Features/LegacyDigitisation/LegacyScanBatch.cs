using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>One delivery of scans for a box, with its scan protocol and the state of its quality check (<see cref="QaStatus"/>).</summary>
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

    /// <summary>A <see cref="QaStatus"/>; changed only by <see cref="Decide"/>; a concurrency token.</summary>
    public string QaStatus { get; private set; } = LegacyDigitisation.QaStatus.InQa;

    public decimal QaRate { get; set; }

    public string QaRateReason { get; set; } = "";

    public int SampleSize { get; set; }

    public string SampleMethod { get; set; } = "";

    public string SampleSeed { get; set; } = "";

    public decimal MaxDefectRate { get; set; }

    public int? Defects { get; private set; }

    public decimal? DefectRate { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? RejectionReason { get; private set; }

    public bool IsDecided => QaStatus != LegacyDigitisation.QaStatus.InQa;

    /// <summary>
    /// Every sampled document is checked: accepted (defect rate ≤ the limit; the box is accepted) or rejected (the
    /// box goes back with the reason, the defects by category and the caseworker's <paramref name="note"/>).
    /// </summary>
    public void Decide(LegacyBox box, IReadOnlyCollection<QaFinding> findings, string? note, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(findings);
        var defects = findings.Count(f => f.Result == QaFinding.Defect);
        var defectRate = QaVerdict.DefectRate(defects, SampleSize);
        var accepted = QaVerdict.Accept(defectRate, MaxDefectRate);
        var to = accepted ? LegacyDigitisation.QaStatus.Accepted : LegacyDigitisation.QaStatus.Rejected;
        LegacyDigitisation.QaStatus.EnsureCanBecome(QaStatus, to);
        Defects = defects;
        DefectRate = defectRate;
        DecidedAt = now;
        DecidedBy = actor;
        QaStatus = to;
        if (accepted)
        {
            box.Accept(now);
            return;
        }

        // The reason is stored as data (the rates and categories), written the same in every language.
        var categories = string.Join(", ", findings.Where(f => f.Category is not null).GroupBy(f => f.Category!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count()}"));
        var text = $"{QaSampleRate.Percent(defectRate)} > {QaSampleRate.Percent(MaxDefectRate)} ({categories})";
        if (!string.IsNullOrWhiteSpace(note))
        {
            text += " – " + note.Trim()[..Math.Min(note.Trim().Length, 500)];
        }

        RejectionReason = text;
        box.Reject(text, now);
    }
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

/// <summary>The check of one sampled document: <see cref="Ok"/>, or a <see cref="Defect"/> of one of the <see cref="Categories"/>.</summary>
internal sealed class QaFinding : ITenantOwned
{
    public const string Ok = "ok";
    public const string Defect = "defect";

    public static readonly string[] Categories = ["missing-page", "illegible", "wrong-file", "wrong-order", "cut-off", "other"];

    public Guid TenantId { get; set; }

    public Guid BatchId { get; set; }

    public Guid DocumentId { get; set; }

    public string Result { get; private set; } = "";

    public string? Category { get; private set; }

    public string? Note { get; private set; }

    public string CheckedBy { get; private set; } = "";

    public DateTimeOffset CheckedAt { get; private set; }

    /// <summary>Records (or corrects, until the batch is decided) the result of the check.</summary>
    public void Record(string result, string? category, string? note, string actor, DateTimeOffset now)
    {
        Result = result;
        Category = result == Ok ? null : category;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        CheckedBy = actor;
        CheckedAt = now;
    }
}

internal sealed class LegacyScanBatchConfiguration : IEntityTypeConfiguration<LegacyScanBatch>
{
    public void Configure(EntityTypeBuilder<LegacyScanBatch> builder)
    {
        builder.ToTable("legacy_scan_batches", "cases");
        builder.Property(b => b.QaStatus).IsConcurrencyToken();
        builder.Property(b => b.QaRate).HasPrecision(7, 6);
        builder.Property(b => b.MaxDefectRate).HasPrecision(7, 6);
        builder.Property(b => b.DefectRate).HasPrecision(7, 6);
        builder.HasOne<LegacyBox>().WithMany().HasForeignKey(b => b.BoxId);
    }
}

internal sealed class BatchDocumentConfiguration : IEntityTypeConfiguration<BatchDocument>
{
    public void Configure(EntityTypeBuilder<BatchDocument> builder)
    {
        builder.ToTable("legacy_batch_documents", "cases");
        builder.HasKey(d => d.DocumentId);
        // The relationships tell EF the order of inserts (batch and document before their entry).
        builder.HasOne<LegacyScanBatch>().WithMany().HasForeignKey(d => d.BatchId);
        builder.HasOne<CaseDocument>().WithOne().HasForeignKey<BatchDocument>(d => d.DocumentId);
    }
}

internal sealed class QaFindingConfiguration : IEntityTypeConfiguration<QaFinding>
{
    public void Configure(EntityTypeBuilder<QaFinding> builder)
    {
        builder.ToTable("legacy_qa_findings", "cases");
        builder.HasKey(f => f.DocumentId);
        builder.HasOne<BatchDocument>().WithOne().HasForeignKey<QaFinding>(f => f.DocumentId);
        builder.HasOne<LegacyScanBatch>().WithMany().HasForeignKey(f => f.BatchId);
    }
}
