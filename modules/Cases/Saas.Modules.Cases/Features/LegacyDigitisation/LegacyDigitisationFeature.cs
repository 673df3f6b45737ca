namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>
/// Digitisation of the paper files by a scanning company (docs/legacy-digitisation.md): boxes, the import of
/// returned scans with their protocol, the quality check by sample, and the scan protocol of each delivery; staff
/// only, under <c>/api/cases/legacy</c> and <c>/workbench/legacy</c>. The module calls these two lines (docs/adr/0012).
/// </summary>
internal static class LegacyDigitisationFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<CreateBox>();
        services.AddScoped<ListBoxes>();
        services.AddScoped<ReadBox>();
        services.AddScoped<SendBox>();
        services.AddScoped<MarkBoxReturned>();
        services.AddScoped<ImportReturnedScans>();
        services.AddScoped<ReadBatch>();
        services.AddScoped<RecordQaFindings>();
        services.AddScoped<ReadProtocol>();
        services.AddScoped<RejectedDeliveries>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases/legacy").WithTags("e-Akte: Altaktendigitalisierung").RequireAuthorization(SaasPolicies.Staff);
        BoxEndpoints.Map(group);
        ScanImportEndpoints.Map(group);
        QaEndpoints.Map(group);
    }
}
