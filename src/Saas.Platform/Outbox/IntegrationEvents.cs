namespace Saas.Platform.Outbox;

/// <summary>A fact one module tells the others. Every event carries the authority it belongs to.</summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    Guid TenantId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>Handles one kind of event. Runs inside the event's authority; may run again after a crash, so be idempotent.</summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken ct);
}

/// <summary>An integration event waiting in the outbox (table platform.outbox_messages, tenant-owned).</summary>
public sealed class OutboxMessage : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string Type { get; set; } = "";

    public string Payload { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public DateTimeOffset? DeadAt { get; set; }

    public string? LastError { get; set; }

    public static OutboxMessage From(IIntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return new OutboxMessage
        {
            Id = integrationEvent.EventId,
            TenantId = integrationEvent.TenantId,
            Type = TypeName(integrationEvent.GetType()),
            Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), JsonOptions),
            OccurredAt = integrationEvent.OccurredAt,
            // Due at once. Retries are scheduled by the database's clock (now() + backoff), so a new message must not wait
            // for the writer's clock: a replica (or a test's moved clock) ahead of the database would hold it back.
            NextAttemptAt = DateTimeOffset.UnixEpoch,
        };
    }

    internal static string TypeName(Type type) => type.FullName ?? type.Name;

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

public static class OutboxExtensions
{
    /// <summary>Adds an event to the context's unit of work: SaveChanges writes it with the change, or neither.</summary>
    public static void AddIntegrationEvent(this TenantDbContext context, IIntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Set<OutboxMessage>().Add(OutboxMessage.From(integrationEvent));
    }
}

/// <summary>Wakes the dispatcher after a commit that wrote events (in this process; other replicas poll).</summary>
public static class OutboxSignal
{
    private static readonly SemaphoreSlim Signal = new(0, int.MaxValue);

    public static void Notify()
    {
        if (Signal.CurrentCount == 0)
        {
            Signal.Release();
        }
    }

    internal static Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => Signal.WaitAsync(timeout, ct);
}
