using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Saas.Modules.Appointments.Features.Definitions;

namespace Saas.Modules.Appointments.Features.Booking;

/// <summary>
/// Reserves one online seat of a slot with a short hold (docs/adr/0028). It never checks first whether a seat is free:
/// it inserts the booking and its seat in one transaction and lets the unique key of <c>appointments.slot_seats</c>
/// decide; a lost race on a seat tries the next one, and when every online seat is taken the slot is refused.
/// </summary>
internal sealed class ReserveSeat(AppointmentsDbContext db, TimeProvider clock)
{
    public sealed record Reservation(Guid BookingId, int Seat, string CancelToken, DateTimeOffset HoldExpiresAt);

    public async Task<Reservation> ReserveAsync(AppointmentTypeDefinition type, DateTimeOffset startsAt, string email, string personName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        var now = clock.GetUtcNow();
        startsAt = startsAt.ToUniversalTime();
        for (var seat = 0; seat < type.OnlineSeats; seat++)
        {
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
            var booking = new BookingRecord
            {
                AppointmentType = type.Key, Location = type.Location, Service = type.Service, StartsAt = startsAt,
                EndsAt = startsAt.AddMinutes(type.DurationMinutes), Status = BookingRecord.Held, HoldExpiresAt = now.AddMinutes(type.HoldMinutes),
                CancelTokenHash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)), Email = email, PersonName = personName, CreatedAt = now,
            };
            db.Bookings.Add(booking);
            db.SlotSeats.Add(new SlotSeat { Location = type.Location, Service = type.Service, StartsAt = startsAt, Seat = seat, BookingId = booking.Id });
            try
            {
                await db.SaveChangesAsync(ct);
                return new Reservation(booking.Id, seat, token, booking.HoldExpiresAt!.Value);
            }
            catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                // Someone else holds this seat: nothing of this attempt was stored; try the next seat.
                db.ChangeTracker.Clear();
            }
        }

        throw AppointmentsProblems.SlotTaken(type.Key, startsAt);
    }
}
