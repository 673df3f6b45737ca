using Saas.Modules.Cases.Features.CaseFiles;
using Saas.Modules.Cases.Features.Transfer.Xdomea;

namespace Saas.Modules.Cases.Features.Transfer;

/// <param name="OutsideAuthority">
/// The name of a receiving body outside the platform, instead of <paramref name="ToAuthority"/>: the package is then
/// made and kept for download (the receiver takes it over in its own system) and the file becomes read-only as well.
/// </param>
internal sealed record HandOverFileRequest(Guid FileId, string? ToAuthority, string? Reason, string? OutsideAuthority = null);

/// <summary>What the sender knows right after the hand-over (the JSON of <c>POST /api/cases/files/{id}/transfer</c>).</summary>
/// <param name="OnPlatform">False for a receiver outside the platform, which gets the package as a download.</param>
internal sealed record TransferSent(Guid Id, Guid MessageId, string ToAuthority, int Documents, int Cases, string PackageSha256, long PackageLength,
    bool OnPlatform = true);

/// <summary>
/// Hand-over of a file when the person moves (Wegzug here, Zuzug there), as an xdomea 3.0.0 Abgabe.Abgabe.0401
/// package (README.md in this folder, docs/adr/0015). The receiver is another authority of the platform with the
/// e-Akte, or a body outside the platform named by <see cref="HandOverFileRequest.OutsideAuthority"/>. The package
/// is built from this authority's blobs and kept; the file becomes <c>transferred</c> (read-only; its retention
/// starts, <c>departed_at</c> is set if empty) in the same transaction as the <c>out</c> row and the audit record.
/// </summary>
internal sealed partial class HandOverFile(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, ITenantCatalog catalog, ICurrentTenant currentTenant,
    ICurrentActor actor, ITexts texts, TimeProvider clock)
{
    public const string TransferredStatus = "transferred";

    public const int MaxReasonLength = 1000;

    public const int MaxOutsideNameLength = 200;

    public async Task<TransferSent> ExecuteAsync(HandOverFileRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.FileId;
        var file = await db.CaseFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct) ?? throw CaseFileEndpoints.NotFound(id);
        if (file.Status != "active")
        {
            throw CasesProblems.FileNotActive(id);
        }

        var toKey = request.ToAuthority?.Trim().ToLowerInvariant() ?? "";
        var outside = request.OutsideAuthority?.Trim() ?? "";
        var reason = request.Reason?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if ((toKey.Length == 0) == (outside.Length == 0))
        {
            errors["toAuthority"] = [texts.Get(toKey.Length == 0 ? "cases.transfer.field.receiver-missing" : "cases.xdomea.field.receiver-twice")];
        }

        if (outside.Length > MaxOutsideNameLength || outside.Any(char.IsControl))
        {
            errors["outsideAuthority"] = [texts.Get("cases.xdomea.field.outside-name", ("max", MaxOutsideNameLength))];
        }

        if (reason.Length is 0 or > MaxReasonLength)
        {
            errors["reason"] = [texts.Get("cases.transfer.field.reason", ("max", MaxReasonLength))];
        }

        if (errors.Count > 0)
        {
            throw CasesProblems.InvalidTransfer(errors);
        }

        var sender = currentTenant.Tenant!;
        XdomeaParty receiver;
        if (outside.Length > 0)
        {
            receiver = new XdomeaParty(null, outside);
        }
        else
        {
            var onPlatform = (TenantKey().IsMatch(toKey) ? await catalog.FindByKeyAsync(toKey, ct) : null) ?? throw CasesProblems.ReceiverUnknown(toKey);
            if (onPlatform.Id == sender.Id)
            {
                throw CasesProblems.ReceiverIsSender();
            }

            if (!onPlatform.IsModuleEnabled(CasesModule.ModuleName))
            {
                throw CasesProblems.ReceiverWithoutCases(onPlatform.Key);
            }

            receiver = new XdomeaParty(onPlatform.Key, onPlatform.Name);
        }

        var procedures = await db.Cases.AsNoTracking().Where(p => p.CaseFileId == id).OrderBy(p => p.OpenedAt).ThenBy(p => p.Id).ToListAsync(ct);
        var documents = await db.Documents.AsNoTracking().Where(d => d.CaseFileId == id).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        // Equal bytes travel once: every document with them names the entry of the first one.
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in documents)
        {
            entries.TryAdd(d.Sha256, TransferManifest.DocumentEntry(d.Id, d.ContentType));
        }

        var manifest = new TransferManifest(
            new ManifestHeader(Guid.NewGuid(), now, sender.Key, sender.Name, receiver.Key, receiver.Name, reason),
            file.Id,
            file.FileNumber,
            new ManifestPerson(file.Surname, file.GivenNames, file.BirthDate, file.Nationalities, file.NameVariants, file.CentralRegisterNumber),
            [.. procedures.Select(p => new ManifestCase(p.Id, p.Kind, p.Title, p.Status, p.Outcome, p.OpenedAt, p.ClosedAt))],
            [.. documents.Select(d => new ManifestDocument(d.Id, d.DocumentType, d.Title, d.Source, d.ContentType, d.CreatedAt, d.PaperOriginal,
                d.Sha256, d.Length, entries[d.Sha256], d.CaseId))]);

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
            CaseFileId = id, Direction = FileTransfer.Out, CounterpartAuthority = receiver.Key ?? receiver.Name, CounterpartOnPlatform = receiver.Key is not null, MessageId = manifest.Header.MessageId, Reason = reason,
            DocumentCount = documents.Count, PackageSha256 = package.Sha256, PackageBlobKey = package.Sha256, PackageLength = package.Length,
            CreatedAt = now, CreatedBy = actor.Id,
        };
        await using var work = await db.BeginWorkAsync(audit, ct);
        // Only an active file is handed over, once; leaving the district starts the retention period (AufenthV § 68).
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var changed = await db.CaseFiles.Where(f => f.Id == id && f.Status == "active")
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, TransferredStatus).SetProperty(f => f.DepartedAt, f => f.DepartedAt ?? today), ct);
        // An upload locks the file row while it adds a document (DocumentWriter), so after the update above every
        // document is either counted here or refused there: the package holds the whole file or nothing changes.
        if (changed == 0 || await db.Documents.CountAsync(d => d.CaseFileId == id, ct) != documents.Count)
        {
            throw CasesProblems.FileChanged(id);
        }

        db.Transfers.Add(transfer);
        work.Record(new AuditEntry("casefile.transfer-out", "casefile", id.ToString(),
            $"to {(receiver.Key is null ? "outside the platform: " + receiver.Name : receiver.Key)}, message {transfer.MessageId}, {documents.Count} documents, package sha256 {package.Sha256}", PersonalData: true));
        await work.CommitAsync(ct);
        return new TransferSent(transfer.Id, transfer.MessageId, transfer.CounterpartAuthority, documents.Count, procedures.Count, transfer.PackageSha256,
            transfer.PackageLength, transfer.CounterpartOnPlatform);
    }

    private static FileStream TemporaryFile() => new(
        Path.Combine(Path.GetTempPath(), $"saas-transfer-{Guid.NewGuid():N}.zip"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    internal static partial Regex TenantKey();
}
