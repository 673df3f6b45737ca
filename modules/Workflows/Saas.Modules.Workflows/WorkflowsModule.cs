using Microsoft.Extensions.Configuration;
using Saas.Modules.Workflows.Features.Definitions;

namespace Saas.Modules.Workflows;

/// <summary>
/// Processes as metadata (docs/adr/0024): an authority describes how its cases move — states, transitions with
/// guards, actions, deadlines with escalations — in <c>process</c> documents; this module runs them for the e-Akte's
/// cases (which it reaches only through the Cases contracts, docs/adr/0014), gives tasks to units' queues and keeps
/// each running case on the version it started with.
/// </summary>
public sealed class WorkflowsModule : IModule
{
    public const string ModuleName = "workflows";

    public string Name => ModuleName;

    public IReadOnlyList<SqlMigration> Migrations { get; } = SqlMigration.FromEmbeddedResources(typeof(WorkflowsModule).Assembly, ModuleName);

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<WorkflowsDbContext>();
        services.AddOptions<WorkflowsOptions>().Bind(configuration.GetSection(WorkflowsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        DefinitionsFeature.AddServices(services);
        Features.Instances.InstancesFeature.AddServices(services);
        Features.Deadlines.DeadlinesFeature.AddServices(services);
        Features.Versions.VersionsFeature.AddServices(services);
        Features.Diagram.DiagramFeature.AddServices(services);
        Features.Tasks.TasksFeature.AddServices(services);
        services.AddScoped<IModuleSamples, Features.Samples.WorkflowsSamples>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        DefinitionsFeature.Map(endpoints);
        Features.Instances.InstancesFeature.Map(endpoints);
        Features.Deadlines.DeadlinesFeature.Map(endpoints);
        Features.Versions.VersionsFeature.Map(endpoints);
        Features.Diagram.DiagramFeature.Map(endpoints);
        Features.Tasks.TasksFeature.Map(endpoints);
    }

    public void RegisterMetadataKinds(IMetadataKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        kinds.Add(ProcessKind.Create());
    }
}
