namespace Saas.Modules.Cases.Features.Documents;

/// <summary>The documents feature's services and endpoints; the module calls these two lines (docs/adr/0012).</summary>
internal static class DocumentsFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<UploadDocument>();
        services.AddScoped<Contracts.ICaseDocuments, CaseDocuments>();
        services.AddScoped<ReadDocument>();
        services.AddScoped<OpenDocumentContent>();
        services.AddScoped<EditDocumentDetails>();
        services.AddScoped<MoveDocument>();
        services.AddScoped<FindMoveTargets>();
        services.AddScoped<ReadMoveTarget>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => DocumentEndpoints.Map(endpoints);
}
