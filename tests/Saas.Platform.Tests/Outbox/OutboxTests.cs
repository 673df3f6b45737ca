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

public sealed class OutboxTests : IAsyncLifetime
{
    private ServiceProvider services = null!;
    private TestDatabase db = null!;

    private ICurrentTenant Current => services.GetRequiredService<ICurrentTenant>();

    private OutboxDispatcher Dispatcher => services.GetRequiredService<OutboxDispatcher>();

    public async Task InitializeAsync()
    {
        db = await KernelNotes.EnsureAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Application"] = db.ApplicationConnectionString }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddSaasPlatform(configuration, HostModules.All, HostModules.HostMigrations);
        collection.AddIntegrationEventHandler<NoteAdded, RecordingHandler>();
        services = collection.BuildServiceProvider();
    }

    public async Task DisposeAsync() => await services.DisposeAsync();

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
