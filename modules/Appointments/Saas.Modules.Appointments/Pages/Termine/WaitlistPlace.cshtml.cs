using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Appointments.Features.Waitlist;

namespace Saas.Modules.Appointments.Pages.Termine;

/// <summary>A place on the waitlist by its link (as <c>GET /api/appointments/waitlist/{token}</c>): its days and state, and withdrawing it.</summary>
internal sealed class WaitlistPlaceModel(WaitlistEntries entries) : BookingPage
{
    public WaitlistView Place { get; private set; } = null!;

    /// <summary>What just happened (after the redirect): eingetragen, ausgetragen.</summary>
    [FromQuery(Name = "erledigt")]
    public string? Done { get; set; }

    public async Task OnGetAsync(string token, CancellationToken ct) => Place = await entries.ReadAsync(token, ct);

    public async Task<IActionResult> OnPostWithdrawAsync(string token, CancellationToken ct)
    {
        await entries.WithdrawAsync(token, ct);
        return RedirectToPage(new { token, erledigt = "ausgetragen" });
    }
}
