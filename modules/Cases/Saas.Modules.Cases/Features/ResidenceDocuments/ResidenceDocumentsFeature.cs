using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.ResidenceDocuments;

/// <summary>Residence titles and passports in the file (issue 12, item 4; docs/adr/0022).</summary>
internal static class ResidenceDocumentsFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<RecordResidenceTitle>();
        services.AddScoped<RecordPassport>();
        services.AddScoped<ReadResidenceDocuments>();
        services.AddScoped<FindExpiringResidenceDocuments>();
        services.AddScoped<IResidenceDocuments, ResidenceDocumentsContract>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => ResidenceDocumentsEndpoints.Map(endpoints);
}
