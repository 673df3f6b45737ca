using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Saas.Modules.Appointments.Features.CallSystem;
using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Appointments.Pages.Geraete;

/// <summary>
/// The check-in kiosk of a location (issue 15, item 5): scan the confirmation's QR code (a scanner types it into the
/// field) or type the booking code, or draw a ticket for a service without an appointment; the ticket's number and
/// waiting zone are shown large, then the kiosk is ready for the next person.
/// </summary>
internal sealed class KioskModel(CallSystems systems, IOrganizationDirectory organization, IConfiguration configuration) : DevicePage(systems, configuration)
{
    /// <summary>The languages the kiosk offers at its top (the portal's applicant languages).</summary>
    public static readonly IReadOnlyList<string> KioskLanguages = ["de", "en", "tr", "ar", "fa", "uk", "ru"];

    public string LocationName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        var place = await organization.GetLocationAsync(System.Location, ct);
        LocationName = ConfiguredText.LocationName(place, System.Location);
        return Page();
    }
}
