using Saas.Modules.Cases.Features.Ingest;
using Saas.Modules.Cases.Features.CaseFiles;
using Saas.Modules.Cases.Features.Inbox;
using Saas.Modules.Cases.Features.Documents;
using Saas.Modules.Cases.Features.LegacyDigitisation;
using Saas.Modules.Cases.Features.Retention;
using Saas.Modules.Cases.Features.Transfer;
using Saas.Modules.Cases.Features.Transfer.Xdomea;
using Saas.Platform.Modules;

namespace Saas.Modules.Cases.Features.Samples;

/// <summary>
/// One of everything the e-Akte keeps, for the current authority, each with the marker in a field its answers show:
/// a file with a case (Vorgang), a text PDF with its pages, a cover sheet, a legal hold; a processed scan batch with
/// an inbox item; a legacy box with a returned scan batch and its document; a proposed deletion run; a second,
/// handed-over file with its transfer and package. Written with the module's context, blob store and document writer,
/// in one transaction; the blobs are stored first, as everywhere in the module (docs/adr/0006).
/// </summary>
internal sealed class CasesSamples(CasesDbContext db, IBlobStore blobs, TimeProvider clock) : IModuleSamples
{
    private const string Actor = "samples";

    public string Module => CasesModule.ModuleName;

    public async Task<ModuleSampleValues> CreateAsync(string marker, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        var now = clock.GetUtcNow();
        var pages = new[] { $"Antrag auf Aufenthaltserlaubnis {marker} Seite eins", $"Zweite Seite des Antrags {marker}" };
        var pdf = await PutAsync(Pdf(pages), ct);
        var scan = await PutAsync(Pdf([$"Unzugeordneter Scan {marker}"]), ct);

        var file = new CaseFile
        {
            FileNumber = "MUSTER-" + marker, Surname = marker, GivenNames = "Muster", BirthDate = new DateOnly(1990, 4, 12), Nationalities = ["UKR"],
            SearchName = marker.ToLowerInvariant(), PhoneticCodes = [PersonSearch.KoelnerPhonetik.Encode(marker)], CreatedAt = now, CreatedBy = Actor,
        };
        var handedOver = new CaseFile
        {
            FileNumber = "MUSTER-ABGABE-" + marker, Surname = marker, GivenNames = "Abgegeben", SearchName = marker.ToLowerInvariant(),
            CreatedAt = now, CreatedBy = Actor, Status = "transferred", DepartedAt = DateOnly.FromDateTime(now.UtcDateTime),
        };
        var messageId = Guid.NewGuid();
        var package = await PutAsync(await PackageAsync(handedOver, messageId, marker, now, ct), ct);
        var caseRecord = new Case { CaseFileId = file.Id, Kind = "aufenthaltserlaubnis", Title = "Vorgang " + marker, OpenedAt = now, CreatedBy = Actor };
        var coverSheet = new CoverSheet { CaseFileId = file.Id, CaseId = caseRecord.Id, DocumentType = "antrag", Title = "Deckblatt " + marker, CreatedAt = now, CreatedBy = Actor };
        var hold = new LegalHold { CaseFileId = file.Id, Reason = "Klage " + marker, CreatedAt = now, CreatedBy = Actor };
        var batch = new ScanBatch
        {
            FileName = marker + ".pdf", Sha256 = scan.Sha256, Length = scan.Length, Pages = 1, ReceivedAt = now, ReceivedBy = Actor,
        };
        batch.MarkProcessed(pages: 1, documents: 0, inboxItems: 1, now);
        var item = new InboxItem
        {
            Source = "scan", Reason = "no-cover-sheet", Title = "Scan " + marker, ContentType = "application/pdf", Sha256 = scan.Sha256, Length = scan.Length,
            Pages = 1, BatchId = batch.Id, Text = $"Unzugeordneter Scan {marker}", ReceivedAt = now,
        };
        var box = new LegacyBox { Label = "Karton " + marker, PackedAt = now, CreatedBy = Actor };
        box.Send("Scanfirma " + marker, now); // the box's way, as the caseworkers' use cases take it
        box.Return(now);
        box.StartQa();
        var legacyBatch = new LegacyScanBatch
        {
            BoxId = box.Id, Vendor = "Scanfirma " + marker, ScanOperator = "Operator " + marker, ScannedAt = now, DeviceMake = "Muster", DeviceModel = "M1",
            DeviceSerial = marker, ResolutionDpi = 300, ColourMode = "greyscale", Format = "PDF/A-2b", Compression = "JPEG", ReceivedAt = now, ReceivedBy = Actor,
            Documents = 1, DeclaredPages = 1, Bytes = pdf.Length, ArchiveSha256 = pdf.Sha256, ManifestSha256 = pdf.Sha256, QaRate = 1m,
            QaRateReason = "Muster", SampleSize = 1, SampleMethod = "all", SampleSeed = marker, MaxDefectRate = 0.02m,
        };
        var run = new DeletionRun { AsOf = now, Documents = 1, ProposedBy = Actor, ProposedAt = now };
        var transfer = new FileTransfer
        {
            CaseFileId = handedOver.Id, CounterpartAuthority = "Muster-Behörde (außerhalb der Plattform)", CounterpartOnPlatform = false, MessageId = messageId, Reason = "Umzug " + marker, DocumentCount = 0,
            PackageSha256 = package.Sha256, PackageBlobKey = package.Sha256, PackageLength = package.Length, CreatedAt = now, CreatedBy = Actor,
        };

        // The context knows few of the tables' foreign keys, so rows are saved in the order they refer to each other.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AddRange(file, handedOver, batch, box, run);
        await db.SaveChangesAsync(ct);
        db.AddRange(caseRecord, hold, item, legacyBatch, transfer);
        db.LegacyBoxFiles.Add(new LegacyBoxFile { BoxId = box.Id, CaseFileId = file.Id, Sheets = 1 });
        await db.SaveChangesAsync(ct);
        db.Add(coverSheet);
        // A residence title and a passport that expire within a month, so the expiry query finds them with A's file number.
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        db.ResidenceTitles.Add(new ResidenceDocuments.ResidenceTitle
        {
            CaseFileId = file.Id, CaseId = caseRecord.Id, LegalBasis = "AufenthG-18a", ValidFrom = today.AddYears(-2), ValidUntil = today.AddDays(20),
            CardNumber = "Y00000001", Conditions = ["Auflage " + marker], RecordedAt = now, RecordedBy = Actor,
        });
        db.Passports.Add(new ResidenceDocuments.Passport { CaseFileId = file.Id, Number = "FA000001", IssuingState = "UKR", ValidUntil = today.AddDays(25), RecordedAt = now, RecordedBy = Actor });
        // The body outside the platform confirmed the import with its xdomea 0402, recorded with the hand-over.
        var confirmation = new TransferConfirmation(TransferConfirmation.Import, messageId, now, new XdomeaParty(null, "Muster-Behörde " + marker),
            new XdomeaParty(null, "Musterbehörde " + marker), [new ConfirmedObject(handedOver.Id, true, [])]);
        db.TransferConfirmations.Add(new TransferConfirmationRecord
        {
            TransferId = transfer.Id, Direction = TransferConfirmationRecord.In, MessageType = TransferConfirmation.Import, ProcessId = messageId, Succeeded = true,
            ConfirmedAt = now, MessageXml = confirmation.ToText(), CreatedAt = now, CreatedBy = Actor,
        });
        var document = DocumentWriter.Add(db, new NewDocument(file.Id, caseRecord.Id, "antrag", "Antrag " + marker, "upload", "application/pdf", pdf,
            PaperOriginal: false, Pages: pages.Length, Text: pages), Actor, now);
        var legacyDocument = DocumentWriter.Add(db, new NewDocument(file.Id, null, "altakte", "Altakte " + marker, "legacy-digitisation", "application/pdf", pdf,
            PaperOriginal: true, Pages: pages.Length, Text: pages), Actor, now);
        await db.SaveChangesAsync(ct);
        db.BatchDocuments.Add(new BatchDocument
        {
            BatchId = legacyBatch.Id, DocumentId = legacyDocument.Id, CaseFileId = file.Id, Path = $"{file.FileNumber}/{marker}.pdf", Sha256 = pdf.Sha256,
            Length = pdf.Length, ContentType = "application/pdf", Sampled = true,
        });
        db.DeletionRunItems.Add(new DeletionRunItem
        {
            RunId = run.Id, DocumentId = document.Id, CaseFileId = file.Id, FileNumber = file.FileNumber, DocumentType = "antrag", Title = document.Title,
            Sha256 = pdf.Sha256, Rule = "muster", DueAt = DateOnly.FromDateTime(now.UtcDateTime),
        });
        await db.SaveChangesAsync(ct);
        await DocumentWriter.SavePagesAsync(db, document.Id, pages, replace: false, ct);
        await DocumentWriter.SavePagesAsync(db, legacyDocument.Id, pages, replace: false, ct);
        await tx.CommitAsync(ct);

        return new ModuleSampleValues()
            .Add("/api/cases/files", "id", file.Id)
            .Add("/api/cases/residence", "from", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Add("/api/cases/residence", "to", today.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Add("/api/cases/cases", "id", caseRecord.Id)
            .Add("/api/cases/documents", "id", document.Id)
            .Add("/api/cases/cover-sheets", "id", coverSheet.Id)
            .Add("/api/cases/legal-holds", "id", hold.Id)
            .Add("/api/cases/scan-batches", "id", batch.Id)
            .Add("/api/cases/inbox", "id", item.Id)
            .Add("/api/cases/legacy/boxes", "id", box.Id)
            .Add("/api/cases/legacy/batches", "id", legacyBatch.Id)
            .Add("/api/cases/retention/runs", "id", run.Id)
            .Add("/api/cases/transfers", "id", transfer.Id)
            .Add("/api/cases/transfers", "type", TransferConfirmation.Import)
            .Add("/workbench/files", "id", file.Id)
            .Add("/workbench/documents", "id", document.Id)
            .Add("/workbench/inbox", "id", item.Id)
            .Add("/workbench/scan-batches", "id", batch.Id)
            .Add("/workbench/legacy/boxes", "id", box.Id)
            .Add("/workbench/legacy/batches", "id", legacyBatch.Id)
            .Add("/workbench/retention/holds", "id", hold.Id)
            .Add("/workbench/retention/runs", "id", run.Id)
            .Add("/workbench/transfers", "id", transfer.Id)
            // Query parameters and JSON bodies: A's ids wherever a request names a file, case or document.
            .Add("", "fileId", file.Id)
            .Add("", "caseFileId", file.Id)
            .Add("", "caseId", caseRecord.Id)
            .Add("", "documentId", legacyDocument.Id)
            .Add("/api/cases/search", "file", file.Id)
            .Add("/api/cases/search", "caseId", caseRecord.Id)
            .Add("/api/cases/search", "q", marker)
            .Add("/workbench/search", "q", marker)
            .Add("/api/cases/persons", "name", marker)
            .Add("/api/cases/inbox", "view", "all");
    }

    private async Task<StoredBlob> PutAsync(byte[] bytes, CancellationToken ct)
    {
        using var stream = new MemoryStream(bytes);
        return await blobs.PutAsync(stream, ct);
    }

    /// <summary>A small text PDF, one line per page.</summary>
    private static byte[] Pdf(IReadOnlyList<string> pages)
    {
        var ids = Enumerable.Range(0, pages.Count).Select(i => 4 + (2 * i)).ToList();
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', ids.Select(id => $"{id} 0 R"))}] /Count {pages.Count} >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        for (var i = 0; i < pages.Count; i++)
        {
            var content = $"BT /F1 14 Tf 72 720 Td ({pages[i]}) Tj ET";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {ids[i] + 1} 0 R >>");
            objects.Add($"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
        }

        return PdfObjects.Write(objects);
    }

    /// <summary>
    /// The handed-over file's package as the hand-over writes it: an xdomea 3.0.0 Abgabe.Abgabe.0401 (no documents) to a
    /// body outside the platform, in a zip named after its process.
    /// </summary>
    private static async Task<byte[]> PackageAsync(CaseFile file, Guid messageId, string marker, DateTimeOffset now, CancellationToken ct)
    {
        var manifest = new TransferManifest(
            new ManifestHeader(messageId, now, null, "Musterbehörde " + marker, null, "Muster-Behörde (außerhalb der Plattform)", "Umzug " + marker),
            file.Id, file.FileNumber, new ManifestPerson(file.Surname, file.GivenNames, file.BirthDate, file.Nationalities, file.NameVariants, null), [], []);
        using var buffer = new MemoryStream();
        await TransferPackageWriter.WriteAsync(buffer, manifest, (sha, _) => throw new InvalidOperationException($"The sample package has no document {sha}."), ct);
        return buffer.ToArray();
    }
}
