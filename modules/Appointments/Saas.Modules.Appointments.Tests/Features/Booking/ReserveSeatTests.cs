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

    private async Task<(int Bookings, int Seats)> CountAsync(TenantInfo tenant)
    {
        using var _ = fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(tenant);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppointmentsDbContext>();
        return (await db.Bookings.CountAsync(), await db.SlotSeats.CountAsync());
    }
}
