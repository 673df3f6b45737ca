using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Platform.Audit;
using Saas.Platform.Data;
using Saas.Platform.Errors;
using Saas.Platform.Outbox;

namespace Saas.Modules.Appointments.Features.Waitlist;

/// <summary>
/// Offers a freed seat to the waitlist (issue 15, item 2): the first person who waits for the slot's day (in the order
/// they joined, the row locked so two freed seats never go to one person) gets the seat as a hold bound to them for
/// <c>Appointments:WaitlistOfferHours</c> (at most until the type's minimum notice before the slot), and an e-mail
/// with the booking's link in their language; they confirm it as any booking. If an applicant took the seat first, or
/// the slot is too near, nothing is offered. Runs from the outbox after the cancellation committed, so it may run
/// again: a second run finds the seat taken and offers nothing.
/// </summary>
internal sealed class OfferFreedSeat(AppointmentsDbContext db, AppointmentTypeCatalogue types, ReserveSeat reserve, BookingMail mail, IAuditTrail audit,
    TimeProvider clock, IOptions<AppointmentsOptions> options) : IIntegrationEventHandler<SeatFreed>
{
    public async Task HandleAsync(SeatFreed freed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(freed);
        // The offer counts from when the seat was freed, or from now if the outbox ran late (any replica's clock).
        var now = clock.GetUtcNow() > freed.OccurredAt ? clock.GetUtcNow() : freed.OccurredAt;
        if (await types.FindAsync(freed.AppointmentType, ct) is not { } type)
        {
            return;
        }

        var lastHold = freed.StartsAt.AddHours(-type.MinimumNoticeHours);
        if (lastHold <= now.AddMinutes(type.HoldMinutes))
        {
            return; // too near: a person could not come in time
        }

        var day = SlotGrid.LocalDate(freed.StartsAt);
        await using var work = await db.BeginWorkAsync(audit, ct);
        var entry = (await db.Waitlist.FromSqlInterpolated($"""
                SELECT * FROM appointments.waitlist
                WHERE appointment_type = {type.Key} AND status = 'waiting' AND earliest <= {day} AND latest >= {day}
                ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)).FirstOrDefault();
        if (entry is null)
        {
            return;
        }

        ReserveSeat.Reservation held;
        try
        {
            held = await reserve.ReserveAsync(type, freed.StartsAt, ct);
        }
        catch (SaasProblemException e) when (e.Code == "appointment-slot-taken")
        {
            return; // an applicant was quicker; the next freed seat may go to the waitlist
        }

        var booking = await db.Bookings.FirstAsync(b => b.Id == held.BookingId, ct);
        var offeredUntil = now.AddHours(options.Value.WaitlistOfferHours);
        booking.HoldExpiresAt = offeredUntil < lastHold ? offeredUntil : lastHold;
        booking.PersonName = entry.PersonName;
        booking.BirthDate = entry.BirthDate;
        booking.PersonKey = entry.PersonKey;
        booking.Email = entry.Email;
        booking.Language = entry.Language;
        entry.Status = WaitlistRecord.Offered;
        entry.OfferedBooking = booking.Id;
        entry.OfferedAt = now;
        mail.AddLinkTo(booking, BookingMail.PagePath + held.Token, BookingMail.WaitlistOffer);
        work.Record(new AuditEntry("appointments.waitlist.offer", "booking", booking.Id.ToString(), $"waitlist {entry.Id} → {type.Key} {freed.StartsAt:yyyy-MM-dd'T'HH:mm'Z'}"));
        await work.CommitAsync(ct);
    }
}
