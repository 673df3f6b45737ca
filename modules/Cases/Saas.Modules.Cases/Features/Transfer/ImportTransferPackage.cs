using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.CaseFiles;
using Saas.Modules.Cases.Features.Transfer.Xdomea;

namespace Saas.Modules.Cases.Features.Transfer;

/// <param name="Package">The received ZIP; must be seekable (it is hashed, read as a zip, then stored as it came).</param>
internal sealed record ImportTransferPackageRequest(Stream Package);

/// <summary>The file a package created, as the answer shows it.</summary>
internal sealed record ReceivedFileView(
    Guid Id, string FileNumber, string Surname, string GivenNames, DateOnly? BirthDate, IReadOnlyList<string> Nationalities,
    IReadOnlyList<string> NameVariants, string? CentralRegisterNumber, string Status);

/// <summary>What the receiver made of a package (the JSON of <c>POST /api/cases/transfers/import</c>).</summary>
/// <param name="FromOnPlatform">False for a package from a body outside the platform (<paramref name="FromAuthority"/> is then its name).</param>
/// <param name="Confirmations">The xdomea confirmations written for the sender (0402, and 0403 when the package asked for a receipt).</param>
internal sealed record TransferReceived(ReceivedFileView File, Guid TransferId, Guid MessageId, string FromAuthority, int Cases, int Documents,
    bool FromOnPlatform, IReadOnlyList<string> Confirmations);

/// <summary>
/// The receiver's side of a hand-over. The package is checked completely — zip structure, sizes, the xdomea
/// message against the xdomea 3.0.0 schema, addressee, every document's bytes, and, when the sender names itself
/// as an authority of the platform, that it really sent exactly this package — before anything is written; then
/// blobs first, and file, cases, documents, their <c>DocumentAdded</c> events, the <c>in</c> row, the xdomea
/// confirmations for the sender (0402, 0403 if asked for) and the audit record in one transaction (README.md in this
/// folder). A package from a body outside the platform is taken over on the word of the caseworker who uploads it.
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
        if ((header.ReceiverKey is not null || header.SenderKey is not null) && header.ReceiverKey != tenant.Key)
        {
            throw CasesProblems.WrongReceiver(header.ReceiverKey ?? header.ReceiverName, tenant.Key);
        }

        TenantInfo? sender = null;
        if (header.SenderKey is { } senderKey)
        {
            sender = HandOverFile.TenantKey().IsMatch(senderKey) ? await catalog.FindByKeyAsync(senderKey, ct) : null;
            if (sender is null || sender.Id == tenant.Id)
            {
                throw CasesProblems.SenderUnknown(senderKey);
            }
        }

        if (await db.Transfers.AnyAsync(t => t.Direction == FileTransfer.In && t.MessageId == header.MessageId, ct))
        {
            throw CasesProblems.AlreadyImported(header.MessageId);
        }

        var verified = await package.VerifyDocumentsAsync(ct);

        // A sender of the platform recorded what it sent; a package it did not send, or that was changed on the way, is refused.
        if (sender is not null)
        {
            var sent = await db.Database.SqlQuery<bool>($"SELECT cases.transfer_was_sent({sender.Id}, {header.MessageId}, {packageSha}) AS \"Value\"")
                .SingleAsync(ct);
            if (!sent)
            {
                throw CasesProblems.NotSentBySender(header.MessageId, packageSha, sender.Key, tenant.Key);
            }
        }

        // 2. Blobs first (the store verifies each), then all rows in one transaction. A failure in between leaves
        //    unreferenced blobs for the sweeper, never a document without its bytes.
        var budget = new ByteBudget(limits.MaxBytes);
        foreach (var document in manifest.Documents.DistinctBy(d => d.FileName))
        {
            StoredBlob stored;
            await using (var content = await package.OpenDocumentAsync(document.FileName, budget, ct))
            {
                stored = await blobs.PutAsync(content, ct);
            }

            var expected = verified[document.FileName];
            if (stored.Sha256 != expected.Sha256 || stored.Length != expected.Length)
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
            Source = d.Source, ContentType = verified[d.FileName].ContentType, Sha256 = verified[d.FileName].Sha256, Length = verified[d.FileName].Length,
            PaperOriginal = d.PaperOriginal,
            CreatedAt = d.CreatedAt, CreatedBy = actor.Id,
        }).ToList();
        var transfer = new FileTransfer
        {
            CaseFileId = file.Id, Direction = FileTransfer.In, CounterpartAuthority = sender?.Key ?? header.SenderName, CounterpartOnPlatform = sender is not null,
            MessageId = header.MessageId, Reason = header.Reason,
            DocumentCount = documents.Count, PackageSha256 = packageBlob.Sha256, PackageBlobKey = packageBlob.Sha256, PackageLength = packageBlob.Length,
            CreatedAt = now, CreatedBy = actor.Id,
        };

        // The answers xdomea asks of the receiver, in the sender's process: the import (0402, always) and the receipt (0403, if asked for).
        var self = new XdomeaParty(tenant.Key, tenant.Name);
        var original = new XdomeaParty(sender?.Key, header.SenderName);
        List<TransferConfirmation> confirmations =
        [
            new(TransferConfirmation.Import, header.MessageId, now, self, original, [new ConfirmedObject(manifest.FileId, true, [])]),
        ];
        if (header.WantsReceipt)
        {
            confirmations.Add(new(TransferConfirmation.Receipt, header.MessageId, now, self, original, []));
        }

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
            await db.SaveChangesAsync(ct);
            db.TransferConfirmations.AddRange(confirmations.Select(c => new TransferConfirmationRecord
            {
                TransferId = transfer.Id, Direction = TransferConfirmationRecord.Out, MessageType = c.MessageType, ProcessId = c.ProcessId,
                Succeeded = c.MessageType == TransferConfirmation.Import ? true : null, ConfirmedAt = c.CreatedAt, MessageXml = c.ToText(),
                CreatedAt = now, CreatedBy = actor.Id,
            }));
            work.Record(new AuditEntry("casefile.transfer-in", "casefile", file.Id.ToString(),
                $"from {(sender is null ? "outside the platform: " + header.SenderName : sender.Key)}, message {header.MessageId}, {documents.Count} documents, package sha256 {packageBlob.Sha256}", PersonalData: true));
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
            transfer.Id, header.MessageId, transfer.CounterpartAuthority, procedures.Count, documents.Count, transfer.CounterpartOnPlatform,
            [.. confirmations.Select(c => c.MessageType)]);
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
