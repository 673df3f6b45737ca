using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Features.Transfer;

/// <param name="Package">The received ZIP; must be seekable (it is hashed, read as a zip, then stored as it came).</param>
internal sealed record ImportTransferPackageRequest(Stream Package);

/// <summary>The file a package created, as the answer shows it.</summary>
internal sealed record ReceivedFileView(
    Guid Id, string FileNumber, string Surname, string GivenNames, DateOnly? BirthDate, IReadOnlyList<string> Nationalities,
    IReadOnlyList<string> NameVariants, string? CentralRegisterNumber, string Status);

/// <summary>What the receiver made of a package (the JSON of <c>POST /api/cases/transfers/import</c>).</summary>
internal sealed record TransferReceived(ReceivedFileView File, Guid TransferId, Guid MessageId, string FromAuthority, int Cases, int Documents);

/// <summary>
/// The receiver's side of a hand-over. The package is checked completely — zip structure, sizes, manifest,
/// addressee, every document's hash, and that the sender really sent exactly this package — before anything is
/// written; then blobs first, and file, cases, documents, their <c>DocumentAdded</c> events, the <c>in</c> row and
/// the audit record in one transaction (README.md in this folder).
/// </summary>
internal sealed class ImportTransferPackage(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, ITenantCatalog catalog, ICurrentTenant currentTenant,
    IOptions<CasesOptions> settings, ICurrentActor actor, TimeProvider clock)
{
    public async Task<TransferReceived> ExecuteAsync(ImportTransferPackageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = TransferLimits.From(settings.Value);
        var tenant = currentTenant.Tenant!;
        var packageStream = request.Package;

        // 1. Check everything; nothing is written before the last check has passed.
        var packageSha = Convert.ToHexStringLower(await SHA256.HashDataAsync(packageStream, ct));
        await using var package = await TransferPackageReader.OpenAsync(packageStream, limits, ct);
        var manifest = package.Manifest;
        var header = manifest.Header;
        if (header.ReceiverKey != tenant.Key)
        {
            throw CasesProblems.WrongReceiver(header.ReceiverKey, tenant.Key);
        }

        var sender = HandOverFile.TenantKey().IsMatch(header.SenderKey) ? await catalog.FindByKeyAsync(header.SenderKey, ct) : null;
        if (sender is null || sender.Id == tenant.Id)
        {
            throw CasesProblems.SenderUnknown(header.SenderKey);
        }

        if (await db.Transfers.AnyAsync(t => t.Direction == FileTransfer.In && t.MessageId == header.MessageId, ct))
        {
            throw CasesProblems.AlreadyImported(header.MessageId);
        }

        await package.VerifyDocumentsAsync(ct);

        // The sender recorded what it sent; a package it did not send, or that was changed on the way, is refused.
        var sent = await db.Database.SqlQuery<bool>($"SELECT cases.transfer_was_sent({sender.Id}, {header.MessageId}, {packageSha}) AS \"Value\"")
            .SingleAsync(ct);
        if (!sent)
        {
            throw CasesProblems.NotSentBySender(header.MessageId, packageSha, sender.Key, tenant.Key);
        }

        // 2. Blobs first (the store verifies each), then all rows in one transaction. A failure in between leaves
        //    unreferenced blobs for the sweeper, never a document without its bytes.
        var budget = new ByteBudget(limits.MaxBytes);
        foreach (var document in manifest.Documents.DistinctBy(d => d.Sha256))
        {
            StoredBlob stored;
            await using (var content = await package.OpenDocumentAsync(document.Sha256, budget, ct))
            {
                stored = await blobs.PutAsync(content, ct);
            }

            if (stored.Sha256 != document.Sha256 || stored.Length != document.Length)
            {
                throw TransferPackageReader.DocumentMismatch(document, "its bytes changed between verification and storage");
            }
        }

        // The zip is read completely; the same stream now gives the package itself to the store, as evidence of what arrived.
        packageStream.Position = 0;
        var packageBlob = await blobs.PutAsync(packageStream, ct);
        if (packageBlob.Sha256 != packageSha)
        {
            throw new InvalidOperationException("The uploaded package changed while it was imported.");
        }

        var now = clock.GetUtcNow();
        var person = manifest.Person;
        var variants = person.NameVariants.Where(v => v.Length > 0).Distinct().ToList();
        var (phoneticCodes, searchName) = CaseFileEndpoints.SearchKeys(person.Surname, variants);
        var file = new CaseFile
        {
            Surname = person.Surname, GivenNames = person.GivenNames, BirthDate = person.BirthDate, Nationalities = [.. person.Nationalities.Where(n => n.Length > 0)],
            NameVariants = variants, CentralRegisterNumber = person.CentralRegisterNumber, PhoneticCodes = phoneticCodes, SearchName = searchName,
            CreatedAt = now, CreatedBy = actor.Id,
        };
        var procedureIds = manifest.Cases.ToDictionary(p => p.Id, _ => Guid.NewGuid());
        var procedures = manifest.Cases.Select(p => new Case
        {
            Id = procedureIds[p.Id], CaseFileId = file.Id, Kind = p.Kind, Title = p.Title, Status = p.Status, Outcome = p.Outcome,
            OpenedAt = p.OpenedAt, ClosedAt = p.ClosedAt, CreatedBy = actor.Id,
        }).ToList();
        var documents = manifest.Documents.Select(d => new CaseDocument
        {
            CaseFileId = file.Id, CaseId = d.CaseId is { } p ? procedureIds[p] : null, DocumentType = d.DocumentType, Title = d.Title,
            Source = d.Source, ContentType = d.ContentType, Sha256 = d.Sha256, Length = d.Length, PaperOriginal = d.PaperOriginal,
            CreatedAt = d.CreatedAt, CreatedBy = actor.Id,
        }).ToList();
        var transfer = new FileTransfer
        {
            CaseFileId = file.Id, Direction = FileTransfer.In, CounterpartAuthority = sender.Key, MessageId = header.MessageId, Reason = header.Reason,
            DocumentCount = documents.Count, PackageSha256 = packageBlob.Sha256, PackageBlobKey = packageBlob.Sha256, PackageLength = packageBlob.Length,
            CreatedAt = now, CreatedBy = actor.Id,
        };

        await using var work = await db.BeginWorkAsync(audit, ct);
        file.FileNumber = await FreeFileNumberAsync(manifest.FileNumber, ct);
        try
        {
            // The model declares no relationships, so parents are saved before the rows that refer to them.
            db.CaseFiles.Add(file);
            await db.SaveChangesAsync(ct);
            db.Cases.AddRange(procedures);
            await db.SaveChangesAsync(ct);
            db.Documents.AddRange(documents);
            foreach (var document in documents)
            {
                // Text extraction runs for the new authority's copy as for any new document.
                db.AddIntegrationEvent(new DocumentAdded(Guid.NewGuid(), db.CurrentTenantId, now, document.Id, file.Id, document.ContentType));
            }

            db.Transfers.Add(transfer);
            work.Record(new AuditEntry("casefile.transfer-in", "casefile", file.Id.ToString(),
                $"from {sender.Key}, message {header.MessageId}, {documents.Count} documents, package sha256 {packageBlob.Sha256}", PersonalData: true));
            await work.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another import of the same message, or a file with the same number, committed in the meantime.
            throw CasesProblems.ImportConflict(header.MessageId);
        }

        return new TransferReceived(
            new ReceivedFileView(file.Id, file.FileNumber, file.Surname, file.GivenNames, file.BirthDate, file.Nationalities, file.NameVariants,
                file.CentralRegisterNumber, file.Status),
            transfer.Id, header.MessageId, sender.Key, procedures.Count, documents.Count);
    }

    /// <summary>The sender's file number, unless this authority already uses it; then the first free one with a suffix.</summary>
    private async Task<string> FreeFileNumberAsync(string wanted, CancellationToken ct)
    {
        var candidate = wanted;
        for (var suffix = 2; await db.CaseFiles.AnyAsync(f => f.FileNumber == candidate, ct); suffix++)
        {
            if (suffix > 1000)
            {
                throw CasesProblems.NoFreeFileNumber(wanted);
            }

            candidate = $"{wanted}-{suffix}";
        }

        return candidate;
    }
}
