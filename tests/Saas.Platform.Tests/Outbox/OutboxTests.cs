using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Saas.Host;
using Saas.Platform.Hosting;
using Saas.Platform.Outbox;
using Saas.Platform.Tests.Tenancy;

namespace Saas.Platform.Tests.Outbox;

public sealed record NoteAdded(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, string Body) : IIntegrationEvent;

/// <summary>Remembers what it handled and in which authority it ran.</summary>
public sealed class RecordingHandler(ICurrentTenant currentTenant) : IIntegrationEventHandler<NoteAdded>
{
    public static readonly ConcurrentBag<(Guid EventId, Guid? RanInTenant, string Body)> Handled = [];

    /// <summary>Bodies whose first N deliveries fail, to test retries.</summary>
    public static readonly ConcurrentDictionary<string, int> FailuresLeft = new();

    public Task HandleAsync(NoteAdded integrationEvent, CancellationToken ct)
    {
        if (FailuresLeft.TryGetValue(integrationEvent.Body, out var left) && left > 0)
        {
            FailuresLeft[integrationEvent.Body] = left - 1;
            throw new InvalidOperationException("temporarily unavailable");
        }

        Handled.Add((integrationEvent.EventId, currentTenant.Id, integrationEvent.Body));
        return Task.CompletedTask;
    }
}

public sealed record SlowJob(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, string Run, string Label, string Waits) : IIntegrationEvent;

