using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Saas.Platform.Data;

/// <summary>
/// Wakes the outbox dispatcher when a transaction that wrote integration events commits. Signalling at
/// SaveChanges would be too early inside an explicit transaction (the dispatcher would find nothing committed
/// and sleep until its next sweep); signalling here makes background work such as text extraction start at once.
/// </summary>
internal sealed class OutboxCommitSignal : DbTransactionInterceptor
{
    public static readonly OutboxCommitSignal Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        Signal(eventData);
        base.TransactionCommitted(transaction, eventData);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Signal(eventData);
        return base.TransactionCommittedAsync(transaction, eventData, cancellationToken);
    }

    private static void Signal(TransactionEndEventData eventData)
    {
        if (eventData.Context is TenantDbContext { EventsAwaitCommit: true } context)
        {
            context.EventsAwaitCommit = false;
            Outbox.OutboxSignal.Notify();
        }
    }
}
