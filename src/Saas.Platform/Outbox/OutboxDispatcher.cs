using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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

/// <summary>How much background work one host does at once (section <c>Outbox</c>), and how much of it one authority may take.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// Messages this host delivers at the same time, over all authorities. Each holds two database connections while
    /// its handler runs (the claim and the handler's own), so keep it at most half the pool.
    /// </summary>
    public int MaxParallel { get; set; } = 4;

    /// <summary>
    /// Messages of one authority delivered at the same time over all replicas (a lock per slot in the database). With 1,
    /// an authority's messages are handled one after another, in order; a batch of heavy OCR jobs of one authority then
    /// takes one slot and leaves the others to the other authorities.
    /// </summary>
    public int MaxPerTenant { get; set; } = 1;

    public IEnumerable<string> Problems()
    {
        if (MaxParallel < 1 || MaxPerTenant < 1)
        {
            yield return "Outbox:MaxParallel and Outbox:MaxPerTenant must be at least 1.";
        }
    }
}

/// <summary>
/// Delivers outbox messages in process, at least once: woken right after a commit that wrote events, and every
/// few seconds for what is left (a crash between commit and delivery, retries, other replicas' messages).
/// Fair between authorities: each pass takes one message of each authority with pending work in turn (round robin),
/// up to <see cref="OutboxOptions.MaxParallel"/> at once, so one authority's long queue of OCR jobs does not hold up
/// another's single batch. One authority never has more than <see cref="OutboxOptions.MaxPerTenant"/> messages in
/// work over all replicas: each delivery first takes one of the authority's slots, a transaction-scoped advisory lock
/// in PostgreSQL (released by commit, rollback or a lost connection), and claims its message with SKIP LOCKED.
/// Each message is delivered in its own transaction inside its authority's scope; each handler's success is recorded
/// in the inbox so that a redelivered message is not handled twice; failures are retried with exponential back-off
/// and dead-lettered after <see cref="MaxAttempts"/>.
/// </summary>
public sealed class OutboxDispatcher(IServiceProvider services, AppDataSource db, ICurrentTenant currentTenant, ITenantCatalog catalog, TimeProvider clock,
    IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    public const int MaxAttempts = 5;
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(5);

    /// <summary>What one attempt to deliver a message of an authority found.</summary>
    private enum Outcome
    {
        /// <summary>A message was handled or its failure recorded: the authority may have more.</summary>
        Worked,

        /// <summary>Nothing due for the authority (or its messages are all claimed by other replicas).</summary>
        Empty,

        /// <summary>All of the authority's slots are taken (by this host or another replica).</summary>
        Busy,
    }

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

    /// <summary>
    /// Works until no authority with pending messages has one due: one message per authority in turn, several at
    /// once. Returns how many messages were handled (successfully or not).
    /// </summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        var rotation = new Queue<TenantInfo>();
        foreach (var id in await PendingTenantsAsync(ct))
        {
            if (await catalog.FindByIdAsync(id, ct) is { } tenant)
            {
                rotation.Enqueue(tenant);
            }
        }

        var running = new Dictionary<Task<Outcome>, TenantInfo>();
        var inWork = new Dictionary<Guid, int>();
        var atCap = new Dictionary<Guid, TenantInfo>();
        var finished = new HashSet<Guid>();
        var worked = 0;
        while (rotation.Count > 0 || running.Count > 0)
        {
            while (running.Count < settings.MaxParallel && rotation.TryDequeue(out var tenant))
            {
                if (finished.Contains(tenant.Id))
                {
                    continue;
                }

                if (inWork.GetValueOrDefault(tenant.Id) >= settings.MaxPerTenant)
                {
                    atCap[tenant.Id] = tenant; // back in turn when one of its deliveries ends
                    continue;
                }

                inWork[tenant.Id] = inWork.GetValueOrDefault(tenant.Id) + 1;
                running[Task.Run(() => DeliverNextAsync(tenant, settings.MaxPerTenant, ct), ct)] = tenant;
                rotation.Enqueue(tenant); // to the back: every other authority gets its turn first
            }

            if (running.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(running.Keys);
            var of = running[done];
            running.Remove(done);
            inWork[of.Id]--;
            var outcome = await done;
            if (outcome == Outcome.Worked)
            {
                worked++;
                if (atCap.Remove(of.Id))
                {
                    rotation.Enqueue(of);
                }
            }
            else
            {
                // Nothing due, or all its slots taken by another replica (which works on it): done for this pass.
                finished.Add(of.Id);
                atCap.Remove(of.Id);
            }
        }

        return worked;
    }

    private async Task<List<Guid>> PendingTenantsAsync(CancellationToken ct)
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

        return tenants;
    }

    /// <summary>Takes one of the authority's slots, claims its oldest due message and delivers it, all in one transaction.</summary>
    private async Task<Outcome> DeliverNextAsync(TenantInfo tenant, int slots, CancellationToken ct)
    {
        try
        {
            using (currentTenant.Begin(tenant))
            {
                return await DeliverNextInScopeAsync(tenant, slots, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Outbox dispatch for authority {Tenant} failed; retrying at the next sweep", tenant.Key);
            return Outcome.Empty;
        }
    }

    private async Task<Outcome> DeliverNextInScopeAsync(TenantInfo tenant, int slots, CancellationToken ct)
    {
        var registry = services.GetService<OutboxHandlerRegistry>();
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (!await TakeSlotAsync(tenant, slots, connection, tx, ct))
        {
            return Outcome.Busy;
        }

        (Guid Id, string Type, string Payload, int Attempts)? claimed = null;
        await using (var claim = new NpgsqlCommand("""
            SELECT id, type, payload::text, attempts FROM platform.outbox_messages
            WHERE dispatched_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now()
            ORDER BY occurred_at LIMIT 1 FOR UPDATE SKIP LOCKED
            """, connection, tx))
        await using (var reader = await claim.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                claimed = (reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3));
            }
        }

        if (claimed is not { } message)
        {
            // First delete (waits for writers that hold the row, see migration 0009), then, in a statement that sees
            // what they committed, put it back if anything is still undelivered: no message is left without its row.
            await using (var empty = new NpgsqlCommand("DELETE FROM platform.outbox_pending WHERE tenant_id = $1", connection, tx))
            {
                empty.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
                await empty.ExecuteNonQueryAsync(ct);
            }

            await using (var again = new NpgsqlCommand("""
                INSERT INTO platform.outbox_pending (tenant_id) SELECT $1
                WHERE EXISTS (SELECT 1 FROM platform.outbox_messages WHERE dispatched_at IS NULL AND dead_at IS NULL)
                ON CONFLICT DO NOTHING
                """, connection, tx))
            {
                again.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
                await again.ExecuteNonQueryAsync(ct);
            }

            await tx.CommitAsync(ct);
            return Outcome.Empty;
        }

        string? error = null;
        try
        {
            await DeliverAsync(registry, tenant, message.Id, message.Type, message.Payload, connection, tx, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = ex.GetType().Name + ": " + ex.Message;
            logger.LogWarning(ex, "Delivering {Type} {Id} failed (attempt {Attempt})", message.Type, message.Id, message.Attempts + 1);
        }

        await using (var update = new NpgsqlCommand(error is null
            ? "UPDATE platform.outbox_messages SET dispatched_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1"
            : "UPDATE platform.outbox_messages SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => power(2, attempts)), dead_at = CASE WHEN attempts + 1 >= $3 THEN now() END WHERE id = $1",
            connection, tx))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = message.Id });
            if (error is not null)
            {
                update.Parameters.Add(new NpgsqlParameter { Value = error });
                update.Parameters.Add(new NpgsqlParameter { Value = MaxAttempts });
            }

            await update.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return Outcome.Worked;
    }

    /// <summary>
    /// One of the authority's <paramref name="slots"/>, as a transaction-scoped advisory lock on (hash of the authority,
    /// slot): shared by every replica on the database, released with the transaction.
    /// </summary>
    private static async Task<bool> TakeSlotAsync(TenantInfo tenant, int slots, NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        for (var slot = 0; slot < slots; slot++)
        {
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtext('outbox:' || $1::text), $2)", connection, tx);
            take.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
            take.Parameters.Add(new NpgsqlParameter { Value = slot });
            if (await take.ExecuteScalarAsync(ct) is true)
            {
                return true;
            }
        }

        return false;
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
