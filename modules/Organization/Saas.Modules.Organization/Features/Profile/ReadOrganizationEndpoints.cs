using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Organization.Features.Profile;

/// <summary>The answer of the module's liveness probe.</summary>
internal sealed record ModulePing(string Module);

/// <summary>
/// Public read endpoints of the authority's organisation (what the portal shows), and the staff lookup. The plain
/// reads are the directory's (the contract other modules and the portal use); what has a rule or an audit record
/// is a use case.
/// </summary>
internal static class ReadOrganizationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/organization").WithTags("Organization");

        group.MapGet("/profile", async Task<Ok<AuthorityProfile>> (IOrganizationDirectory directory, CancellationToken ct) =>
            TypedResults.Ok(await directory.GetProfileAsync(ct) ?? throw OrganizationProblems.NotFound("profile")));

        group.MapGet("/locations", async Task<Ok<IReadOnlyList<LocationInfo>>> (IOrganizationDirectory directory, CancellationToken ct) =>
            TypedResults.Ok(await directory.GetLocationsAsync(ct)));

        group.MapGet("/locations/{key}", async Task<Ok<LocationInfo>> (
            string key, IOrganizationDirectory directory, CancellationToken ct) =>
            TypedResults.Ok(await directory.GetLocationAsync(key, ct) ?? throw OrganizationProblems.NotFound(key)));

        group.MapGet("/units", async Task<Ok<IReadOnlyList<UnitInfo>>> (IOrganizationDirectory directory, CancellationToken ct) =>
            TypedResults.Ok(await directory.GetUnitsAsync(ct)));

        group.MapGet("/holidays", async Task<Ok<IReadOnlyList<HolidayInfo>>> (int? year, ListHolidays holidays, CancellationToken ct) =>
            TypedResults.Ok(await holidays.ExecuteAsync(new ListHolidaysRequest(year), ct)));

        group.MapGet("/responsible", async Task<Ok<ResponsibleCaseworkerView>> (
            string unit, string surname, FindResponsibleCaseworker find, CancellationToken ct) =>
            TypedResults.Ok(await find.ExecuteAsync(new FindResponsibleCaseworkerRequest(unit, surname), ct)))
            .RequireAuthorization(SaasPolicies.Staff);

        group.MapGet("/ping", () => TypedResults.Ok(new ModulePing(OrganizationModule.ModuleName)))
            .ExcludeFromDescription();
    }
}
