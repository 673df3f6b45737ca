using Saas.Modules.Workflows.Contracts;

namespace Saas.Modules.Workflows.Features.Instances;

/// <summary>A case's process: start it, read it, take its transitions (docs/adr/0012).</summary>
internal static class InstancesFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<ProcessFacts>();
        services.AddScoped<GuardCheck>();
        services.AddScoped<ProcessRunner>();
        services.AddScoped<StartProcess>();
        services.AddScoped<TakeTransition>();
        services.AddScoped<ReadCaseProcess>();
        services.AddScoped<ICaseProcesses, CaseProcesses>();
        services.AddIntegrationEventHandler<ProcessLetterRequested, Letters.ProduceProcessLetter>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => InstancesEndpoints.Map(endpoints);
}
