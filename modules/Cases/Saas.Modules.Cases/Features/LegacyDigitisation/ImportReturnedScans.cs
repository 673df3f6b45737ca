using Saas.Modules.Cases.Features.Documents;

namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <param name="OpenArchive">Opens the uploaded ZIP (seekable; called more than once); null when none was sent.</param>
internal sealed record ImportReturnedScansRequest(Guid BoxId, ScanProtocolFields Protocol, Func<Stream>? OpenArchive);

/// <summary>A sampled document of a delivery, by its path in the archive.</summary>
internal sealed record SampledDocument(Guid DocumentId, string Path);

internal sealed record ImportedScans(Guid Id, Guid BoxId, int Documents, decimal QaRate, string QaRateReason, int SampleSize, string ManifestSha256,
    IReadOnlyList<SampledDocument> Sample);

/// <summary>
/// Imports the scans the company returned for a box, from the API or the box page: the ZIP (layout:
/// <see cref="ScanArchive"/>) and the scan protocol (<see cref="ScanProtocol"/>). Everything is checked before
/// anything is stored; then the blobs are written and verified, and one unit of work creates the documents (source
/// legacy-digitisation, paper original) with their DocumentAdded events for text extraction, the batch with its
/// manifest hashes and the drawn QA sample, the box's new status and the audit records.
/// </summary>
internal sealed class ImportReturnedScans(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, IOptions<CasesOptions> settings, ICurrentActor actor,
    ITexts texts, TimeProvider clock)
{
    public ArchiveLimits Limits => new(settings.Value.Legacy.MaxEntries, settings.Value.Legacy.MaxBytes, ImageLimits.From(settings.Value),
        Text.ToolLimits.Of(settings.Value, TimeSpan.FromSeconds(settings.Value.Ingest.ToolTimeoutSeconds)));

    /// <summary>The largest upload: the content uncompressed plus the archive's headers.</summary>
    public long MaxUploadBytes => Limits.MaxBytes + (Limits.MaxEntries * 1024L) + (1024 * 1024);

    public async Task<ImportedScans> ExecuteAsync(ImportReturnedScansRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var box = await db.LegacyBoxes.SingleOrDefaultAsync(b => b.Id == request.BoxId, ct) ?? throw CasesProblems.BoxNotFound(request.BoxId);
        BoxLifecycle.EnsureCanMove(box, BoxLifecycle.InQa);
        var protocol = ScanProtocol.Parse(request.Protocol, clock, texts);
        var open = request.OpenArchive ?? throw CasesProblems.ArchiveMissing();
        var boxFiles = await db.LegacyBoxFiles.AsNoTracking().Where(f => f.BoxId == box.Id)
            .Join(db.CaseFiles, f => f.CaseFileId, c => c.Id, (f, c) => new { c.FileNumber, c.Id, c.Status })
            .ToListAsync(ct);
        // Early, before anything is stored; checked again under the lock below.
        EnsureActive(boxFiles.Where(f => f.Status != "active").Select(f => f.FileNumber));
        var files = boxFiles.ToDictionary(f => f.FileNumber, f => f.Id, StringComparer.Ordinal);

        string archiveSha256;
        await using (var raw = open())
        {
            archiveSha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(raw, ct));
        }

        IReadOnlyList<ArchiveEntry> entries;
        await using (var zip = open())
        {
            entries = await ScanArchive.ValidateAsync(zip, files.Keys.ToHashSet(StringComparer.Ordinal), Limits, ct);
        }

        if (protocol.DeclaredDocuments is { } declared && declared != entries.Count)
        {
            throw CasesProblems.DocumentCountMismatch(declared, entries.Count);
        }

        // The sample rate follows the authority's history of checked batches (QaSampleRate).
        var qa = QaSettings.From(settings.Value);
        var history = await db.LegacyScanBatches.AsNoTracking().Where(b => b.DecidedAt != null && b.DefectRate != null)
            .OrderByDescending(b => b.DecidedAt).Take(Math.Max(qa.GoodBatches, 1))
            .Select(b => new DecidedBatch(b.QaRate, b.DefectRate!.Value))
            .ToListAsync(ct);
        var rate = QaSampleRate.Next(history, qa);
        var sampleSize = QaSampleRate.SampleSize(rate.Rate, entries.Count);
        var seed = QaSampler.NewSeed();
        var sample = QaSampler.Draw(seed, entries.Select(e => e.Path), sampleSize);

        await StoreBlobsAsync(open, entries, ct);

        var now = clock.GetUtcNow();
        var batch = NewBatch(box, protocol, entries, archiveSha256, rate, sampleSize, seed, qa, now);
        await using var work = await db.BeginWorkAsync(audit, ct);

        // The box's files stay active until commit: a hand-over that came first refuses the whole import (the
        // batch and its QA sample belong together), one that comes later waits and takes the scans along.
        var active = await DocumentWriter.LockActiveFilesAsync(db, files.Values, ct);
        EnsureActive(files.Where(f => !active.Contains(f.Value)).Select(f => f.Key));
        db.LegacyScanBatches.Add(batch);
        var documents = new List<(ArchiveEntry Entry, CaseDocument Document)>(entries.Count);
        foreach (var entry in entries)
        {
            // The one way a document enters a file (row and the event that starts its text extraction).
            var document = DocumentWriter.Add(db, new NewDocument(files[entry.Folder], null, "altakte-scan", entry.FileName, "legacy-digitisation",
                entry.ContentType, new StoredBlob(entry.Sha256, entry.Length), PaperOriginal: true), actor.Id, now);
            documents.Add((entry, document));
            db.BatchDocuments.Add(new BatchDocument
            {
                BatchId = batch.Id,
                DocumentId = document.Id,
                CaseFileId = document.CaseFileId,
                Path = entry.Path,
                Sha256 = entry.Sha256,
                Length = entry.Length,
                ContentType = entry.ContentType,
                Sampled = sample.Contains(entry.Path),
            });
            work.Record(new AuditEntry("document.add", "document", document.Id.ToString(),
                $"file {document.CaseFileId}, {document.Length} bytes, legacy batch {batch.Id}", PersonalData: true));
        }

        box.StartQa();
        work.Record(new AuditEntry("legacy.scans.import", "legacy-batch", batch.Id.ToString(),
            $"box {box.Label}, {entries.Count} documents, sample {sampleSize} at {QaSampleRate.Percent(rate.Rate)}, manifest {batch.ManifestSha256}", PersonalData: true));
        try
        {
            await work.CommitAsync(CasesProblems.BoxChanged, ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw CasesProblems.BoxChanged();
        }

        return new ImportedScans(batch.Id, batch.BoxId, batch.Documents, batch.QaRate, batch.QaRateReason, batch.SampleSize, batch.ManifestSha256,
            [.. documents.Where(d => sample.Contains(d.Entry.Path)).Select(d => new SampledDocument(d.Document.Id, d.Entry.Path))]);
    }

    /// <summary>Blobs first, each verified against the hash taken while checking; only then the rows.</summary>
    private async Task StoreBlobsAsync(Func<Stream> open, IReadOnlyList<ArchiveEntry> entries, CancellationToken ct)
    {
        await using var zip = open();
        await using var archive = await ScanArchive.OpenAsync(zip, ct);
        foreach (var entry in entries)
        {
            StoredBlob blob;
            await using (var content = await archive.GetEntry(entry.Path)!.OpenAsync(ct))
            {
                blob = await blobs.PutAsync(content, ct);
            }

            if (blob.Sha256 != entry.Sha256 || blob.Length != entry.Length)
            {
                throw new InvalidOperationException($"The stored content of {entry.Path} differs from the checked content.");
            }
        }
    }

    private LegacyScanBatch NewBatch(LegacyBox box, ScanProtocol protocol, IReadOnlyList<ArchiveEntry> entries, string archiveSha256, QaRateDecision rate,
        int sampleSize, byte[] seed, QaSettings qa, DateTimeOffset now) => new()
    {
        BoxId = box.Id,
        Vendor = box.Vendor ?? "",
        ScanOperator = protocol.Operator,
        ScannedAt = protocol.ScannedAt,
        DeviceMake = protocol.DeviceMake,
        DeviceModel = protocol.DeviceModel,
        DeviceSerial = protocol.DeviceSerial,
        ResolutionDpi = protocol.ResolutionDpi,
        ColourMode = protocol.ColourMode,
        Format = protocol.Format,
        Compression = protocol.Compression,
        ReceivedAt = now,
        ReceivedBy = actor.Id,
        Documents = entries.Count,
        DeclaredPages = protocol.DeclaredPages,
        Bytes = entries.Sum(e => e.Length),
        ArchiveSha256 = archiveSha256,
        ManifestSha256 = ScanManifest.Sha256(entries.Select(e => (e.Path, e.Sha256))),
        QaRate = rate.Rate,
        QaRateReason = rate.Reason,
        SampleSize = sampleSize,
        SampleMethod = QaSampler.Method,
        SampleSeed = Convert.ToHexStringLower(seed),
        MaxDefectRate = qa.MaxDefectRate,
    };

    /// <summary>Refuses scans for files that were handed over or deleted, naming them by their file numbers.</summary>
    private static void EnsureActive(IEnumerable<string> readOnlyFileNumbers)
    {
        var numbers = readOnlyFileNumbers.Order(StringComparer.Ordinal).ToList();
        if (numbers.Count > 0)
        {
            throw CasesProblems.BoxFilesReadOnly(numbers);
        }
    }
}

/// <summary>The manifest of a delivery in sha256sum's format ("&lt;sha256&gt;  &lt;path&gt;\n" per file, sorted by path).</summary>
internal static class ScanManifest
{
    public static string Sha256(IEnumerable<(string Path, string Sha256)> files) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(files))));

    public static string Text(IEnumerable<(string Path, string Sha256)> files) =>
        string.Concat(files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => $"{f.Sha256}  {f.Path}\n"));
}
