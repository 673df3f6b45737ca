using Microsoft.Extensions.Hosting;

namespace Saas.Platform.Outbox;

/// <summary>Which handlers exist for which event type (registered explicitly, no scanning).</summary>
public sealed class OutboxHandlerRegistry
{
    private readonly Dictionary<string, (Type EventType, List<Type> Handlers)> byType = new(StringComparer.Ordinal);

    internal void Add(Type eventType, Type handlerType)
    {
        var name = OutboxMessage.TypeName(eventType);
        if (!byType.TryGetValue(name, out var entry))
        {
            entry = (eventType, []);
            byType[name] = entry;
        }

        entry.Handlers.Add(handlerType);
    }

    internal (Type EventType, List<Type> Handlers)? Find(string typeName) => byType.TryGetValue(typeName, out var entry) ? entry : null;
}

public static class OutboxServiceCollectionExtensions
{
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        var registry = (OutboxHandlerRegistry?)services.FirstOrDefault(d => d.ServiceType == typeof(OutboxHandlerRegistry))?.ImplementationInstance;
        if (registry is null)
        {
            registry = new OutboxHandlerRegistry();
            services.AddSingleton(registry);
        }

        registry.Add(typeof(TEvent), typeof(THandler));
        return services;
    }
}

/// <summary>
/// Delivers outbox messages in process, at least once: woken right after a commit that wrote events, and every
/// few seconds for what is left (a crash between commit and delivery, retries, other replicas' messages).
/// Works authority by authority inside that authority's scope; claims rows with SKIP LOCKED so replicas share the
/// work; records each handler's success in the inbox so that a redelivered message is not handled twice; retries
/// with exponential back-off and dead-letters a message after <see cref="MaxAttempts"/> failures.
/// </summary>
public sealed class OutboxDispatcher(IServiceProvider services, AppDataSource db, ICurrentTenant currentTenant, ITenantCatalog catalog, TimeProvider clock, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    public const int MaxAttempts = 5;
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Outbox dispatch failed; retrying at the next sweep");
            }

            try
            {
                await OutboxSignal.WaitAsync(Sweep, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over every authority with pending messages. Returns how many were delivered.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct = default)
    {
        List<Guid> tenants = [];
        using (currentTenant.BeginPlatformScope())
        {
            await using var connection = await db.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT tenant_id FROM platform.outbox_pending", connection);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tenants.Add(reader.GetGuid(0));
            }
        }

        var delivered = 0;
        foreach (var id in tenants)
        {
            var tenant = await catalog.FindByIdAsync(id, ct);
            if (tenant is null)
            {
                continue;
            }

            using (currentTenant.Begin(tenant))
            {
                delivered += await DispatchTenantAsync(tenant, ct);
            }
        }

        return delivered;
    }

    private async Task<int> DispatchTenantAsync(TenantInfo tenant, CancellationToken ct)
    {
        var registry = services.GetService<OutboxHandlerRegistry>();
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var messages = new List<(Guid Id, string Type, string Payload, int Attempts)>();
        await using (var claim = new NpgsqlCommand("""
            SELECT id, type, payload::text, attempts FROM platform.outbox_messages
            WHERE dispatched_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now()
            ORDER BY occurred_at LIMIT 50 FOR UPDATE SKIP LOCKED
            """, connection, tx))
        await using (var reader = await claim.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                messages.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
            }
        }

        var delivered = 0;
        foreach (var message in messages)
        {
            string? error = null;
            try
            {
                await DeliverAsync(registry, tenant, message.Id, message.Type, message.Payload, connection, tx, ct);
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                error = ex.GetType().Name + ": " + ex.Message;
                logger.LogWarning(ex, "Delivering {Type} {Id} failed (attempt {Attempt})", message.Type, message.Id, message.Attempts + 1);
            }

            await using var update = new NpgsqlCommand(error is null
                ? "UPDATE platform.outbox_messages SET dispatched_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1"
                : "UPDATE platform.outbox_messages SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => power(2, attempts)), dead_at = CASE WHEN attempts + 1 >= $3 THEN now() END WHERE id = $1",
                connection, tx);
            update.Parameters.Add(new NpgsqlParameter { Value = message.Id });
            if (error is not null)
            {
                update.Parameters.Add(new NpgsqlParameter { Value = error });
                update.Parameters.Add(new NpgsqlParameter { Value = MaxAttempts });
            }

            await update.ExecuteNonQueryAsync(ct);
        }

        await using (var done = new NpgsqlCommand("""
            DELETE FROM platform.outbox_pending WHERE tenant_id = $1
            AND NOT EXISTS (SELECT 1 FROM platform.outbox_messages WHERE dispatched_at IS NULL AND dead_at IS NULL)
            """, connection, tx))
        {
            done.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
            await done.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return delivered;
    }

    private async Task DeliverAsync(OutboxHandlerRegistry? registry, TenantInfo tenant, Guid id, string type, string payload, NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        var entry = registry?.Find(type);
        if (entry is null)
        {
            return; // Nobody listens: delivered to no one.
        }

        var integrationEvent = (IIntegrationEvent)JsonSerializer.Deserialize(payload, entry.Value.EventType, OutboxMessage.JsonOptions)!;
        if (integrationEvent.TenantId != tenant.Id)
        {
            throw new TenantIsolationException($"Event {id} names another authority than the one it was stored for.");
        }

        foreach (var handlerType in entry.Value.Handlers)
        {
            var name = handlerType.FullName!;
            await using (var seen = new NpgsqlCommand("SELECT 1 FROM platform.inbox WHERE message_id = $1 AND handler = $2", connection, tx))
            {
                seen.Parameters.Add(new NpgsqlParameter { Value = id });
                seen.Parameters.Add(new NpgsqlParameter { Value = name });
                if (await seen.ExecuteScalarAsync(ct) is not null)
                {
                    continue;
                }
            }

            await using (var scope = services.CreateAsyncScope())
            {
                var handler = scope.ServiceProvider.GetRequiredService(handlerType);
                var method = handlerType.GetMethod("HandleAsync", [entry.Value.EventType, typeof(CancellationToken)])!;
                await ((Task)method.Invoke(handler, [integrationEvent, ct])!);
            }

            await using var record = new NpgsqlCommand("INSERT INTO platform.inbox (tenant_id, message_id, handler, processed_at) VALUES ($1, $2, $3, $4)", connection, tx);
            record.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
            record.Parameters.Add(new NpgsqlParameter { Value = id });
            record.Parameters.Add(new NpgsqlParameter { Value = name });
            record.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            await record.ExecuteNonQueryAsync(ct);
        }
    }
}
