using Saas.Modules.Cases.Features.Transfer.Xdomea;

namespace Saas.Modules.Cases.Features.Transfer;

/// <param name="Message">The xdomea message as uploaded (at most <see cref="TransferConfirmation.MaxCharacters"/> characters).</param>
internal sealed record RecordTransferConfirmationRequest(Guid TransferId, Stream Message);

/// <summary>What was recorded (the JSON of <c>POST /api/cases/transfers/{id}/confirmations</c>).</summary>
internal sealed record TransferConfirmationRecorded(Guid Id, Guid TransferId, string MessageType, bool? Succeeded, DateTimeOffset ConfirmedAt);

/// <summary>
/// The sending side reads the confirmation a body outside the platform sent back for a package it took over
/// (0402 import or 0403 receipt, uploaded by a caseworker): schema-valid, of this hand-over's process, and for a 0402
/// naming this file. Then it is kept with the hand-over and its state follows it (<see cref="ReadTransfer"/>).
/// Receivers on the platform confirm by themselves; for them this is refused.
/// </summary>
internal sealed class RecordTransferConfirmation(CasesDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<TransferConfirmationRecorded> ExecuteAsync(RecordTransferConfirmationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var transfer = await db.Transfers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.TransferId, ct)
            ?? throw CasesProblems.TransferNotFound(request.TransferId);
        if (transfer.Direction != FileTransfer.Out || transfer.CounterpartOnPlatform)
        {
            throw CasesProblems.ConfirmationNotExpected(transfer.Id);
        }

        var confirmation = await TransferConfirmation.ParseAsync(request.Message, "confirmation", ct);
        if (confirmation.ProcessId != transfer.MessageId)
        {
            throw CasesProblems.ConfirmationMismatch($"The confirmation's ProzessID is {confirmation.ProcessId}; this hand-over's is {transfer.MessageId}.");
        }

        bool? succeeded = null;
        if (confirmation.MessageType == TransferConfirmation.Import)
        {
            succeeded = confirmation.Objects.Any(o => o.Id == transfer.CaseFileId)
                ? confirmation.Succeeded(transfer.CaseFileId)
                : throw CasesProblems.ConfirmationMismatch($"The confirmation names no AbgegebenesObjekt {transfer.CaseFileId} (the handed-over Akte).");
        }

        if (await db.TransferConfirmations.AnyAsync(c => c.TransferId == transfer.Id && c.Direction == TransferConfirmationRecord.In
            && c.MessageType == confirmation.MessageType, ct))
        {
            throw CasesProblems.ConfirmationNotExpected(transfer.Id);
        }

        var record = new TransferConfirmationRecord
        {
            TransferId = transfer.Id, Direction = TransferConfirmationRecord.In, MessageType = confirmation.MessageType, ProcessId = confirmation.ProcessId,
            Succeeded = succeeded, ConfirmedAt = confirmation.CreatedAt, MessageXml = confirmation.ToText(), CreatedAt = clock.GetUtcNow(), CreatedBy = actor.Id,
        };
        await using var work = await db.BeginWorkAsync(audit, ct);
        db.TransferConfirmations.Add(record);
        work.Record(new AuditEntry("transfer.confirmation-in", "transfer", transfer.Id.ToString(),
            $"{confirmation.MessageType} from outside the platform: {confirmation.Sender.Name}, message {transfer.MessageId}, succeeded {succeeded?.ToString() ?? "-"}"));
        try
        {
            await work.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw CasesProblems.ConfirmationNotExpected(transfer.Id);
        }

        return new TransferConfirmationRecorded(record.Id, transfer.Id, record.MessageType, succeeded, record.ConfirmedAt);
    }
}

internal sealed record OpenTransferConfirmationRequest(Guid TransferId, string MessageType, string Via);

internal sealed record TransferConfirmationContent(byte[] Content, string FileName);

/// <summary>
/// An xdomea confirmation kept with a hand-over, as a file named as xdomea names it: at the receiver the 0402/0403
/// it wrote (for a sender outside the platform to take home), at the sender the one it recorded. The read is recorded.
/// </summary>
internal sealed class OpenTransferConfirmation(CasesDbContext db, IAuditTrail audit)
{
    public const string ContentType = "application/xml";

    public async Task<TransferConfirmationContent> ExecuteAsync(OpenTransferConfirmationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.MessageType;
        var record = TransferConfirmation.Types.Contains(type)
            ? await db.TransferConfirmations.AsNoTracking().Where(c => c.TransferId == request.TransferId && c.MessageType == type)
                .OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct)
            : null;
        if (record is null)
        {
            throw CasesProblems.ConfirmationNotFound(request.TransferId, type.Length > 8 ? type[..8] : type);
        }

        await audit.RecordAsync(new AuditEntry("transfer.confirmation.read", "transfer", request.TransferId.ToString(),
            $"{record.MessageType} ({record.Direction}), message {record.ProcessId}, via {request.Via}"), ct);
        return new TransferConfirmationContent(Encoding.UTF8.GetBytes(record.MessageXml), TransferConfirmation.EntryName(record.ProcessId, record.MessageType));
    }
}
