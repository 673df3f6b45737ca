using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Platform.Errors;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments.Tests.Features.Booking;

/// <summary>
/// Double booking is impossible by the database (docs/adr/0028): 50 concurrent reservations of a slot with one online
/// seat leave exactly one booking in the database and 49 refusals; another authority sees none of them.
/// </summary>
public sealed class ReserveSeatTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Capacity 3, two seats reserved for reminders and urgent cases: one seat per slot online.</summary>
    private static readonly AppointmentTypeDefinition OneOnlineSeat = AppointmentTypeDefinition.Read("verlaengerung", JsonNode.Parse("""
        { "name": "Verlängerung", "location": "einwohneramt", "service": "residence-permit", "durationMinutes": 20,
          "capacity": 3, "horizonDays": 90, "contingents": { "reminders": 0.34, "urgent": 0.34 } }
        """)!);

    [Fact]
    public async Task FiftyConcurrentReservations_ForOneRemainingSeat_LeaveExactlyOneBooking()
    {
        OneOnlineSeat.OnlineSeats.ShouldBe(1);
        var start = new DateTimeOffset(2027, 3, 2, 8, 0, 0, TimeSpan.FromHours(1));
        using var gate = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 50).Select(async attempt =>
        {
            using var _ = fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
            await using var scope = fixture.App.Services.CreateAsyncScope();
            var reserve = scope.ServiceProvider.GetRequiredService<ReserveSeat>();
            await gate.WaitAsync();
            try
            {
                await reserve.ReserveAsync(OneOnlineSeat, start);
                return true;
            }
            catch (SaasProblemException e) when (e.Code == "appointment-slot-taken")
            {
                return false;
            }
        }).ToList();
        gate.Release(50);
        var results = await Task.WhenAll(attempts);

        results.Count(r => r).ShouldBe(1);
        (await CountAsync(fixture.A)).ShouldBe((1, 1));
        (await CountAsync(fixture.B)).ShouldBe((0, 0));
    }

    /// <summary>
    /// The read that picks a seat cannot see a seat another transaction has inserted and not yet committed: the
    /// reservation then waits on the unique key, and the database decides. If the other commits, this one inserts
    /// nothing and is refused; if the other rolls back, this one gets the seat. Without <c>ON CONFLICT DO NOTHING</c> the
    /// loser would fail with a unique violation instead of a problem.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ASeatInsertedByAnUncommittedTransaction_IsDecidedByTheUniqueKey(bool otherCommits)
    {
        var start = new DateTimeOffset(2027, 3, 3, 8, 0, 0, TimeSpan.FromHours(1)).ToUniversalTime();
        await using var other = new Npgsql.NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        var id = Guid.NewGuid();
        foreach (var sql in new[]
        {
            """
            INSERT INTO appointments.bookings (tenant_id, id, appointment_type, location, service, starts_at, ends_at, status, hold_expires_at, cancel_token_hash, email, person_name, created_at)
            VALUES ($1, $2, 'verlaengerung', 'einwohneramt', 'residence-permit', $3, $3 + interval '20 minutes', 'held', now() + interval '1 hour', sha256($2::text::bytea), '', '', now())
            """,
            "INSERT INTO appointments.slot_seats (tenant_id, location, service, starts_at, seat, booking_id) VALUES ($1, 'einwohneramt', 'residence-permit', $3, 0, $2)",
        })
        {
            await using var insert = new Npgsql.NpgsqlCommand(sql, other, transaction);
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = fixture.A.Id });
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = start });
            await insert.ExecuteNonQueryAsync();
        }

        var reservation = Task.Run(async () =>
        {
            using var _ = fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
            await using var scope = fixture.App.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReserveSeat>().ReserveAsync(OneOnlineSeat, start);
        });
        // Until the reservation's insert waits for the other transaction's row lock (not a timing assertion: a bounded poll).
        await using (var probe = new Npgsql.NpgsqlConnection(fixture.App.Database.OwnerConnectionString))
        {
            await probe.OpenAsync();
            for (var i = 0; i < 200 && !reservation.IsCompleted; i++)
            {
                await using var waiting = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO appointments.slot_seats%'", probe);
                if ((long)(await waiting.ExecuteScalarAsync())! > 0)
                {
                    break;
                }

                await Task.Delay(50);
            }
        }

        reservation.IsCompleted.ShouldBeFalse("the reservation waits on the unique key, not on a read");
        if (otherCommits)
        {
            await transaction.CommitAsync();
            (await Should.ThrowAsync<SaasProblemException>(reservation)).Code.ShouldBe("appointment-slot-taken");
            (await CountAsync(fixture.A)).ShouldBe((1, 1));
        }
        else
        {
            await transaction.RollbackAsync();
            (await reservation).Seat.ShouldBe(0);
            (await CountAsync(fixture.A)).ShouldBe((1, 1));
        }
    }

    private async Task<(int Bookings, int Seats)> CountAsync(TenantInfo tenant)
    {
        using var _ = fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(tenant);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppointmentsDbContext>();
        return (await db.Bookings.CountAsync(), await db.SlotSeats.CountAsync());
    }
}
