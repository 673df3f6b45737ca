using Microsoft.EntityFrameworkCore;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Appointments.Features.CallSystem;

/// <summary>A call on a display: number and counter, nothing about the person.</summary>
internal sealed record DisplayCall(string Number, string CounterName, DateTimeOffset CalledAt, bool Recall);

internal sealed record DisplayView(string Location, string LocationName, string Zone, string ZoneName, IReadOnlyList<DisplayCall> Recent);

internal sealed record KioskService(string Service, string Name, bool WalkIn);

internal sealed record KioskView(string Location, string LocationName, IReadOnlyList<KioskService> Services);

/// <summary>
/// The day's figures of a location's call system for reporting (issue 15, item 7): tickets, waiting time (arrival to
/// first call) and service time (first call to done) in minutes, and the no-show rate of booked appointments (booked
/// and confirmed, but never checked in or not there when called).
/// </summary>
internal sealed record CallFigures(
    string Location,
    DateOnly Day,
    int Tickets,
    int WalkIns,
    int Waiting,
    int Done,
    int NoShows,
    double? AverageWaitMinutes,
    double? P90WaitMinutes,
    double? AverageServiceMinutes,
    int Appointments,
    int AppointmentsMissed,
    double? AppointmentNoShowRate);

/// <summary>What kiosks, displays and reporting read of a call system.</summary>
internal sealed class ReadCallSystem(AppointmentsDbContext db, CallSystems systems, IOrganizationDirectory organization, TimeProvider clock)
{
    public const int RecentCalls = 8;

    public async Task<KioskView> KioskAsync(string location, CancellationToken ct = default)
    {
        var system = await systems.GetAsync(location, ct);
        return new KioskView(system.Location, await LocationNameAsync(system.Location, ct),
            [.. system.Services.Select(s => new KioskService(s.Service, s.Title, s.WalkIn))]);
    }

    public async Task<DisplayView> DisplayAsync(string location, string zone, CancellationToken ct = default)
    {
        var system = await systems.GetAsync(location, ct);
        var z = system.Zone(zone) ?? throw AppointmentsProblems.ZoneUnknown(zone ?? "", system.Location);
        var day = Availability.SlotGrid.LocalDate(clock.GetUtcNow());
        var names = (await organization.GetLocationAsync(system.Location, ct))?.Counters.ToDictionary(c => c.Key, c => c.Name, StringComparer.Ordinal) ?? [];
        var recent = await db.Tickets.AsNoTracking()
            .Where(t => t.Location == system.Location && t.Zone == z.Key && t.Day == day && t.CalledAt != null && t.Counter != null)
            .OrderByDescending(t => t.CalledAt).Take(RecentCalls).ToListAsync(ct);
        return new DisplayView(system.Location, await LocationNameAsync(system.Location, ct), z.Key, z.Title,
            [.. recent.Select(t => new DisplayCall(t.Number, names.GetValueOrDefault(t.Counter!, t.Counter!), Availability.SlotGrid.ToLocal(t.CalledAt!.Value), t.Calls > 1))]);
    }

    /// <summary>The zone a display shows, checked (so a display of another location or zone is refused before it streams).</summary>
    public async Task<CallSystemDefinition> ZoneAsync(string location, string zone, CancellationToken ct = default)
    {
        var system = await systems.GetAsync(location, ct);
        return system.Zone(zone) is null ? throw AppointmentsProblems.ZoneUnknown(zone ?? "", system.Location) : system;
    }

    public async Task<CallFigures> FiguresAsync(string location, DateOnly? day, CancellationToken ct = default)
    {
        var system = await systems.GetAsync(location, ct);
        var date = day ?? Availability.SlotGrid.LocalDate(clock.GetUtcNow());
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.Location == system.Location && t.Day == date).ToListAsync(ct);
        var waits = tickets.Where(t => t.FirstCalledAt is not null).Select(t => (t.FirstCalledAt!.Value - t.ArrivedAt).TotalMinutes).Order().ToList();
        var services = tickets.Where(t => t.Status == TicketRecord.Done && t.FirstCalledAt is not null && t.FinishedAt is not null)
            .Select(t => (t.FinishedAt!.Value - t.FirstCalledAt!.Value).TotalMinutes).ToList();
        var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Availability.SlotGrid.Berlin.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => b.Location == system.Location && b.Status == BookingRecord.Confirmed && b.StartsAt >= start && b.StartsAt < start.AddDays(1))
            .Select(b => new { b.Id, b.StartsAt }).ToListAsync(ct);
        // Missed: the check-in window has closed without a ticket, or the person was not there when called.
        var now = clock.GetUtcNow();
        var arrived = tickets.Where(t => t.BookingId is not null && t.Status != TicketRecord.NoShow).Select(t => t.BookingId!.Value).ToHashSet();
        var noShows = tickets.Where(t => t.BookingId is not null && t.Status == TicketRecord.NoShow).Select(t => t.BookingId!.Value).ToHashSet();
        var missed = bookings.Count(b => noShows.Contains(b.Id) || (!arrived.Contains(b.Id) && b.StartsAt.AddMinutes(system.LateCheckInMinutes) < now));
        return new CallFigures(system.Location, date, tickets.Count, tickets.Count(t => t.BookingId is null), tickets.Count(t => t.Status == TicketRecord.Waiting),
            tickets.Count(t => t.Status == TicketRecord.Done), tickets.Count(t => t.Status == TicketRecord.NoShow),
            waits.Count > 0 ? Math.Round(waits.Average(), 1) : null, waits.Count > 0 ? Math.Round(waits[(int)Math.Ceiling(0.9 * waits.Count) - 1], 1) : null,
            services.Count > 0 ? Math.Round(services.Average(), 1) : null,
            bookings.Count, missed, bookings.Count > 0 ? Math.Round((double)missed / bookings.Count, 3) : null);
    }

    private async Task<string> LocationNameAsync(string location, CancellationToken ct) =>
        ConfiguredText.LocationName(await organization.GetLocationAsync(location, ct), location);
}
