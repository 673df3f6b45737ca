namespace Saas.Modules.Cases.Features.Search;

/// <summary>The search feature's use case and endpoint; the module calls these two lines (docs/adr/0012).</summary>
internal static class SearchFeature
{
    public static void AddServices(IServiceCollection services) => services.AddScoped<SearchDocuments>();

    public static void Map(IEndpointRouteBuilder endpoints) => SearchEndpoints.Map(endpoints);
}
