namespace Saas.Modules.Organization.Features.Profile;

/// <summary>Reading the authority's organisation: services and endpoints; the module calls these two lines (docs/adr/0012).</summary>
internal static class ProfileFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<ListHolidays>();
        services.AddScoped<FindResponsibleCaseworker>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => ReadOrganizationEndpoints.Map(endpoints);
}
