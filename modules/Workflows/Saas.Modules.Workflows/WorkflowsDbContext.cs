namespace Saas.Modules.Workflows;

/// <summary>
/// Workflows' tables (schema <c>workflows</c>). Each feature declares its entities, their configuration and its
/// <c>DbSet</c> in a part of this class in its folder (docs/adr/0012).
/// </summary>
internal sealed partial class WorkflowsDbContext(DbContextOptions<WorkflowsDbContext> options) : TenantDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowsDbContext).Assembly);
        base.OnModelCreating(modelBuilder);
    }
}
