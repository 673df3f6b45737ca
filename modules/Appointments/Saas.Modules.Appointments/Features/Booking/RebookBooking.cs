using Microsoft.Extensions.Options;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Platform.Audit;
using Saas.Platform.Data;

namespace Saas.Modules.Appointments.Features.Booking;

internal sealed record RebookBookingRequest(DateTimeOffset Start);

/// <summary>
/// Moves a confirmed booking to another slot of its type by its link, up to the cut-off. In one transaction the old
/// seat is deleted and a seat of the new slot taken by the database; if none is left, everything rolls back (the old
/// appointment stays) and the person is offered the next free slots.
/// </summary>
internal sealed class RebookBooking(AppointmentsDbContext db, BookingViews views, FreeSlots free, ReserveSeat seats, BookingMail mail, IAuditTrail audit, TimeProvider clock,
    IOptions<AppointmentsOptions> options)
{
    public async Task<BookingView> ExecuteAsync(string token, RebookBookingRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var booking = await views.FindAsync(token ?? "", ct);
        if (booking.Status != BookingRecord.Confirmed)
        {
            throw AppointmentsProblems.NotConfirmed();
        }

        var type = await views.TypeOfAsync(booking, ct);
        if (now > BookingViews.ChangeableUntil(type, booking))
        {
            throw AppointmentsProblems.CutoffPassed(type.CancellationCutoffHours);
        }

        var slot = await free.SlotAtAsync(type, request.Start, ct) ?? throw AppointmentsProblems.SlotUnavailable(type.Key, request.Start);
        var old = booking.StartsAt;
        await using (var work = await db.BeginWorkAsync(audit, ct))
        {
            if (await seats.MoveAsync(type, booking, slot, now, ct))
            {
                mail.Add(booking, token!, BookingMail.Moved);
                work.Record(new AuditEntry("appointments.booking.rebook", "booking", booking.Id.ToString(),
                    $"{booking.Code}: {old:yyyy-MM-dd'T'HH:mm'Z'} → {slot.Start.UtcDateTime:yyyy-MM-dd'T'HH:mm'Z'}"));
                await work.CommitAsync(ct);
                return await views.ViewAsync(booking, ct);
            }
        }

        throw AppointmentsProblems.SlotTaken(type.Key, request.Start, await ReserveSlot.AlternativesAsync(free, type, request.Start, options.Value, ct));
    }
}
