namespace Saas.Modules.Organization.Features.EditOrganization;

/// <summary>Editing the organisation documents: services and endpoints; the module calls these two lines (docs/adr/0012).</summary>
internal static class EditOrganizationFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<ListOrganizationDocuments>();
        services.AddScoped<OpenOrganizationDocument>();
        services.AddScoped<SaveOrganizationDocument>();
        services.AddScoped<PublishOrganizationDrafts>();
        services.AddScoped<ReadDocumentHistory>();
        services.AddScoped<DiffOrganizationDocument>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => EditOrganizationEndpoints.Map(endpoints);
}