/// <summary>
/// A job that stays busy until something happens elsewhere, at most <see cref="Patience"/> (then it gives up and says
/// so in the log): <c>other</c> waits until a job of another authority has finished, <c>sibling</c> until a second job
/// of its own authority has started, <c>none</c> does not wait. Records the order in which jobs start and end, and
/// how many jobs of one authority ran at once.
/// </summary>
public sealed class SlowJobHandler : IIntegrationEventHandler<SlowJob>
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static readonly ConcurrentDictionary<string, Run> Runs = new();

    public async Task HandleAsync(SlowJob integrationEvent, CancellationToken ct)
    {
        var run = Runs[integrationEvent.Run];
        var running = run.InWork.AddOrUpdate(integrationEvent.TenantId, 1, (_, n) => n + 1);
        run.MaxInWork.AddOrUpdate(integrationEvent.TenantId, running, (_, n) => Math.Max(n, running));
        run.Log.Enqueue("start " + integrationEvent.Label);
        if (run.Starts.AddOrUpdate(integrationEvent.TenantId, 1, (_, n) => n + 1) >= 2)
        {
            run.SecondStarted.TrySetResult();
        }

        try
        {
            var awaited = integrationEvent.Waits switch
            {
                "other" => run.OtherFinished.Task,
                "sibling" => run.SecondStarted.Task,
                _ => Task.CompletedTask,
            };
            if (await Task.WhenAny(awaited, Task.Delay(Patience, ct)) != awaited)
            {
                run.Log.Enqueue("gave up waiting " + integrationEvent.Label);
            }
        }
        finally
        {
            run.InWork.AddOrUpdate(integrationEvent.TenantId, 0, (_, n) => n - 1);
            run.Log.Enqueue("end " + integrationEvent.Label);
            if (integrationEvent.Waits == "none")
            {
                run.OtherFinished.TrySetResult();
            }
        }
    }

    public sealed class Run
    {
        public ConcurrentQueue<string> Log { get; } = new();

        public ConcurrentDictionary<Guid, int> InWork { get; } = new();

        public ConcurrentDictionary<Guid, int> MaxInWork { get; } = new();

        public ConcurrentDictionary<Guid, int> Starts { get; } = new();

        public TaskCompletionSource OtherFinished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource SecondStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

[Collection(SharedOutbox.Name)]
public sealed class OutboxTests : IAsyncLifetime
{
    private ServiceProvider services = null!;

    /// <summary>A second host on the same database, as a second replica would be.</summary>
    private ServiceProvider replica = null!;
    private TestDatabase db = null!;

    private ICurrentTenant Current => services.GetRequiredService<ICurrentTenant>();

    private OutboxDispatcher Dispatcher => services.GetRequiredService<OutboxDispatcher>();

    public async Task InitializeAsync()
    {
        db = await KernelNotes.EnsureAsync();
        services = Host(db);
        replica = Host(db);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await replica.DisposeAsync();
    }

    private static ServiceProvider Host(TestDatabase db)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Application"] = db.ApplicationConnectionString,
            ["Outbox:MaxParallel"] = "2",
            ["Outbox:MaxPerTenant"] = "1",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddSaasPlatform(configuration, HostModules.All, HostModules.HostMigrations);
        collection.AddIntegrationEventHandler<NoteAdded, RecordingHandler>();
        collection.AddIntegrationEventHandler<SlowJob, SlowJobHandler>();
        return collection.BuildServiceProvider();
    }

    [Fact]
    public async Task OneAuthoritysLongQueue_DoesNotHoldUpAnothersSingleJob()
    {
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        var run = NewRun();
        // A's three heavy jobs are older than B's one: one queue for all, by age, would do all of A's first, and
        // A1 would wait in vain for B1.
        for (var i = 1; i <= 3; i++)
        {
            await SaveJobAsync(a, run, $"A{i}", "other", DateTimeOffset.UtcNow.AddMinutes(-10 + i));
        }

        await SaveJobAsync(b, run, "B1", "none", DateTimeOffset.UtcNow);

        await services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync();

        var log = SlowJobHandler.Runs[run].Log.ToList();
        var seen = string.Join(", ", log);
        log.ShouldNotContain(l => l.StartsWith("gave up", StringComparison.Ordinal), seen);
        log.Count(l => l.StartsWith("end ", StringComparison.Ordinal)).ShouldBe(4, seen);
        log.IndexOf("end B1").ShouldBeLessThan(log.IndexOf("end A1"), seen);
        log.IndexOf("start A2").ShouldBeGreaterThan(log.IndexOf("end A1"), "A's jobs one after another (Outbox:MaxPerTenant = 1): " + seen);
        await ShouldAllBeHandledOnceAsync(a, b);
    }

    [Fact]
    public async Task AnAuthoritysLimit_HoldsOverTwoReplicasOnOneDatabase()
    {
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        var run = NewRun();
        // Each of A's jobs waits for a second one of A to start beside it: with a limit per host only, the other
        // replica would start it. The first gives up after a while, as it should.
        await SaveJobAsync(a, run, "A1", "sibling", DateTimeOffset.UtcNow.AddMinutes(-2));
        await SaveJobAsync(a, run, "A2", "sibling", DateTimeOffset.UtcNow.AddMinutes(-1));
        await SaveJobAsync(b, run, "B1", "none", DateTimeOffset.UtcNow);

        await Task.WhenAll(
            Task.Run(() => services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync()),
            Task.Run(() => replica.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync()));
        // What a replica left because the other held A's slot is taken at the next sweep.
        await services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync();

        var seen = string.Join(", ", SlowJobHandler.Runs[run].Log);
        SlowJobHandler.Runs[run].MaxInWork[a.Id].ShouldBe(1, "Outbox:MaxPerTenant = 1 over both replicas: " + seen);
        await ShouldAllBeHandledOnceAsync(a, b);
    }

    private static string NewRun()
    {
        var run = Guid.NewGuid().ToString("N");
        SlowJobHandler.Runs[run] = new SlowJobHandler.Run();
        return run;
    }

    private async Task ShouldAllBeHandledOnceAsync(params TenantInfo[] tenants)
    {
        foreach (var tenant in tenants)
        {
            (await CountAsync(tenant, "SELECT count(*) FROM platform.outbox_messages WHERE dispatched_at IS NULL")).ShouldBe(0);
            (await CountAsync(tenant, "SELECT count(*) FROM platform.outbox_messages WHERE attempts <> 1")).ShouldBe(0, "each job was handled once");
        }
    }

    private async Task SaveJobAsync(TenantInfo tenant, string run, string label, string waits, DateTimeOffset occurredAt)
    {
        using (Current.Begin(tenant))
        {
            await using var context = Context();
            context.AddIntegrationEvent(new SlowJob(Guid.NewGuid(), tenant.Id, occurredAt, run, label, waits));
            await context.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task EventSavedWithTheChange_IsDeliveredOnce_InsideItsAuthority()
    {
        var tenant = await TestTenants.CreateAsync(db);
        var body = "note-" + Guid.NewGuid();
        var eventId = await SaveNoteWithEventAsync(tenant, body);

        await Dispatcher.DispatchPendingAsync();
        await Dispatcher.DispatchPendingAsync();

        var handled = RecordingHandler.Handled.Where(h => h.Body == body).ToList();
        handled.ShouldHaveSingleItem().EventId.ShouldBe(eventId);
        handled[0].RanInTenant.ShouldBe(tenant.Id);
    }

    [Fact]
    public async Task AnEventCommittedWhileTheDispatcherFindsNothingDue_IsStillDelivered()
    {
        var tenant = await TestTenants.CreateAsync(db);
        await SaveNoteWithEventAsync(tenant, "first-" + Guid.NewGuid()); // the authority's pending row exists
        var late = "late-" + Guid.NewGuid();
        using (Current.Begin(tenant))
        {
            await using var context = Context();
            await using var tx = await context.Database.BeginTransactionAsync();
            context.Notes.Add(new Note { Body = late });
            context.AddIntegrationEvent(new NoteAdded(Guid.NewGuid(), tenant.Id, DateTimeOffset.UtcNow, late));
            await context.SaveChangesAsync();

            // While this change is still open, a pass delivers the first message and finds nothing else due; it must
            // not forget the authority (it waits for this writer instead of deleting its pending row under it).
            Task<int> pass;
            using (ExecutionContext.SuppressFlow())
            {
                pass = Task.Run(() => Dispatcher.DispatchPendingAsync());
            }

            await Task.WhenAny(pass, Task.Delay(TimeSpan.FromSeconds(3)));
            await tx.CommitAsync();
            await pass;
        }

        await Dispatcher.DispatchPendingAsync();
        RecordingHandler.Handled.ShouldContain(h => h.Body == late, "the message committed during the pass still has its authority's pending row");
    }

    [Fact]
    public async Task ARolledBackChange_WritesNeitherRowNorEvent()
    {
        var tenant = await TestTenants.CreateAsync(db);
        var body = "rollback-" + Guid.NewGuid();
        using (Current.Begin(tenant))
        {
            await using var context = Context();
            await using var tx = await context.Database.BeginTransactionAsync();
            context.Notes.Add(new Note { Body = body });
            context.AddIntegrationEvent(new NoteAdded(Guid.NewGuid(), tenant.Id, DateTimeOffset.UtcNow, body));
            await context.SaveChangesAsync();
            await tx.RollbackAsync();
        }

        await Dispatcher.DispatchPendingAsync();
        RecordingHandler.Handled.ShouldNotContain(h => h.Body == body);
        (await CountAsync(tenant, "SELECT count(*) FROM platform.outbox_messages")).ShouldBe(0);
    }

    [Fact]
    public async Task AFailingHandler_IsRetriedLater_AndSucceeds()
    {
        var tenant = await TestTenants.CreateAsync(db);
        var body = "flaky-" + Guid.NewGuid();
        RecordingHandler.FailuresLeft[body] = 1;
        await SaveNoteWithEventAsync(tenant, body);

        await Dispatcher.DispatchPendingAsync();
        RecordingHandler.Handled.ShouldNotContain(h => h.Body == body);
        (await CountAsync(tenant, "SELECT count(*) FROM platform.outbox_messages WHERE attempts = 1 AND last_error IS NOT NULL")).ShouldBe(1);

        // Back-off: make the retry due now instead of waiting for it.
        await ExecuteAsync(tenant, "UPDATE platform.outbox_messages SET next_attempt_at = now()");
        await Dispatcher.DispatchPendingAsync();
        RecordingHandler.Handled.ShouldContain(h => h.Body == body);
    }

    [Fact]
    public async Task ARedeliveredMessage_IsNotHandledTwice()
    {
        var tenant = await TestTenants.CreateAsync(db);
        var body = "again-" + Guid.NewGuid();
        await SaveNoteWithEventAsync(tenant, body);
        await Dispatcher.DispatchPendingAsync();

        // As after a crash between handling and marking: the message is pending again.
        await ExecuteAsync(tenant, "UPDATE platform.outbox_messages SET dispatched_at = NULL; INSERT INTO platform.outbox_pending VALUES (platform.current_tenant_id()) ON CONFLICT DO NOTHING");
        await Dispatcher.DispatchPendingAsync();

        RecordingHandler.Handled.Count(h => h.Body == body).ShouldBe(1);
    }

    [Fact]
    public async Task AnEventForAnotherAuthority_CannotBeSavedInThisOne()
    {
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        using (Current.Begin(a))
        {
            await using var context = Context();
            context.AddIntegrationEvent(new NoteAdded(Guid.NewGuid(), b.Id, DateTimeOffset.UtcNow, "fremd"));
            await Should.ThrowAsync<TenantIsolationException>(() => context.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task TenantB_SeesNoneOfAsOutboxMessages()
    {
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        await SaveNoteWithEventAsync(a, "a-" + Guid.NewGuid());
        using (Current.Begin(b))
        {
            await using var context = Context();
            (await context.Set<OutboxMessage>().CountAsync()).ShouldBe(0);
            (await context.Set<OutboxMessage>().IgnoreQueryFilters().CountAsync()).ShouldBe(0, "RLS hides them even without the filter");
        }
    }

    private NotesDbContext Context() =>
        KernelNotes.CreateContext(services.GetRequiredService<AppDataSource>().DataSource, Current, services.GetRequiredService<TenantSession>());

    private async Task<Guid> SaveNoteWithEventAsync(TenantInfo tenant, string body)
    {
        var id = Guid.NewGuid();
        using (Current.Begin(tenant))
        {
            await using var context = Context();
            context.Notes.Add(new Note { Body = body });
            context.AddIntegrationEvent(new NoteAdded(id, tenant.Id, DateTimeOffset.UtcNow, body));
            await context.SaveChangesAsync();
        }

        return id;
    }

    private async Task<long> CountAsync(TenantInfo tenant, string sql)
    {
        using (Current.Begin(tenant))
        {
            await using var connection = await services.GetRequiredService<AppDataSource>().OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, connection);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
    }

    private async Task ExecuteAsync(TenantInfo tenant, string sql)
    {
        using (Current.Begin(tenant))
        {
            await using var connection = await services.GetRequiredService<AppDataSource>().OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, connection);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
