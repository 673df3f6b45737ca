using Saas.Modules.Workflows.Features.Deadlines;
using Saas.Modules.Workflows.Features.Instances;
using Saas.Modules.Workflows.Features.Tasks;

namespace Saas.Modules.Workflows;

internal sealed partial class WorkflowsDbContext
{
    public DbSet<ProcessInstance> Instances => Set<ProcessInstance>();

    public DbSet<ProcessStep> Steps => Set<ProcessStep>();

    public DbSet<DeadlineRecord> Deadlines => Set<DeadlineRecord>();

    public DbSet<WorkTask> Tasks => Set<WorkTask>();

    public DbSet<CardOrder> CardOrders => Set<CardOrder>();
}
