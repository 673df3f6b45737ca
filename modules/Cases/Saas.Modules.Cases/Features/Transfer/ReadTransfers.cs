using Saas.Modules.Cases.Features.Transfer.Xdomea;

namespace Saas.Modules.Cases.Features.Transfer;

/// <summary>One hand-over as this authority saw it, with the file it concerns (the file's number is this authority's).</summary>
/// <param name="State">
/// <c>sent</c> (out, no confirmation yet), <c>receipt-confirmed</c> (out, the receiver confirmed the receipt, 0403),
/// <c>received-by-receiver</c> (out, the receiver confirmed the import, 0402), <c>refused-by-receiver</c> (out, its
/// 0402 says the import failed) or <c>received</c> (in); texts <c>cases.transfer.state.{state}</c> and
/// <c>cases.xdomea.state.{state}</c>.
/// </param>
/// <param name="ReceivedAt">When the receiver confirmed (the 0402's or 0403's Erstellungszeitpunkt), or for an <c>in</c> when it arrived here.</param>
/// <param name="Confirmations">The xdomea confirmations kept here for this hand-over (0402, 0403): written here for an <c>in</c>, recorded here for an <c>out</c>.</param>
internal sealed record TransferView(
    Guid Id, Guid CaseFileId, string FileNumber, string Direction, string CounterpartAuthority, Guid MessageId, string? Reason, int DocumentCount,
    string PackageSha256, long PackageLength, DateTimeOffset CreatedAt, string CreatedBy, string State, DateTimeOffset? ReceivedAt,
    bool CounterpartOnPlatform, IReadOnlyList<string> Confirmations, IReadOnlyList<string> ReceiverErrors);

/// <summary>The states of a hand-over as people read them.</summary>
internal static class TransferState
{
    public const string Sent = "sent";
    public const string ReceivedByReceiver = "received-by-receiver";
    public const string ReceiptConfirmed = "receipt-confirmed";
    public const string RefusedByReceiver = "refused-by-receiver";
    public const string Received = "received";

    public static LocalizedText Name(string state) =>
        new((state is ReceiptConfirmed or RefusedByReceiver ? "cases.xdomea.state." : "cases.transfer.state.") + state);

    /// <summary>The direction as people read it (texts <c>cases.transfer.direction.{direction}</c>).</summary>
    public static LocalizedText Direction(string direction) => new("cases.transfer.direction." + direction);
}

internal sealed record TransferRow(
    Guid Id, Guid CaseFileId, string FileNumber, string Direction, string CounterpartAuthority, Guid MessageId, string? Reason, int DocumentCount,
    string PackageSha256, long PackageLength, DateTimeOffset CreatedAt, string CreatedBy, bool CounterpartOnPlatform);

internal sealed record ReadTransferRequest(Guid Id, string Via);

/// <summary>
/// One hand-over with its state. For an <c>out</c> the state is what the receiver's xdomea confirmations say, read
/// here as xdomea messages: from a receiver on the platform its 0402 as it wrote it, asked of the database
/// (<c>cases.transfer_import_confirmation</c>, migration 0020: only about this authority's own messages); from a
/// body outside the platform the 0402 or 0403 recorded here (<see cref="RecordTransferConfirmation"/>). The read is
/// recorded (<c>transfer.read</c>), as the file it names is personal data.
/// </summary>
internal sealed class ReadTransfer(CasesDbContext db, IAuditTrail audit)
{
    public async Task<TransferView> ExecuteAsync(ReadTransferRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var row = await Rows(db, t => t.Id == request.Id).SingleOrDefaultAsync(ct) ?? throw CasesProblems.TransferNotFound(request.Id);
        await audit.RecordAsync(new AuditEntry("transfer.read", "transfer", row.Id.ToString(), $"file {row.CaseFileId}, via {request.Via}", PersonalData: true), ct);
        var kept = await db.TransferConfirmations.AsNoTracking().Where(c => c.TransferId == row.Id).OrderBy(c => c.MessageType).ToListAsync(ct);
        if (row.Direction == FileTransfer.In)
        {
            return View(row, TransferState.Received, row.CreatedAt, kept, []);
        }

        var confirmations = new List<TransferConfirmation>();
        foreach (var record in kept)
        {
            confirmations.Add(await TransferConfirmation.ParseAsync(record.MessageXml, TransferConfirmation.EntryName(record.ProcessId, record.MessageType), ct));
        }

        if (row.CounterpartOnPlatform
            && await db.Database.SqlQuery<string?>($"SELECT cases.transfer_import_confirmation({row.MessageId}) AS \"Value\"").SingleAsync(ct) is { } xml)
        {
            confirmations.Add(await TransferConfirmation.ParseAsync(xml, TransferConfirmation.EntryName(row.MessageId, TransferConfirmation.Import), ct));
        }

        // Only a confirmation of this process that names this file counts.
        var import = confirmations.FirstOrDefault(c => c.MessageType == TransferConfirmation.Import && c.ProcessId == row.MessageId
            && c.Objects.Any(o => o.Id == row.CaseFileId));
        var receipt = confirmations.FirstOrDefault(c => c.MessageType == TransferConfirmation.Receipt && c.ProcessId == row.MessageId);
        return import is not null
            ? import.Succeeded(row.CaseFileId)
                ? View(row, TransferState.ReceivedByReceiver, import.CreatedAt, kept, [])
                : View(row, TransferState.RefusedByReceiver, import.CreatedAt, kept, [.. import.Objects.Where(o => o.Id == row.CaseFileId).SelectMany(o => o.Errors)])
            : receipt is not null
                ? View(row, TransferState.ReceiptConfirmed, receipt.CreatedAt, kept, [])
                : View(row, TransferState.Sent, null, kept, []);
    }

