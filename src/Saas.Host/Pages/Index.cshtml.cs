using Saas.Modules.Organization.Contracts;

namespace Saas.Host.Pages;

/// <summary>The platform's start page lists the authorities; an authority's start page is its public portal.</summary>
public sealed class IndexModel(ITenantCatalog catalog, IServiceProvider services, TimeProvider clock) : PageModel
{
    public TenantInfo? Tenant { get; private set; }

    public IReadOnlyList<TenantInfo> Authorities { get; private set; } = [];

    public AuthorityProfile? Profile { get; private set; }

    public IReadOnlyList<LocationInfo> Locations { get; private set; } = [];

    public IReadOnlyList<HolidayInfo> UpcomingHolidays { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Tenant = HttpContext.GetTenant();
        if (Tenant is null)
        {
            Authorities = await catalog.ListAsync(ct);
            return;
        }

        if (!Tenant.IsModuleEnabled("organization"))
        {
            return;
        }

        var directory = services.GetRequiredService<IOrganizationDirectory>();
        Profile = await directory.GetProfileAsync(ct);
        Locations = await directory.GetLocationsAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var holidays = (await directory.GetHolidaysAsync(today.Year, ct)).Concat(await directory.GetHolidaysAsync(today.Year + 1, ct));
        UpcomingHolidays = holidays.Where(h => h.Date >= today && !h.RegionalOnly).Take(4).ToList();
    }
}
