using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Platform.Audit;
using Saas.Platform.Data;

namespace Saas.Modules.Appointments.Features.Schedule;

/// <param name="Start">The new slot's start (a free slot of the booking's type).</param>
/// <param name="Reason">Why the office moves it (a closure, an absence): kept in the audit trail, not sent.</param>
internal sealed record MoveByOfficeRequest(DateTimeOffset Start, string? Reason = null);

/// <summary>
/// Staff move a confirmed appointment to another free slot of its type (issue 15, item 7), also after the applicants'
/// cut-off. As a rebooking by link: in one transaction the old seat is given up and a seat of the new slot taken by the
/// database, or nothing changes and the next free slots come with the 409. The person is told by e-mail with a new
/// link to their booking (the office never holds the old one, which stops working: the notice is the one to keep); the
/// freed seat goes to the waitlist. The code stays, so a check-in with it still works.
/// </summary>
internal sealed class MoveByOffice(AppointmentsDbContext db, BookingViews views, FreeSlots free, ReserveSeat seats, BookingMail mail, IAuditTrail audit,
    TimeProvider clock, IOptions<AppointmentsOptions> options)
{
    public async Task<ScheduleEntry> ExecuteAsync(Guid id, MoveByOfficeRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = (request.Reason ?? "").Trim();
        if (reason.Length > CancelByOffice.MaxReasonLength)
        {
            throw AppointmentsProblems.ReasonTooLong(CancelByOffice.MaxReasonLength);
        }

        var now = clock.GetUtcNow();
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw AppointmentsProblems.BookingNotFound();
        if (booking.Status != BookingRecord.Confirmed)
        {
            throw AppointmentsProblems.NotConfirmed();
        }

        var type = await views.TypeOfAsync(booking, ct);
        var slot = await free.SlotAtAsync(type, request.Start, ct) ?? throw AppointmentsProblems.SlotUnavailable(type.Key, request.Start);
        var old = booking.StartsAt;
        await using (var work = await db.BeginWorkAsync(audit, ct))
        {
            if (await seats.MoveAsync(type, booking, slot, now, ct))
            {
                var token = BookingTokens.NewToken();
                booking.CancelTokenHash = BookingTokens.Hash(token);
                mail.Add(booking, token, BookingMail.MovedByOffice);
                work.Record(new AuditEntry("appointments.booking.move-by-office", "booking", booking.Id.ToString(),
                    $"{booking.Code}: {old.UtcDateTime:yyyy-MM-dd'T'HH:mm'Z'} → {slot.Start.UtcDateTime:yyyy-MM-dd'T'HH:mm'Z'}; {(reason.Length > 0 ? reason : "no reason given")}",
                    PersonalData: true));
                await work.CommitAsync(ct);
                return new ScheduleEntry(booking.Id, SlotGrid.ToLocal(booking.StartsAt), SlotGrid.ToLocal(booking.EndsAt), booking.AppointmentType, type.Name,
                    booking.Location, booking.Status, booking.Code, booking.PersonName, booking.BirthDate, booking.Email, booking.ConfirmedAt, type.Video is not null);
            }
        }

        throw AppointmentsProblems.SlotTaken(type.Key, request.Start, await ReserveSlot.AlternativesAsync(free, type, request.Start, options.Value, ct));
    }
}
