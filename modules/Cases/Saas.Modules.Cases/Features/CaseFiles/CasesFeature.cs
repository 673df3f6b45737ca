using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>The cases (Vorgänge) of a file: services and endpoints (docs/adr/0012, 0014).</summary>
internal static class CasesFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<OpenCase>();
        services.AddScoped<CloseCase>();
        services.AddScoped<FileDocumentIntoCase>();
        services.AddScoped<ICaseRecords, CaseRecords>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => CaseEndpoints.Map(endpoints);
}
