using Microsoft.EntityFrameworkCore;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Platform.Audit;
using Saas.Platform.Data;
using Saas.Platform.Outbox;

namespace Saas.Modules.Appointments.Features.Schedule;

/// <param name="Reason">Why the office cancels (illness, a closure): kept in the audit trail, not sent.</param>
internal sealed record CancelByOfficeRequest(string? Reason = null);

/// <summary>
/// Staff cancel a confirmed appointment (issue 15, item 7), also after the applicants' cut-off: the seat is freed and
/// the person gets an e-mail in the language they booked in, with the link to book a new appointment (docs/adr/0034:
/// no personal data in it). The reason goes to the audit trail only.
/// </summary>
internal sealed class CancelByOffice(AppointmentsDbContext db, Definitions.AppointmentTypeCatalogue types, BookingMail mail, IAuditTrail audit, TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    public async Task<ScheduleEntry> ExecuteAsync(Guid id, CancelByOfficeRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = (request.Reason ?? "").Trim();
        if (reason.Length > MaxReasonLength)
        {
            throw AppointmentsProblems.ReasonTooLong(MaxReasonLength);
        }

        await using var work = await db.BeginWorkAsync(audit, ct);
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw AppointmentsProblems.BookingNotFound();
        if (booking.Status != BookingRecord.Confirmed)
        {
            throw AppointmentsProblems.NotConfirmed();
        }

        await db.SlotSeats.Where(s => s.BookingId == booking.Id).ExecuteDeleteAsync(ct);
        db.AddIntegrationEvent(new Waitlist.SeatFreed(Guid.NewGuid(), db.CurrentTenantId, clock.GetUtcNow(), booking.AppointmentType, booking.StartsAt));
        booking.Status = BookingRecord.Cancelled;
        booking.CancelledAt = clock.GetUtcNow();
        mail.AddLinkTo(booking, BookingMail.StartPath, BookingMail.CancelledByOffice);
        work.Record(new AuditEntry("appointments.booking.cancel-by-office", "booking", booking.Id.ToString(),
            $"{booking.Code}: {(reason.Length > 0 ? reason : "no reason given")}", PersonalData: true));
        await work.CommitAsync(ct);
        var typeName = (await types.FindAsync(booking.AppointmentType, ct))?.Name ?? booking.AppointmentType;
        return new ScheduleEntry(booking.Id, Availability.SlotGrid.ToLocal(booking.StartsAt), Availability.SlotGrid.ToLocal(booking.EndsAt), booking.AppointmentType,
            typeName, booking.Location, booking.Status, booking.Code, booking.PersonName, booking.BirthDate, booking.Email, booking.ConfirmedAt);
    }
}
