namespace Saas.Modules.Workflows.Features.Diagram;

/// <summary>Processes as diagrams: the BPMN export and the admin area's page that draws it (docs/adr/0012, 0025).</summary>
internal static class DiagramFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<ExportProcessBpmn>();
        services.AddScoped<ReadProcessDiagram>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => DiagramEndpoints.Map(endpoints);
}
