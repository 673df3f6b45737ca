using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Saas.Modules.Appointments.Features.CallSystem;

namespace Saas.Modules.Appointments.Pages.Geraete;

/// <summary>
/// The call display of a waiting zone (issue 15, item 5): the latest call in large text with its counter, the calls
/// before it, a gong on every call; it follows the zone's server-sent events and reconnects on its own.
/// </summary>
internal sealed class DisplayModel(CallSystems systems, IConfiguration configuration) : DevicePage(systems, configuration)
{
    [FromRoute(Name = "zone")]
    public string ZoneKey { get; set; } = "";

    public CallZone Zone { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (System.Zone(ZoneKey) is not { } zone)
        {
            return NotFound();
        }

        Zone = zone;
        return Page();
    }
}
