using Microsoft.EntityFrameworkCore;
using Saas.Platform.Audit;
using Saas.Platform.Data;
using Saas.Platform.Outbox;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments.Features.Waitlist;

/// <summary>
/// A waitlist offer the person let run out goes to the next who waits (issue 15, item 2): every held booking offered
/// from the waitlist whose hold has ended is expired and its seat given up, and for each a <see cref="SeatFreed"/> is
/// written in the same transaction, so <see cref="OfferFreedSeat"/> offers it to the next person for that day (the one
/// who let it run out no longer waits). Runs every <c>Appointments:WaitlistSweepMinutes</c> for every authority; a
/// second run finds nothing, and a hold an applicant's reservation already expired is not freed twice.
/// </summary>
internal sealed class ReofferLapsedSeats(AppointmentsDbContext db, IAuditTrail audit, TimeProvider clock)
{
    private sealed record Lapsed(Guid Id, string AppointmentType, DateTimeOffset StartsAt);

    public async Task<int> ExecuteAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var work = await db.BeginWorkAsync(audit, ct);
        var lapsed = await db.Database.SqlQuery<Lapsed>($"""
            WITH lapsed AS (
                UPDATE appointments.bookings b SET status = 'expired'
                FROM appointments.waitlist w
                WHERE w.offered_booking = b.id AND w.status = 'offered' AND b.status = 'held' AND b.hold_expires_at <= {now}
                RETURNING b.id, b.appointment_type, b.starts_at),
            freed AS (DELETE FROM appointments.slot_seats WHERE booking_id IN (SELECT id FROM lapsed))
            SELECT id, appointment_type, starts_at FROM lapsed
            """).ToListAsync(ct);
        foreach (var offer in lapsed)
        {
            db.AddIntegrationEvent(new SeatFreed(Guid.NewGuid(), db.CurrentTenantId, now, offer.AppointmentType, offer.StartsAt));
            work.Record(new AuditEntry("appointments.waitlist.offer-lapsed", "booking", offer.Id.ToString(),
                $"{offer.AppointmentType} {offer.StartsAt.UtcDateTime:yyyy-MM-dd'T'HH:mm'Z'} offered to the next who waits"));
        }

        await work.CommitAsync(ct);
        return lapsed.Count;
    }
}

/// <summary>Runs <see cref="ReofferLapsedSeats"/> for every authority with appointments every <c>Appointments:WaitlistSweepMinutes</c> (0 = off).</summary>
internal sealed class WaitlistSweepService(IServiceProvider services, ITenantCatalog tenants, ICurrentTenant currentTenant,
    Microsoft.Extensions.Options.IOptions<AppointmentsOptions> options, Microsoft.Extensions.Logging.ILogger<WaitlistSweepService> logger)
    : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        EveryAuthority.RunAsync(services, tenants, currentTenant, logger, "Lapsed waitlist offers", options.Value.WaitlistSweepMinutes,
            (provider, ct) => provider.GetRequiredService<ReofferLapsedSeats>().ExecuteAsync(ct), stoppingToken);
}
