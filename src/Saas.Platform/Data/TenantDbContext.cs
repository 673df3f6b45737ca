using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Saas.Platform.Tenancy;

namespace Saas.Platform.Data;

/// <summary>
/// Base of every module's DbContext: the application wall of tenant isolation. A named query filter limits
/// every tenant-owned entity to the current tenant, and saving stamps new rows with the current tenant and
/// throws when there is none or when a row belongs to another tenant. The database wall (RLS) stands behind it.
/// </summary>
public abstract class TenantDbContext(DbContextOptions options, ICurrentTenant currentTenant) : DbContext(options)
{
    /// <summary>Name of the query filter, so that a platform job could disable it explicitly and visibly.</summary>
    public const string TenantFilterName = "Tenant";

    /// <summary>Read by the query filter on every query; EF sends it as a parameter.</summary>
    public Guid CurrentTenantId => currentTenant.Id ?? Guid.Empty;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        var self = Expression.Constant(this);
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().ToList())
        {
            if (entityType.BaseType is not null || !typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType))
            {
                continue;
            }

            var row = Expression.Parameter(entityType.ClrType, "row");
            var filter = Expression.Lambda(
                Expression.Equal(
                    Expression.Property(row, nameof(ITenantOwned.TenantId)),
                    Expression.Property(self, nameof(CurrentTenantId))),
                row);
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(TenantFilterName, filter);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void StampTenant()
    {
        var tenantId = currentTenant.Id;
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (tenantId is null)
            {
                throw new TenantIsolationException(
                    $"No tenant is set: {entry.Metadata.ClrType.Name} is tenant-owned and cannot be written.");
            }

            var property = entry.Property(nameof(ITenantOwned.TenantId));
            if (entry.State == EntityState.Added && (Guid)property.CurrentValue! == Guid.Empty)
            {
                property.CurrentValue = tenantId.Value;
                continue;
            }

            if ((Guid)property.CurrentValue! != tenantId.Value
                || (entry.State != EntityState.Added && (Guid)property.OriginalValue! != tenantId.Value))
            {
                throw new TenantIsolationException(
                    $"{entry.Metadata.ClrType.Name} belongs to another tenant than the current one and cannot be written.");
            }
        }
    }
}
