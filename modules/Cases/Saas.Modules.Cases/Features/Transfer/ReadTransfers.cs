namespace Saas.Modules.Cases.Features.Transfer;

/// <summary>One hand-over as this authority saw it, with the file it concerns (the file's number is this authority's).</summary>
/// <param name="State">
/// <c>sent</c> (out, the receiver has not imported it yet), <c>received-by-receiver</c> (out, the receiver imported
/// exactly this package) or <c>received</c> (in); texts <c>cases.transfer.state.{state}</c>.
/// </param>
internal sealed record TransferView(
    Guid Id, Guid CaseFileId, string FileNumber, string Direction, string CounterpartAuthority, Guid MessageId, string? Reason, int DocumentCount,
    string PackageSha256, long PackageLength, DateTimeOffset CreatedAt, string CreatedBy, string State, DateTimeOffset? ReceivedAt);

/// <summary>The states of a hand-over as people read them.</summary>
internal static class TransferState
{
    public const string Sent = "sent";
    public const string ReceivedByReceiver = "received-by-receiver";
    public const string Received = "received";

    public static LocalizedText Name(string state) => new("cases.transfer.state." + state);

    /// <summary>The direction as people read it (texts <c>cases.transfer.direction.{direction}</c>).</summary>
    public static LocalizedText Direction(string direction) => new("cases.transfer.direction." + direction);
}

internal sealed record TransferRow(
    Guid Id, Guid CaseFileId, string FileNumber, string Direction, string CounterpartAuthority, Guid MessageId, string? Reason, int DocumentCount,
    string PackageSha256, long PackageLength, DateTimeOffset CreatedAt, string CreatedBy);

internal sealed record ReadTransferRequest(Guid Id, string Via);

/// <summary>
/// One hand-over with its state; for an <c>out</c> the receiver's import is asked of the database
/// (<c>cases.transfer_received_at</c>, migration 0018: only about this authority's own messages). The read is
/// recorded (<c>transfer.read</c>), as the file it names is personal data.
/// </summary>
internal sealed class ReadTransfer(CasesDbContext db, IAuditTrail audit)
{
    public async Task<TransferView> ExecuteAsync(ReadTransferRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var row = await Rows(db, t => t.Id == request.Id).SingleOrDefaultAsync(ct) ?? throw CasesProblems.TransferNotFound(request.Id);
        await audit.RecordAsync(new AuditEntry("transfer.read", "transfer", row.Id.ToString(), $"file {row.CaseFileId}, via {request.Via}", PersonalData: true), ct);
        DateTimeOffset? receivedAt = row.Direction == FileTransfer.Out
            ? await db.Database.SqlQuery<DateTimeOffset?>($"SELECT cases.transfer_received_at({row.MessageId}) AS \"Value\"").SingleAsync(ct)
            : row.CreatedAt;
        var state = row.Direction == FileTransfer.In ? TransferState.Received : receivedAt is null ? TransferState.Sent : TransferState.ReceivedByReceiver;
        return new TransferView(row.Id, row.CaseFileId, row.FileNumber, row.Direction, row.CounterpartAuthority, row.MessageId, row.Reason,
            row.DocumentCount, row.PackageSha256, row.PackageLength, row.CreatedAt, row.CreatedBy, state, receivedAt);
    }

    internal static IQueryable<TransferRow> Rows(CasesDbContext db, System.Linq.Expressions.Expression<Func<FileTransfer, bool>> filter) =>
        from t in db.Transfers.AsNoTracking().Where(filter)
        join f in db.CaseFiles.AsNoTracking() on t.CaseFileId equals f.Id
        orderby t.CreatedAt descending, t.Id
        select new TransferRow(t.Id, t.CaseFileId, f.FileNumber, t.Direction, t.CounterpartAuthority, t.MessageId, t.Reason, t.DocumentCount,
            t.PackageSha256, t.PackageLength, t.CreatedAt, t.CreatedBy);
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

    public async Task<TransferPackageContent> ExecuteAsync(OpenTransferPackageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var transfer = await db.Transfers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.Id, ct) ?? throw CasesProblems.TransferNotFound(request.Id);
        await audit.RecordAsync(new AuditEntry("transfer.package.read", "transfer", request.Id.ToString(),
            $"file {transfer.CaseFileId}, {transfer.Direction} {transfer.CounterpartAuthority}, message {transfer.MessageId}, via {request.Via}",
            PersonalData: true), ct);
        return new TransferPackageContent(await blobs.OpenReadAsync(transfer.PackageBlobKey, ct), $"abgabe-{transfer.MessageId}.zip");
    }
}
