using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Appointments.Pages.Termine;

/// <summary>
/// A week of free slots of one appointment type (as <c>GET /api/appointments/availability</c>); a chosen time is reserved
/// (as <c>POST /api/appointments/reservations</c>) and the person goes on to confirm it. A slot someone else just took
/// shows the next free ones instead of an error.
/// </summary>
internal sealed class SlotsModel(AppointmentTypeCatalogue types, ReadAvailability availability, ReserveSlot reserve, IOrganizationDirectory organization, TimeProvider clock)
    : BookingPage
{
    public AppointmentTypeDefinition Type { get; private set; } = null!;

    public LocationInfo? Location { get; private set; }

    public SlotWeek Week { get; private set; } = null!;

    /// <summary>The next free slots after one that was just taken.</summary>
    public IReadOnlyList<SlotView> Alternatives { get; private set; } = [];

    public async Task OnGetAsync(string type, [FromQuery(Name = "von")] DateOnly? from, CancellationToken ct) => await LoadAsync(type, from, ct);

    public async Task<IActionResult> OnPostAsync(string type, DateTimeOffset start, CancellationToken ct) =>
        await SubmitAsync(async () =>
        {
            var held = await reserve.ExecuteAsync(new ReserveSlotRequest(type, start), ct);
            return RedirectToPage("Booking", new { token = held.Token });
        }, async problem =>
        {
            if (problem.Code == "appointment-slot-taken")
            {
                Error = new BookingFormError(Platform.Web.L.T("appointments.portal.taken"));
                Alternatives = problem.Extensions.TryGetValue("alternatives", out var offered) && offered is IEnumerable<object> slots ? [.. slots.OfType<SlotView>()] : [];
            }

            await LoadAsync(type, DateOnly.FromDateTime(start.DateTime), ct);
        });

    private async Task LoadAsync(string key, DateOnly? from, CancellationToken ct)
    {
        Type = await types.GetAsync(key, ct);
        Location = await organization.GetLocationAsync(Type.Location, ct);
        Week = await WeekAsync(availability, Type, from, SlotGrid.LocalDate(clock.GetUtcNow()), ct);
    }
}
