using Microsoft.EntityFrameworkCore;
using Saas.Modules.Appointments.Features.Definitions;

namespace Saas.Modules.Appointments.Features.Booking;

/// <summary>
/// Reserves one online seat of a slot with a short hold (docs/adr/0028, 0031). It never checks first whether a seat is
/// free: in one transaction it inserts the held booking and then seat 0, 1, … with <c>ON CONFLICT DO NOTHING</c> on the
/// unique key of <c>appointments.slot_seats</c>, so the database decides; when every online seat is taken the
/// transaction is rolled back and the slot refused. Holds of the slot that have run out are expired first, which frees
/// their seats.
/// </summary>
internal sealed class ReserveSeat(AppointmentsDbContext db, TimeProvider clock)
{
    public sealed record Reservation(Guid BookingId, int Seat, string Token, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset HoldExpiresAt);

    public async Task<Reservation> ReserveAsync(AppointmentTypeDefinition type, DateTimeOffset startsAt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        var now = clock.GetUtcNow();
        startsAt = startsAt.ToUniversalTime();
        var endsAt = startsAt.AddMinutes(type.DurationMinutes);
        var holdUntil = now.AddMinutes(type.HoldMinutes);
        var token = BookingTokens.NewToken();
        var hash = BookingTokens.Hash(token);
        var id = Guid.NewGuid();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ExpireHoldsAsync(type, startsAt, now, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO appointments.bookings (tenant_id, id, appointment_type, location, service, starts_at, ends_at, status, hold_expires_at, cancel_token_hash, email, person_name, created_at)
            VALUES ({db.CurrentTenantId}, {id}, {type.Key}, {type.Location}, {type.Service}, {startsAt}, {endsAt}, 'held', {holdUntil}, {hash}, '', '', {now})
            """, ct);
        if (await TakeSeatAsync(type, startsAt, id, ct) is not { } seat)
        {
            await transaction.RollbackAsync(ct);
            throw AppointmentsProblems.SlotTaken(type.Key, startsAt);
        }

        await transaction.CommitAsync(ct);
        return new Reservation(id, seat, token, startsAt, endsAt, holdUntil);
    }

    /// <summary>
    /// Takes the first online seat of a slot the database lets this transaction have, or none. A concurrent insert of
    /// the same seat waits for the other transaction and then does nothing if it committed.
    /// </summary>
    internal async Task<int?> TakeSeatAsync(AppointmentTypeDefinition type, DateTimeOffset startsAt, Guid bookingId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(type);
        startsAt = startsAt.ToUniversalTime();
        for (var seat = 0; seat < type.OnlineSeats; seat++)
        {
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO appointments.slot_seats (tenant_id, location, service, starts_at, seat, booking_id)
                VALUES ({db.CurrentTenantId}, {type.Location}, {type.Service}, {startsAt}, {seat}, {bookingId})
                ON CONFLICT ON CONSTRAINT slot_seats_one_booking_per_seat DO NOTHING
                """, ct);
            if (inserted == 1)
            {
                return seat;
            }
        }

        return null;
    }

    /// <summary>Holds of the slot that have run out become 'expired' and their seats are deleted, in one statement.</summary>
    internal Task<int> ExpireHoldsAsync(AppointmentTypeDefinition type, DateTimeOffset startsAt, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(type);
        startsAt = startsAt.ToUniversalTime();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH expired AS (
                UPDATE appointments.bookings SET status = 'expired'
                WHERE tenant_id = {db.CurrentTenantId} AND location = {type.Location} AND service = {type.Service} AND starts_at = {startsAt}
                  AND status = 'held' AND hold_expires_at <= {now}
                RETURNING id)
            DELETE FROM appointments.slot_seats WHERE booking_id IN (SELECT id FROM expired)
            """, ct);
    }
}