    private static TransferView View(TransferRow row, string state, DateTimeOffset? at, List<TransferConfirmationRecord> kept, IReadOnlyList<string> errors) =>
        new(row.Id, row.CaseFileId, row.FileNumber, row.Direction, row.CounterpartAuthority, row.MessageId, row.Reason, row.DocumentCount,
            row.PackageSha256, row.PackageLength, row.CreatedAt, row.CreatedBy, state, at, row.CounterpartOnPlatform,
            [.. kept.Select(c => c.MessageType)], errors);

    internal static IQueryable<TransferRow> Rows(CasesDbContext db, System.Linq.Expressions.Expression<Func<FileTransfer, bool>> filter) =>
        from t in db.Transfers.AsNoTracking().Where(filter)
        join f in db.CaseFiles.AsNoTracking() on t.CaseFileId equals f.Id
        orderby t.CreatedAt descending, t.Id
        select new TransferRow(t.Id, t.CaseFileId, f.FileNumber, t.Direction, t.CounterpartAuthority, t.MessageId, t.Reason, t.DocumentCount,
            t.PackageSha256, t.PackageLength, t.CreatedAt, t.CreatedBy, t.CounterpartOnPlatform);
}

/// <param name="FileId">Only the hand-overs of this file; all when null.</param>
internal sealed record ListTransfersRequest(Guid? FileId, int Limit = ListTransfers.MaxItems);

/// <summary>The latest hand-overs, sent and received, newest first (file numbers and authorities, no names).</summary>
internal sealed class ListTransfers(CasesDbContext db)
{
    public const int MaxItems = 50;

    public async Task<IReadOnlyList<TransferRow>> ExecuteAsync(ListTransfersRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var file = request.FileId;
        return await ReadTransfer.Rows(db, t => file == null || t.CaseFileId == file).Take(Math.Clamp(request.Limit, 1, MaxItems)).ToListAsync(ct);
    }
}

internal sealed record OpenTransferPackageRequest(Guid Id, string Via);

internal sealed record TransferPackageContent(Stream Content, string FileName);

/// <summary>The package as sent (or, at the receiver, as received); the read is recorded first (<c>transfer.package.read</c>).</summary>
internal sealed class OpenTransferPackage(CasesDbContext db, IBlobStore blobs, IAuditTrail audit)
{
    public const string ContentType = "application/zip";

    /// <summary>The zip is named as its message, <c>{ProzessID}_Abgabe.Abgabe.0401.zip</c>.</summary>
    public static string PackageFileName(Guid messageId) => Path.ChangeExtension(TransferManifest.EntryName(messageId), ".zip");

    public async Task<TransferPackageContent> ExecuteAsync(OpenTransferPackageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var transfer = await db.Transfers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.Id, ct) ?? throw CasesProblems.TransferNotFound(request.Id);
        await audit.RecordAsync(new AuditEntry("transfer.package.read", "transfer", request.Id.ToString(),
            $"file {transfer.CaseFileId}, {transfer.Direction} {transfer.CounterpartAuthority}, message {transfer.MessageId}, via {request.Via}",
            PersonalData: true), ct);
        // The download is the package for a body outside the platform as much as the record of what was sent.
        return new TransferPackageContent(await blobs.OpenReadAsync(transfer.PackageBlobKey, ct), PackageFileName(transfer.MessageId));
    }
}
