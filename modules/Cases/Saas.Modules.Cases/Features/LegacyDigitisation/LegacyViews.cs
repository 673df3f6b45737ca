namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>A box in the API's list.</summary>
internal sealed record BoxListItem(Guid Id, string Label, string? Vendor, string Status, DateTimeOffset PackedAt, DateTimeOffset? SentAt,
    DateTimeOffset? ReturnedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? RejectedAt, int Files)
{
    public static BoxListItem Of(BoxSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var b = summary.Box;
        return new(b.Id, b.Label, b.Vendor, b.Status, b.PackedAt, b.SentAt, b.ReturnedAt, b.AcceptedAt, b.RejectedAt, summary.Files);
    }
}

internal sealed record ProtocolBatch(Guid Id, DateTimeOffset ReceivedAt, string ReceivedBy);

internal sealed record ProtocolBox(Guid Id, string Label, string? Vendor, string Status, DateTimeOffset PackedAt, DateTimeOffset? SentAt, DateTimeOffset? ReturnedAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset? RejectedAt, string? RejectionReason);

internal sealed record ProtocolDevice(string Make, string Model, string Serial);

internal sealed record ProtocolSettings(int ResolutionDpi, string ColourMode, string Format, string Compression);

internal sealed record ProtocolScan(string Vendor, string Operator, DateTimeOffset ScannedAt, ProtocolDevice Device, ProtocolSettings Settings);

internal sealed record ProtocolFile(string Path, Guid DocumentId, Guid CaseFileId, string ContentType, long Length, string Sha256);

internal sealed record ProtocolDelivery(int Documents, int? DeclaredPages, long Bytes, string HashAlgorithm, string ArchiveSha256, string ManifestSha256,
    string ManifestFormat, IReadOnlyList<ProtocolFile> Files);

internal sealed record ProtocolFinding(string Path, Guid DocumentId, string Result, string? Category, string? Note, string CheckedBy, DateTimeOffset CheckedAt);

internal sealed record ProtocolQualityAssurance(string Status, decimal Rate, string RateReason, int SampleSize, string Method, string Seed, decimal MaxDefectRate,
    int Checked, int? Defects, decimal? DefectRate, IReadOnlyDictionary<string, int> DefectsByCategory, IReadOnlyList<string> Sample,
    IReadOnlyList<ProtocolFinding> Findings, DateTimeOffset? DecidedAt, string? DecidedBy, string? RejectionReason);

/// <summary>The scan protocol of a delivery as the API answers it (in the spirit of BSI TR-03138, TR-RESISCAN).</summary>
internal sealed record ProtocolView(string Standard, ProtocolBatch Batch, ProtocolBox Box, ProtocolScan Scan, ProtocolDelivery Delivery,
    ProtocolQualityAssurance QualityAssurance)
{
    public const string ManifestFormat = "sha256sum: \"<sha256>  <path>\\n\" per file, sorted by path (ordinal), UTF-8";

    public static ProtocolView Of(ScanProtocolRecord record, string standard)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (batch, box, manifest, findings) = (record.Batch, record.Box, record.Manifest, record.Findings);
        var paths = manifest.ToDictionary(m => m.DocumentId, m => m.Path);
        return new(
            standard,
            new(batch.Id, batch.ReceivedAt, batch.ReceivedBy),
            new(box.Id, box.Label, box.Vendor, box.Status, box.PackedAt, box.SentAt, box.ReturnedAt, box.AcceptedAt, box.RejectedAt, box.RejectionReason),
            new(batch.Vendor, batch.ScanOperator, batch.ScannedAt, new(batch.DeviceMake, batch.DeviceModel, batch.DeviceSerial),
                new(batch.ResolutionDpi, batch.ColourMode, batch.Format, batch.Compression)),
            new(batch.Documents, batch.DeclaredPages, batch.Bytes, "SHA-256", batch.ArchiveSha256, batch.ManifestSha256, ManifestFormat,
                [.. manifest.Select(m => new ProtocolFile(m.Path, m.DocumentId, m.CaseFileId, m.ContentType, m.Length, m.Sha256))]),
            new(batch.QaStatus, batch.QaRate, batch.QaRateReason, batch.SampleSize, batch.SampleMethod, batch.SampleSeed, batch.MaxDefectRate, findings.Count,
                batch.Defects, batch.DefectRate,
                findings.Where(f => f.Category is not null).GroupBy(f => f.Category!).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                [.. manifest.Where(m => m.Sampled).Select(m => m.Path)],
                [.. findings.OrderBy(f => paths[f.DocumentId], StringComparer.Ordinal)
                    .Select(f => new ProtocolFinding(paths[f.DocumentId], f.DocumentId, f.Result, f.Category, f.Note, f.CheckedBy, f.CheckedAt))],
                batch.DecidedAt, batch.DecidedBy, batch.RejectionReason));
    }
}
