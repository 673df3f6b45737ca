namespace Saas.Modules.Cases.Features.Text;

/// <summary>The text feature's services and endpoints; the module calls these two lines (docs/adr/0012).</summary>
internal static class TextFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddIntegrationEventHandler<Contracts.DocumentAdded, TextExtractionHandler>();
        services.AddScoped<ReadTextStatus>();
        services.AddScoped<RetryTextExtraction>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => TextStatusEndpoints.Map(endpoints);
}
