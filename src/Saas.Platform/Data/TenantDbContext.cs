using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Saas.Platform.Data;

/// <summary>
/// Base of every module's DbContext: the application wall of tenant isolation. A named query filter limits
/// every tenant-owned entity to the current tenant, and saving stamps new rows with the current tenant and
/// throws when there is none or when a row belongs to another tenant. The database wall (RLS) stands behind it.
/// </summary>
public abstract class TenantDbContext(DbContextOptions options) : DbContext(options)
{
    private ICurrentTenant? currentTenant;

    /// <summary>Name of the query filter, so that a platform job could disable it explicitly and visibly.</summary>
    public const string TenantFilterName = "Tenant";

    /// <summary>
    /// The tenant this context works for, fixed when it is handed out (a context serves one request or one job
    /// step, which runs for one tenant). The query filter reads it; EF sends it as a parameter. Until a tenant
    /// is attached it is empty, so an unattached context reads nothing and cannot write.
    /// </summary>
    private Guid tenantId;

    public Guid CurrentTenantId => tenantId;

    /// <summary>
    /// Binds the context to the current tenant. Called by the platform each time it hands the context out
    /// (contexts are pooled, see <see cref="DataServiceCollectionExtensions.AddTenantDbContext{TContext}"/>).
    /// </summary>
    public void AttachTenant(ICurrentTenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        currentTenant = tenant;
        tenantId = tenant.Id ?? Guid.Empty;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasDbFunction(typeof(TenantSql).GetMethod(nameof(TenantSql.StartsWith))!)
            .HasName("starts_with")
            .IsBuiltIn();

        // Every module context can write integration events in its own transaction (the outbox).
        modelBuilder.Entity<Saas.Platform.Outbox.OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages", "platform");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Payload).HasColumnType("jsonb");
        });
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().ToList())
        {
            if (entityType.BaseType is not null || !typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType))
            {
                continue;
            }

            var self = Expression.Constant(this, typeof(TenantDbContext));
            var row = Expression.Parameter(entityType.ClrType, "row");
            var filter = Expression.Lambda(
                Expression.Equal(
                    Expression.Property(row, nameof(ITenantOwned.TenantId)),
                    Expression.Field(self, nameof(tenantId))),
                row);
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(TenantFilterName, filter);
        }
    }

    /// <summary>Events were saved inside a transaction that has not committed yet.</summary>
    internal bool EventsAwaitCommit { get; set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        var result = base.SaveChanges(acceptAllChangesOnSuccess);
        Saas.Platform.Outbox.OutboxSignal.Notify();
        return result;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        var events = ChangeTracker.Entries<Saas.Platform.Outbox.OutboxMessage>().Any(e => e.State == EntityState.Added);
        var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (events && Database.CurrentTransaction is null)
        {
            Saas.Platform.Outbox.OutboxSignal.Notify();
        }
        else if (events)
        {
            EventsAwaitCommit = true; // OutboxCommitSignal wakes the dispatcher once the transaction commits
        }

        return result;
    }

    private void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var current = currentTenant?.Id;
            if (current is null || tenantId == Guid.Empty)
            {
                throw new TenantIsolationException(
                    $"No tenant is set: {entry.Metadata.ClrType.Name} is tenant-owned and cannot be written.");
            }

            if (current != tenantId)
            {
                throw new TenantIsolationException("This context was created for another tenant than the current one.");
            }

            var property = entry.Property(nameof(ITenantOwned.TenantId));
            if (entry.State == EntityState.Added && (Guid)property.CurrentValue! == Guid.Empty)
            {
                property.CurrentValue = tenantId;
                continue;
            }

            if ((Guid)property.CurrentValue! != tenantId
                || (entry.State != EntityState.Added && (Guid)property.OriginalValue! != tenantId))
            {
                throw new TenantIsolationException(
                    $"{entry.Metadata.ClrType.Name} belongs to another tenant than the current one and cannot be written.");
            }
        }
    }
}
