using Saas.Modules.Cases.Features.Documents;

namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>The scan protocol the scanning company delivers with a box, as form fields.</summary>
internal sealed record ScanProtocol(string Operator, DateTimeOffset ScannedAt, string DeviceMake, string DeviceModel, string DeviceSerial,
    int ResolutionDpi, string ColourMode, string Format, string Compression, int? DeclaredDocuments, int? DeclaredPages)
{
    public static readonly string[] ColourModes = ["bitonal", "greyscale", "colour"];

    /// <summary>Reads and checks the form fields; every problem is named by its field.</summary>
    public static ScanProtocol Parse(IFormCollection form, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        string Text(string field)
        {
            var value = form[field].ToString().Trim();
            if (value.Length is 0 or > 200)
            {
                errors[field] = ["fehlt oder ist länger als 200 Zeichen / missing or longer than 200 characters"];
            }

            return value;
        }

        int? Number(string field, int min, int max, bool required)
        {
            var raw = form[field].ToString().Trim();
            if (raw.Length == 0 && !required)
            {
                return null;
            }

            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                errors[field] = [$"eine ganze Zahl von {min} bis {max} / a whole number from {min} to {max}"];
                return null;
            }

            return value;
        }

        var scanOperator = Text("operator");
        var scannedAtRaw = form["scannedAt"].ToString().Trim();
        if (!DateTimeOffset.TryParse(scannedAtRaw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var scannedAt) || scannedAt > clock.GetUtcNow().AddMinutes(5))
        {
            errors["scannedAt"] = ["Zeitpunkt nach ISO 8601, nicht in der Zukunft / an ISO 8601 time, not in the future"];
        }

        var make = Text("deviceMake");
        var model = Text("deviceModel");
        var serial = Text("deviceSerial");
        var dpi = Number("resolutionDpi", 100, 1200, required: true);
        var colourMode = form["colourMode"].ToString().Trim();
        if (!ColourModes.Contains(colourMode, StringComparer.Ordinal))
        {
            errors["colourMode"] = ["bitonal, greyscale oder colour / bitonal, greyscale or colour"];
        }

        var format = Text("format");
        var compression = Text("compression");
        var documents = Number("documents", 1, int.MaxValue, required: false);
        var pages = Number("pages", 1, int.MaxValue, required: false);
        if (errors.Count > 0)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-scan-protocol",
                new LocalizedText("problem.invalid-scan-protocol"),
                string.Join("; ", errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value[0]}")), errors);
        }

        return new ScanProtocol(scanOperator, scannedAt.ToUniversalTime(), make, model, serial, dpi!.Value, colourMode, format, compression, documents, pages);
    }
}

