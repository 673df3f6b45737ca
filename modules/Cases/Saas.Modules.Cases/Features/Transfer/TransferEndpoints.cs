using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Features.Transfer;

/// <summary>Request to hand a file over to another authority of the platform.</summary>
internal sealed record TransferRequest(string? ToAuthority, string? Reason);

/// <summary>
/// Hand-over of a file when the person moves (Wegzug here, Zuzug there), as a package modelled on xdomea's
/// Abgabe (see README.md in this folder). The sender builds the package from its own blobs, keeps it, and marks
/// the file transferred (read-only until retention deletes it). The receiver checks the package completely —
/// zip structure, sizes, manifest, addressee, every document's hash, and that the sender really sent exactly
/// this package — before it writes anything; then blobs first, and file, procedures, documents, events and the
/// hand-over record in one transaction. Both sides audit the hand-over.
/// </summary>
internal static partial class TransferEndpoints
{
    public const string TransferredStatus = "transferred";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases").WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);
        group.MapPost("/files/{id:guid}/transfer", TransferOutAsync);
        group.MapGet("/transfers/{id:guid}/package", DownloadPackageAsync);
        group.MapPost("/transfers/import", ImportAsync).DisableAntiforgery();
    }

    private static async Task<IResult> TransferOutAsync(Guid id, TransferRequest request, CasesDbContext db, IBlobStore blobs, IAuditTrail audit,
        ITenantCatalog catalog, ICurrentTenant currentTenant, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var file = await db.CaseFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct)
                   ?? throw CaseFileEndpoints.NotFound(id);
        if (file.Status != "active")
        {
            throw NotActive(id);
        }

        var toKey = request.ToAuthority?.Trim().ToLowerInvariant() ?? "";
        var reason = request.Reason?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (toKey.Length == 0)
        {
            errors["toAuthority"] = ["Die empfangende Behörde fehlt. / The receiving authority is missing."];
        }

        if (reason.Length is 0 or > 1000)
        {
            errors["reason"] = ["Der Grund der Abgabe fehlt oder ist länger als 1000 Zeichen. / The reason is missing or longer than 1000 characters."];
        }

        if (errors.Count > 0)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-transfer",
                new LocalizedText("problem.invalid-transfer"), null, errors);
        }

        var sender = currentTenant.Tenant!;
        var receiver = TenantKey().IsMatch(toKey) ? await catalog.FindByKeyAsync(toKey, ct) : null;
        if (receiver is null)
        {
            throw Unprocessable("receiver-unknown", $"No authority with the key '{toKey}'.");
        }

        if (receiver.Id == sender.Id)
        {
            throw Unprocessable("receiver-is-sender", null);
        }

        if (!receiver.IsModuleEnabled(CasesModule.ModuleName))
        {
            throw Unprocessable("receiver-without-cases", $"'{receiver.Key}' has not enabled the cases module.");
        }

        var procedures = await db.Cases.AsNoTracking().Where(p => p.CaseFileId == id).OrderBy(p => p.OpenedAt).ThenBy(p => p.Id)
            .ToListAsync(ct);
        var documents = await db.Documents.AsNoTracking().Where(d => d.CaseFileId == id).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var manifest = new TransferManifest(
            new ManifestHeader(Guid.NewGuid(), now, sender.Key, sender.Name, receiver.Key, receiver.Name, reason),
            file.FileNumber,
            new ManifestPerson(file.Surname, file.GivenNames, file.BirthDate, file.Nationalities, file.NameVariants, file.CentralRegisterNumber),
            [.. procedures.Select(p => new ManifestCase(p.Id, p.Kind, p.Title, p.Status, p.Outcome, p.OpenedAt, p.ClosedAt))],
            [.. documents.Select(d => new ManifestDocument(d.Id, d.DocumentType, d.Title, d.Source, d.ContentType, d.CreatedAt, d.PaperOriginal,
                d.Sha256, d.Length, TransferManifest.DocumentEntry(d.Sha256), d.CaseId))]);

        // Documents can be large: the package is built in a temporary file and stored like any blob of this authority.
        StoredBlob package;
        await using (var temp = TemporaryFile())
        {
            await TransferPackageWriter.WriteAsync(temp, manifest, blobs.OpenReadAsync, ct);
            temp.Position = 0;
            package = await blobs.PutAsync(temp, ct);
        }

        var transfer = new FileTransfer
        {
            CaseFileId = id,
            Direction = FileTransfer.Out,
            CounterpartAuthority = receiver.Key,
            MessageId = manifest.Header.MessageId,
            Reason = reason,
            DocumentCount = documents.Count,
            PackageSha256 = package.Sha256,
            PackageBlobKey = package.Sha256,
            PackageLength = package.Length,
            CreatedAt = now,
            CreatedBy = Subject(user),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Only an active file is handed over, once; leaving the district starts the retention period (AufenthV § 68).
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var changed = await db.CaseFiles.Where(f => f.Id == id && f.Status == "active")
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, TransferredStatus).SetProperty(f => f.DepartedAt, f => f.DepartedAt ?? today), ct)
            ;
        // An upload locks the file row while it adds a document (DocumentEndpoints), so after the update above every
        // document is either counted here or refused there: the package holds the whole file or nothing changes.
        if (changed == 0 || await db.Documents.CountAsync(d => d.CaseFileId == id, ct) != documents.Count)
        {
            throw new SaasProblemException(StatusCodes.Status409Conflict, "file-changed",
                new LocalizedText("problem.file-changed"), id.ToString());
        }

        db.Transfers.Add(transfer);
        await db.SaveChangesAsync(ct);
        await db.AuditAsync(audit, new AuditEntry("casefile.transfer-out", "casefile", id.ToString(),
            $"to {receiver.Key}, message {transfer.MessageId}, {documents.Count} documents, package sha256 {package.Sha256}", PersonalData: true), ct);
        await tx.CommitAsync(ct);
        return Results.Created($"/api/cases/transfers/{transfer.Id}/package", new
        {
            transfer.Id, transfer.MessageId, ToAuthority = receiver.Key, Documents = documents.Count, Cases = procedures.Count, transfer.PackageSha256, transfer.PackageLength,
        });
    }

    private static async Task<IResult> DownloadPackageAsync(Guid id, CasesDbContext db, IBlobStore blobs, IAuditTrail audit, CancellationToken ct)
    {
        var transfer = await db.Transfers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct)
                       ?? throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
                           new LocalizedText("problem.not-found.transfer"), id.ToString());
        await audit.RecordAsync(new AuditEntry("transfer.package.read", "transfer", id.ToString(),
            $"file {transfer.CaseFileId}, {transfer.Direction} {transfer.CounterpartAuthority}, message {transfer.MessageId}", PersonalData: true), ct);
        return Results.Stream(await blobs.OpenReadAsync(transfer.PackageBlobKey, ct), "application/zip", $"abgabe-{transfer.MessageId}.zip");
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, CasesDbContext db, IBlobStore blobs, IAuditTrail audit, ITenantCatalog catalog,
        ICurrentTenant currentTenant, IOptions<CasesOptions> settings, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var limits = TransferLimits.From(settings.Value);
        var upload = await ReadUploadAsync(request, limits, ct);
        var tenant = currentTenant.Tenant!;

        // 1. Check everything; nothing is written before the last check has passed.
        // One stream over the upload for everything below: the zip reader does not allow its position to move under it.
        await using var packageStream = upload.OpenReadStream();
        var packageSha = Convert.ToHexStringLower(await SHA256.HashDataAsync(packageStream, ct));
        await using var package = await TransferPackageReader.OpenAsync(packageStream, limits, ct);
        var manifest = package.Manifest;
        var header = manifest.Header;
        if (header.ReceiverKey != tenant.Key)
        {
            throw Unprocessable("wrong-receiver",
                $"The package is addressed to '{header.ReceiverKey}'; this authority is '{tenant.Key}'.");
        }

        var sender = TenantKey().IsMatch(header.SenderKey) ? await catalog.FindByKeyAsync(header.SenderKey, ct) : null;
        if (sender is null || sender.Id == tenant.Id)
        {
            throw Unprocessable("sender-unknown", $"Sender '{header.SenderKey}'.");
        }

        if (await db.Transfers.AnyAsync(t => t.Direction == FileTransfer.In && t.MessageId == header.MessageId, ct))
        {
            throw AlreadyImported(header.MessageId);
        }

        await package.VerifyDocumentsAsync(ct);

        // The sender recorded what it sent; a package it did not send, or that was changed on the way, is refused.
        var sent = await db.Database.SqlQuery<bool>($"SELECT cases.transfer_was_sent({sender.Id}, {header.MessageId}, {packageSha}) AS \"Value\"")
            .SingleAsync(ct);
        if (!sent)
        {
            throw Unprocessable("not-sent-by-sender",
                $"No hand-over of message {header.MessageId} with package sha256 {packageSha} from '{sender.Key}' to '{tenant.Key}'.");
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
        var subject = Subject(user);
        var person = manifest.Person;
        var variants = person.NameVariants.Where(v => v.Length > 0).Distinct().ToList();
        var (phoneticCodes, searchName) = CaseFileEndpoints.SearchKeys(person.Surname, variants);
        var file = new CaseFile
        {
            Surname = person.Surname,
            GivenNames = person.GivenNames,
            BirthDate = person.BirthDate,
            Nationalities = [.. person.Nationalities.Where(n => n.Length > 0)],
            NameVariants = variants,
            CentralRegisterNumber = person.CentralRegisterNumber,
            PhoneticCodes = phoneticCodes,
            SearchName = searchName,
            CreatedAt = now,
            CreatedBy = subject,
        };
        var procedureIds = manifest.Cases.ToDictionary(p => p.Id, _ => Guid.NewGuid());
        var procedures = manifest.Cases.Select(p => new Case
        {
            Id = procedureIds[p.Id], CaseFileId = file.Id, Kind = p.Kind, Title = p.Title, Status = p.Status, Outcome = p.Outcome,
            OpenedAt = p.OpenedAt, ClosedAt = p.ClosedAt, CreatedBy = subject,
        }).ToList();
        var documents = manifest.Documents.Select(d => new CaseDocument
        {
            CaseFileId = file.Id, CaseId = d.CaseId is { } p ? procedureIds[p] : null, DocumentType = d.DocumentType, Title = d.Title,
            Source = d.Source, ContentType = d.ContentType, Sha256 = d.Sha256, Length = d.Length, PaperOriginal = d.PaperOriginal,
            CreatedAt = d.CreatedAt, CreatedBy = subject,
        }).ToList();
        var transfer = new FileTransfer
        {
            CaseFileId = file.Id,
            Direction = FileTransfer.In,
            CounterpartAuthority = sender.Key,
            MessageId = header.MessageId,
            Reason = header.Reason,
            DocumentCount = documents.Count,
            PackageSha256 = packageBlob.Sha256,
            PackageBlobKey = packageBlob.Sha256,
            PackageLength = packageBlob.Length,
            CreatedAt = now,
            CreatedBy = subject,
        };

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        file.FileNumber = await FreeFileNumberAsync(db, manifest.FileNumber, ct);
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
        }
        catch (DbUpdateException)
        {
            // Another import of the same message, or a file with the same number, committed in the meantime.
            throw new SaasProblemException(StatusCodes.Status409Conflict, "import-conflict",
                new LocalizedText("problem.import-conflict"), $"Message {header.MessageId}.");
        }

        await db.AuditAsync(audit, new AuditEntry("casefile.transfer-in", "casefile", file.Id.ToString(),
            $"from {sender.Key}, message {header.MessageId}, {documents.Count} documents, package sha256 {packageBlob.Sha256}", PersonalData: true), ct);
        await tx.CommitAsync(ct);
        return Results.Created($"/api/cases/files/{file.Id}", new
        {
            File = CaseFileEndpoints.View(file), TransferId = transfer.Id, header.MessageId, FromAuthority = sender.Key,
            Cases = procedures.Count, Documents = documents.Count,
        });
    }

    private static async Task<IFormFile> ReadUploadAsync(HttpRequest request, TransferLimits limits, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "form-expected",
                new LocalizedText("problem.form-expected.transfer"), null);
        }

        if (request.ContentLength > limits.MaxPackageBytes)
        {
            throw TransferPackageReader.TooLarge($"The request has {request.ContentLength} bytes; a package may have at most {limits.MaxPackageBytes}.");
        }

        // Packages are larger than ordinary uploads: this endpoint alone accepts up to the package limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limits.MaxPackageBytes;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limits.MaxPackageBytes }, ct);
        }
        catch (InvalidDataException ex)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-form",
                new LocalizedText("problem.invalid-form"), ex.Message);
        }

        var upload = form.Files.GetFile("file")
                     ?? throw new SaasProblemException(StatusCodes.Status400BadRequest, "file-missing", new LocalizedText("problem.file-missing.transfer"), null);
        if (upload.Length == 0)
        {
            throw TransferPackageReader.InvalidPackage("The package is empty.");
        }

        return upload.Length <= limits.MaxPackageBytes
            ? upload
            : throw TransferPackageReader.TooLarge($"The package has {upload.Length} bytes; at most {limits.MaxPackageBytes} are accepted.");
    }

    /// <summary>The sender's file number, unless this authority already uses it; then the first free one with a suffix.</summary>
    private static async Task<string> FreeFileNumberAsync(CasesDbContext db, string wanted, CancellationToken ct)
    {
        var candidate = wanted;
        for (var suffix = 2; await db.CaseFiles.AnyAsync(f => f.FileNumber == candidate, ct); suffix++)
        {
            if (suffix > 1000)
            {
                throw new SaasProblemException(StatusCodes.Status409Conflict, "file-number-taken",
                    new LocalizedText("problem.file-number-taken.transfer"), wanted);
            }

            candidate = $"{wanted}-{suffix}";
        }

        return candidate;
    }

    private static FileStream TemporaryFile() => new(
        Path.Combine(Path.GetTempPath(), $"saas-transfer-{Guid.NewGuid():N}.zip"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);

    private static string Subject(ClaimsPrincipal user) => user.FindFirst(SaasClaims.Subject)?.Value ?? "unknown";

    private static SaasProblemException NotActive(Guid id) =>
        new(StatusCodes.Status409Conflict, "file-not-active",
            new LocalizedText("problem.file-not-active"), id.ToString());

    private static SaasProblemException AlreadyImported(Guid messageId) =>
        new(StatusCodes.Status409Conflict, "already-imported",
            new LocalizedText("problem.already-imported"), $"Message {messageId}.");

    private static SaasProblemException Unprocessable(string code, string? detail, params (string Name, object? Value)[] arguments) =>
        Problem.Unprocessable(code, detail, arguments);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TenantKey();
}
