using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Saas.Modules.Organization.Contracts;
using Saas.Platform.Audit;
using Saas.Platform.Identity;

namespace Saas.Modules.Organization.Features.Profile;

/// <summary>Public read endpoints of the authority's organisation (what the portal shows), and the staff lookup.</summary>
internal static class ReadOrganizationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/organization").WithTags("Organization");

        group.MapGet("/profile", async (IOrganizationDirectory directory, CancellationToken ct) =>
            await directory.GetProfileAsync(ct) is { } profile ? Results.Ok(profile) : NotFound("profile"));

        group.MapGet("/locations", async (IOrganizationDirectory directory, CancellationToken ct) =>
            Results.Ok(await directory.GetLocationsAsync(ct)));

        group.MapGet("/locations/{key}", async (string key, IOrganizationDirectory directory, CancellationToken ct) =>
            await directory.GetLocationAsync(key, ct) is { } location ? Results.Ok(location) : NotFound(key));

        group.MapGet("/units", async (IOrganizationDirectory directory, CancellationToken ct) =>
            Results.Ok(await directory.GetUnitsAsync(ct)));

        group.MapGet("/holidays", async (int? year, IOrganizationDirectory directory, TimeProvider clock, CancellationToken ct) =>
        {
            var y = year ?? clock.GetUtcNow().Year;
            if (y is < 1990 or > 2100)
            {
                throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-year",
                    new LocalizedText("problem.invalid-year"),
                    $"year={y.ToString(CultureInfo.InvariantCulture)}");
            }

            return Results.Ok(await directory.GetHolidaysAsync(y, ct));
        });

        group.MapGet("/responsible", async (string unit, string surname, IOrganizationDirectory directory, IAuditTrail audit, CancellationToken ct) =>
        {
            // A surname is personal data: who looked up whom is recorded.
            await audit.RecordAsync(new AuditEntry("organization.responsible.read", "surname", null, $"unit {unit}", PersonalData: true), ct);
            return await directory.FindResponsibleCaseworkerAsync(unit, surname, ct) is { } caseworker
                ? Results.Ok(new { unit, caseworker })
                : NotFound($"{unit}/{surname}");
        })
            .RequireAuthorization(SaasPolicies.Staff);

        group.MapGet("/ping", () => Results.Ok(new { module = OrganizationModule.ModuleName }))
            .ExcludeFromDescription();
    }

    private static IResult NotFound(string what) =>
        throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
            new LocalizedText("problem.not-found.profile"), what);
}
