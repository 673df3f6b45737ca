namespace Saas.Modules.Fees;

/// <summary>
/// Fees' tables (schema <c>fees</c>). Each feature declares its entities, their configuration and its <c>DbSet</c> in
/// a part of this class in its folder (docs/adr/0012).
/// </summary>
internal sealed partial class FeesDbContext(DbContextOptions<FeesDbContext> options) : TenantDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FeesDbContext).Assembly);
        base.OnModelCreating(modelBuilder);
    }
}
