using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Modules.Appointments.Features.Schedule;
using Saas.Platform.Errors;
using Saas.Platform.Identity;
using Saas.Platform.Web;

namespace Saas.Modules.Appointments.Pages.Workbench.Termine;

/// <summary>
/// Moving an appointment by the office (issue 15, item 7; as <c>POST /api/appointments/schedule/{id}/move</c>): the
/// next free slots of its type from a day staff choose, one click moves it and the person gets a notice with the new link.
/// </summary>
[Authorize(Policy = SaasPolicies.Staff)]
internal sealed class MoveModel(AppointmentsDbContext db, BookingViews views, ReadAvailability availability, MoveByOffice move, TimeProvider clock) : PageModel
{
    /// <summary>Days of free slots the page offers at a time.</summary>
    public const int Days = 14;

    [BindProperty(SupportsGet = true, Name = "ab")]
    public DateOnly? From { get; set; }

    public BookingView Booking { get; private set; } = null!;

    public IReadOnlyList<SlotView> Slots { get; private set; } = [];

    public DateOnly Start { get; private set; }

    public string? Error { get; private set; }

    public static string At(DateTimeOffset local) => local.ToString("ddd dd.MM.yyyy HH:mm", L.Culture);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, DateTimeOffset start, string? reason, CancellationToken ct)
    {
        try
        {
            var entry = await move.ExecuteAsync(id, new MoveByOfficeRequest(start, reason), ct);
            return RedirectToPage("Index", new { tag = Iso(DateOnly.FromDateTime(entry.Start.DateTime)), verlegt = entry.Code });
        }
        catch (SaasProblemException problem) when (problem.Status != StatusCodes.Status404NotFound)
        {
            Error = L.T(problem.Title);
            Response.StatusCode = problem.Status;
            await LoadAsync(id, ct);
            return Page();
        }
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw AppointmentsProblems.BookingNotFound();
        Booking = await views.ViewAsync(booking, ct);
        var today = SlotGrid.LocalDate(clock.GetUtcNow());
        Start = From is { } from && from > today ? from : today;
        Slots = [.. (await availability.ExecuteAsync(new ReadAvailabilityRequest(booking.AppointmentType, Start, Days), ct)).Slots.Where(s => s.Start != Booking.Start)];
    }
}
