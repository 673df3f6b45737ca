using Saas.Modules.Appointments.Features.Definitions;
using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Appointments.Pages.Termine;

/// <summary>The portal's first booking page: what the authority offers appointments for, by location (as <c>GET /api/appointments/types</c>).</summary>
internal sealed class IndexModel(AppointmentTypeCatalogue types, IOrganizationDirectory organization) : BookingPage
{
    public IReadOnlyList<(LocationInfo? Location, string Key, IReadOnlyList<AppointmentTypeDefinition> Types)> ByLocation { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var locations = (await organization.GetLocationsAsync(ct)).ToDictionary(l => l.Key, StringComparer.Ordinal);
        ByLocation = [.. (await types.ListAsync(ct)).Where(t => t.OnlineSeats > 0)
            .GroupBy(t => t.Location, StringComparer.Ordinal)
            .Select(g => (locations.GetValueOrDefault(g.Key), g.Key, (IReadOnlyList<AppointmentTypeDefinition>)[.. g.OrderBy(t => t.Name, StringComparer.CurrentCulture)]))
            .OrderBy(g => g.Item1?.Name ?? g.Key, StringComparer.CurrentCulture)];
    }
}
