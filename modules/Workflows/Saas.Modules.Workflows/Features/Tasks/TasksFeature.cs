namespace Saas.Modules.Workflows.Features.Tasks;

/// <summary>Tasks and work queues: my queue, a unit's queue, claiming, the backlog, task forces, campaigns (docs/adr/0012, 0026).</summary>
internal static class TasksFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<TaskQueue>();
        services.AddScoped<ReadMyQueue>();
        services.AddScoped<ReadUnitQueue>();
        services.AddScoped<ReadTask>();
        services.AddScoped<ClaimTask>();
        services.AddScoped<ReleaseTask>();
        services.AddScoped<ReassignTask>();
        services.AddScoped<CompleteTask>();
        services.AddScoped<ReadBacklog>();
        services.AddScoped<MoveToTaskForce>();
        services.AddScoped<RunCampaign>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => TasksEndpoints.Map(endpoints);
}
