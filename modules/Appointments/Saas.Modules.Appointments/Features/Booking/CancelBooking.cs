using Microsoft.EntityFrameworkCore;
using Saas.Platform.Audit;
using Saas.Platform.Data;
using Saas.Platform.Outbox;

namespace Saas.Modules.Appointments.Features.Booking;

/// <summary>
/// Cancels a booking by its link, up to the type's cut-off before the appointment (a hold can always be let go). The
/// seat row is deleted, which frees the seat; the booking keeps its row as 'cancelled'.
/// </summary>
internal sealed class CancelBooking(AppointmentsDbContext db, BookingViews views, BookingMail mail, IAuditTrail audit, TimeProvider clock)
{
    public async Task<BookingView> ExecuteAsync(string token, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var work = await db.BeginWorkAsync(audit, ct);
        var booking = await views.FindAsync(token ?? "", ct);
        if (booking.Status is not (BookingRecord.Confirmed or BookingRecord.Held))
        {
            throw AppointmentsProblems.NotConfirmed();
        }

        var type = await views.TypeOfAsync(booking, ct);
        if (booking.Status == BookingRecord.Confirmed && now > BookingViews.ChangeableUntil(type, booking))
        {
            throw AppointmentsProblems.CutoffPassed(type.CancellationCutoffHours);
        }

        await db.SlotSeats.Where(s => s.BookingId == booking.Id).ExecuteDeleteAsync(ct);
        db.AddIntegrationEvent(new Waitlist.SeatFreed(Guid.NewGuid(), db.CurrentTenantId, now, booking.AppointmentType, booking.StartsAt));
        booking.Status = BookingRecord.Cancelled;
        booking.HoldExpiresAt = null;
        booking.CancelledAt = now;
        if (booking.ConfirmedAt is not null)
        {
            mail.Add(booking, token!, BookingMail.Cancelled);
        }

        work.Record(new AuditEntry("appointments.booking.cancel", "booking", booking.Id.ToString(), booking.Code));
        await work.CommitAsync(ct);
        return await views.ViewAsync(booking, ct);
    }
}
