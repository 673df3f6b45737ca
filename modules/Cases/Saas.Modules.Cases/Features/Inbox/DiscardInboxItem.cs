namespace Saas.Modules.Cases.Features.Inbox;

internal sealed record DiscardInboxItemRequest(Guid Id);

/// <summary>Closes an open item without a file (spam, duplicate, misdirected); audited. Two caseworkers: one wins, the other gets 409.</summary>
internal sealed class DiscardInboxItem(CasesDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task ExecuteAsync(DiscardInboxItemRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var work = await db.BeginWorkAsync(audit, ct);
        var item = await db.InboxItems.SingleOrDefaultAsync(i => i.Id == request.Id, ct) ?? throw CasesProblems.InboxItemNotFound(request.Id);
        item.Discard(actor.Id, clock.GetUtcNow());
        work.Record(new AuditEntry("inbox.discard", "inbox", request.Id.ToString()));
        await work.CommitAsync(CasesProblems.InboxItemClosed, ct);
    }
}
