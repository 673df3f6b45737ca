namespace Saas.Modules.Cases.Features.Inbox;

internal sealed record UndoInboxDiscardRequest(Guid Id);

/// <summary>A discarded item is open again (discarded by mistake); audited. Two caseworkers: one wins, the other gets 409.</summary>
internal sealed class UndoInboxDiscard(CasesDbContext db, IAuditTrail audit)
{
    public async Task ExecuteAsync(UndoInboxDiscardRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var work = await db.BeginWorkAsync(audit, ct);
        var item = await db.InboxItems.SingleOrDefaultAsync(i => i.Id == request.Id, ct) ?? throw CasesProblems.InboxItemNotFound(request.Id);
        if (item.Status != InboxItemStatus.Discarded)
        {
            throw CasesProblems.InboxItemNotUndoable(item.Status);
        }

        var discardedBy = item.AssignedBy;
        item.Reopen();
        work.Record(new AuditEntry("inbox.undo-discard", "inbox", request.Id.ToString(), $"discarded by {discardedBy}"));
        await work.CommitAsync(CasesProblems.InboxItemChanged, ct);
    }
}
