namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>
/// Digitisation of the paper files by a scanning company, staff only, under <c>/api/cases/legacy</c>
/// (docs/legacy-digitisation.md): boxes, the import of returned scans with their protocol, the quality check
/// by sample, and the scan protocol of each delivery.
/// </summary>
internal static class LegacyDigitisationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases/legacy").WithTags("e-Akte: Altaktendigitalisierung").RequireAuthorization(SaasPolicies.Staff);
        BoxEndpoints.Map(group);
        ScanImportEndpoints.Map(group);
        QaEndpoints.Map(group);
    }
}
