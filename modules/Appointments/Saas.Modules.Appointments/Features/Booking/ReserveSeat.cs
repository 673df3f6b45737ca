using Microsoft.EntityFrameworkCore;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Platform.Data;
using Saas.Platform.Outbox;

namespace Saas.Modules.Appointments.Features.Booking;

/// <summary>
/// Reserves one online seat of a slot with a short hold (docs/adr/0028, 0031). It never decides by a read whether a seat
/// is free: one statement inserts the seat (the first one its snapshot shows free) with <c>ON CONFLICT DO NOTHING</c>
/// on the unique key of <c>appointments.slot_seats</c> and, only if that row went in, the held booking it belongs to
/// (the foreign key is checked at the end of the statement). A seat another transaction took meanwhile makes the
/// statement insert nothing, and it is run again on a fresh snapshot; when no seat shows free, holds of the slot that
/// ran out are expired once (freeing their seats), and then the slot is refused. One round trip in the common case.
/// </summary>
internal sealed class ReserveSeat(AppointmentsDbContext db, AppDataSource data, TimeProvider clock)
{
    public sealed record Reservation(Guid BookingId, int Seat, string Token, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset HoldExpiresAt);

    private const string ReserveSql = """
        WITH candidate AS (
            SELECT g AS seat FROM generate_series(0, $6 - 1) g
            WHERE NOT EXISTS (SELECT 1 FROM appointments.slot_seats x
                              WHERE x.tenant_id = $1 AND x.location = $3 AND x.service = $4 AND x.starts_at = $5 AND x.seat = g)
            ORDER BY g LIMIT 1),
        taken AS (
            INSERT INTO appointments.slot_seats (tenant_id, location, service, starts_at, seat, booking_id)
            SELECT $1, $3, $4, $5, c.seat, $2 FROM candidate c
            ON CONFLICT ON CONSTRAINT slot_seats_one_booking_per_seat DO NOTHING
            RETURNING seat),
        booking AS (
            INSERT INTO appointments.bookings (tenant_id, id, appointment_type, location, service, starts_at, ends_at, status, hold_expires_at, cancel_token_hash, email, person_name, created_at)
            SELECT $1, $2, $7, $3, $4, $5, $8, 'held', $9, $10, '', '', $11 FROM taken
            RETURNING id)
        SELECT (SELECT seat FROM taken), (SELECT count(*) FROM candidate)::int, (SELECT count(*) FROM booking)::int
        """;

    public async Task<Reservation> ReserveAsync(AppointmentTypeDefinition type, DateTimeOffset startsAt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        var now = clock.GetUtcNow();
        startsAt = startsAt.ToUniversalTime();
        var endsAt = startsAt.AddMinutes(type.DurationMinutes);
        var holdUntil = now.AddMinutes(type.HoldMinutes);
        var token = BookingTokens.NewToken();
        var id = Guid.NewGuid();
        var expired = false;
        for (var attempt = 0; attempt < type.OnlineSeats + 2; attempt++)
        {
            int? seat;
            int candidates;
            // The command's connection goes back to the pool before anything else runs (expiring holds takes another).
            await using (var command = (await data.CommandAsync(ReserveSql, ct))
                .With(db.CurrentTenantId).With(id).With(type.Location).With(type.Service).With(startsAt).With(type.OnlineSeats)
                .With(type.Key).With(endsAt).With(holdUntil).With(BookingTokens.Hash(token)).With(now))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                seat = reader.IsDBNull(0) ? null : reader.GetInt32(0);
                candidates = reader.GetInt32(1);
            }

            if (seat is { } taken)
            {
                return new Reservation(id, taken, token, startsAt, endsAt, holdUntil);
            }

            // Nothing free in this snapshot: once, let holds that ran out go; a lost race on a seat just runs again.
            if (candidates == 0 && (expired || await ExpireHoldsAsync(type, startsAt, now, ct) == 0))
            {
                break;
            }

            expired |= candidates == 0;
        }

        throw AppointmentsProblems.SlotTaken(type.Key, startsAt);
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

    /// <summary>
    /// Moves a confirmed booking's seat to another slot inside the caller's transaction (a rebooking by link, a move by
    /// the office): the old seat is given up and a seat of the new slot taken by the database. False when none is left;
    /// the caller rolls back, so the old appointment stays. True: the booking has the new times, and the old slot's seat
    /// is announced to the waitlist.
    /// </summary>
    internal async Task<bool> MoveAsync(AppointmentTypeDefinition type, BookingRecord booking, SlotTime slot, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(slot);
        var old = booking.StartsAt;
        await db.SlotSeats.Where(s => s.BookingId == booking.Id).ExecuteDeleteAsync(ct);
        await ExpireHoldsAsync(type, slot.Start, now, ct);
        if (await TakeSeatAsync(type, slot.Start, booking.Id, ct) is null)
        {
            return false;
        }

        booking.StartsAt = slot.Start;
        booking.EndsAt = slot.End;
        db.AddIntegrationEvent(new Waitlist.SeatFreed(Guid.NewGuid(), db.CurrentTenantId, now, booking.AppointmentType, old));
        return true;
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