/// <summary>
/// Imports the scans the company returned for a box: <c>POST /boxes/{id}/scans</c>, multipart/form-data with
/// the ZIP as <c>archive</c> (layout: <see cref="ScanArchive"/>) and the scan protocol as form fields
/// (<see cref="ScanProtocol"/>: operator, scannedAt, deviceMake, deviceModel, deviceSerial, resolutionDpi,
/// colourMode, format, compression, optional documents and pages as counted by the company). Everything is
/// checked before anything is stored; then the blobs are written and verified, and one transaction creates the
/// documents (source legacy-digitisation, paper original), their DocumentAdded events for text extraction, the
/// batch with its manifest hashes and the drawn QA sample, the box's new status and the audit records.
/// </summary>
internal static class ScanImportEndpoints
{

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/boxes/{id:guid}/scans", async (Guid id, HttpContext http, CasesDbContext db, IBlobStore blobs, IAuditTrail audit,
            IOptions<CasesOptions> settings, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var box = await db.LegacyBoxes.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw BoxEndpoints.BoxNotFound(id);
            BoxLifecycle.EnsureCanMove(box, BoxLifecycle.InQa);
            var limits = Limits(settings.Value);
            // The upload may be as large as its content uncompressed plus the archive's headers; the form is
            // buffered to a temporary file by ASP.NET Core (ZIP needs a seekable stream).
            var maxUpload = limits.MaxBytes + (limits.MaxEntries * 1024L) + (1024 * 1024);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = maxUpload;
            }

            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = maxUpload }));

            if (!http.Request.HasFormContentType)
            {
                throw new SaasProblemException(StatusCodes.Status400BadRequest, "form-expected",
                    new LocalizedText("problem.form-expected.legacy-digitisation"), null);
            }

            var form = await http.Request.ReadFormAsync(ct);
            var protocol = ScanProtocol.Parse(form, clock);
            var upload = form.Files.GetFile("archive") ?? throw new SaasProblemException(StatusCodes.Status400BadRequest, "archive-missing",
                new LocalizedText("problem.archive-missing"), "archive");
            var boxFiles = await db.LegacyBoxFiles.AsNoTracking().Where(f => f.BoxId == id)
                .Join(db.CaseFiles, f => f.CaseFileId, c => c.Id, (f, c) => new { c.FileNumber, c.Id, c.Status })
                .ToListAsync(ct);
            // Early, before anything is stored; checked again under the lock below.
            EnsureActive(boxFiles.Where(f => f.Status != "active").Select(f => f.FileNumber));
            var files = boxFiles.ToDictionary(f => f.FileNumber, f => f.Id, StringComparer.Ordinal);

            string archiveSha256;
            await using (var raw = upload.OpenReadStream())
            {
                archiveSha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(raw, ct));
            }

            IReadOnlyList<ArchiveEntry> entries;
            await using (var zip = upload.OpenReadStream())
            {
                entries = await ScanArchive.ValidateAsync(zip, files.Keys.ToHashSet(StringComparer.Ordinal), limits, ct);
            }

            if (protocol.DeclaredDocuments is { } declared && declared != entries.Count)
            {
                throw new SaasProblemException(StatusCodes.Status422UnprocessableEntity, "document-count-mismatch",
                    new LocalizedText("problem.document-count-mismatch"),
                    $"protocol {declared}, archive {entries.Count}");
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

            // Blobs first, each verified against the hash taken while checking; only then the rows.
            await using (var zip = upload.OpenReadStream())
            await using (var archive = await ScanArchive.OpenAsync(zip, ct))
            {
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

            var now = clock.GetUtcNow();
            var subject = BoxEndpoints.Subject(user);
            var batch = new LegacyScanBatch
            {
                BoxId = id,
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
                ReceivedBy = subject,
                Documents = entries.Count,
                DeclaredPages = protocol.DeclaredPages,
                Bytes = entries.Sum(e => e.Length),
                ArchiveSha256 = archiveSha256,
                ManifestSha256 = ManifestSha256(entries.Select(e => (e.Path, e.Sha256))),
                QaStatus = QaStates.InQa,
                QaRate = rate.Rate,
                QaRateReason = rate.Reason,
                SampleSize = sampleSize,
                SampleMethod = QaSampler.Method,
                SampleSeed = Convert.ToHexStringLower(seed),
                MaxDefectRate = qa.MaxDefectRate,
            };
            await using var tx = await db.Database.BeginTransactionAsync(ct);

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
                    entry.ContentType, new StoredBlob(entry.Sha256, entry.Length), PaperOriginal: true), subject, now);
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
            }

            box.Status = BoxLifecycle.InQa;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException
                                              || e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                throw BoxLifecycle.ChangedMeanwhile();
            }

            await db.AuditAllAsync(audit, [
                .. documents.Select(d => new AuditEntry("document.add", "document", d.Document.Id.ToString(),
                    $"file {d.Document.CaseFileId}, {d.Document.Length} bytes, legacy batch {batch.Id}", PersonalData: true)),
                new AuditEntry("legacy.scans.import", "legacy-batch", batch.Id.ToString(),
                    $"box {box.Label}, {entries.Count} documents, sample {sampleSize} at {QaSampleRate.Percent(rate.Rate)}, manifest {batch.ManifestSha256}", PersonalData: true),
            ], ct);
            await tx.CommitAsync(ct);

            return Results.Created($"/api/cases/legacy/batches/{batch.Id}", new
            {
                batch.Id,
                batch.BoxId,
                batch.Documents,
                batch.QaRate,
                batch.QaRateReason,
                batch.SampleSize,
                batch.ManifestSha256,
                Sample = documents.Where(d => sample.Contains(d.Entry.Path)).Select(d => new { DocumentId = d.Document.Id, d.Entry.Path }).ToList(),
            });
        }).DisableAntiforgery();
    }

    /// <summary>Refuses scans for files that were handed over or deleted, naming them by their file numbers.</summary>
    private static void EnsureActive(IEnumerable<string> readOnlyFileNumbers)
    {
        var numbers = readOnlyFileNumbers.Order(StringComparer.Ordinal).ToList();
        if (numbers.Count > 0)
        {
            throw new SaasProblemException(StatusCodes.Status409Conflict, "file-read-only",
                new LocalizedText("problem.file-read-only.legacy-digitisation"), string.Join(", ", numbers));
        }
    }

    public static ArchiveLimits Limits(CasesOptions settings) => new(settings.Legacy.MaxEntries, settings.Legacy.MaxBytes);

    /// <summary>SHA-256 of the manifest in sha256sum's format ("&lt;sha256&gt;  &lt;path&gt;\n" per file, sorted by path).</summary>
    public static string ManifestSha256(IEnumerable<(string Path, string Sha256)> files) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ManifestText(files))));

    public static string ManifestText(IEnumerable<(string Path, string Sha256)> files) =>
        string.Concat(files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => $"{f.Sha256}  {f.Path}\n"));
}
