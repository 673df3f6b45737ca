using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Modules.Appointments.Features.Definitions;

namespace Saas.Modules.Appointments.Pages.Termine;

/// <summary>
/// Moves a confirmed booking by its link to another free slot of its type (as <c>POST /api/appointments/bookings/{token}/rebook</c>):
/// the old appointment stays until the new seat is taken; a slot just taken shows the next free ones.
/// </summary>
internal sealed class RebookModel(ReadBooking read, AppointmentTypeCatalogue types, ReadAvailability availability, RebookBooking rebook, TimeProvider clock)
    : BookingPage
{
    public string Token { get; private set; } = "";

    public BookingView Booking { get; private set; } = null!;

    public SlotWeek? Week { get; private set; }

    public IReadOnlyList<SlotView> Alternatives { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string token, [FromQuery(Name = "von")] DateOnly? from, CancellationToken ct)
    {
        await LoadAsync(token, from, ct);
        return Booking.Status == "confirmed" ? Page() : RedirectToPage("Booking", new { token });
    }

    public async Task<IActionResult> OnPostAsync(string token, DateTimeOffset start, CancellationToken ct) =>
        await SubmitAsync(async () =>
        {
            await rebook.ExecuteAsync(token, new RebookBookingRequest(start), ct);
            return RedirectToPage("Booking", new { token, erledigt = "verlegt" });
        }, async problem =>
        {
            if (problem.Code == "appointment-slot-taken")
            {
                Error = new BookingFormError(Platform.Web.L.T("appointments.portal.taken"));
                Alternatives = problem.Extensions.TryGetValue("alternatives", out var offered) && offered is IEnumerable<object> slots ? [.. slots.OfType<SlotView>()] : [];
            }

            await LoadAsync(token, DateOnly.FromDateTime(start.DateTime), ct);
        });

    private async Task LoadAsync(string token, DateOnly? from, CancellationToken ct)
    {
        Token = token;
        Booking = await read.ExecuteAsync(token, ct);
        if (Booking.Status == "confirmed" && await types.FindAsync(Booking.Type, ct) is { } type)
        {
            Week = await WeekAsync(availability, type, from, SlotGrid.LocalDate(clock.GetUtcNow()), ct);
        }
    }
}
