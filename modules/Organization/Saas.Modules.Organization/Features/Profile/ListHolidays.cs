using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Organization.Features.Profile;

/// <summary>A year of public holidays; this year when none is given.</summary>
internal sealed record ListHolidaysRequest(int? Year);

/// <summary>The authority's public holidays of one year (1990–2100; another year is refused with <c>invalid-year</c>).</summary>
internal sealed class ListHolidays(IOrganizationDirectory directory, TimeProvider clock)
{
    public async Task<IReadOnlyList<HolidayInfo>> ExecuteAsync(ListHolidaysRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var year = request.Year ?? clock.GetUtcNow().Year;
        if (year is < 1990 or > 2100)
        {
            throw OrganizationProblems.InvalidYear(year);
        }

        return await directory.GetHolidaysAsync(year, ct);
    }
}
