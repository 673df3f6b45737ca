using Microsoft.EntityFrameworkCore;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Appointments.Features.Availability;

/// <summary>A slot with the online seats still free.</summary>
internal sealed record FreeSlot(DateTimeOffset Start, DateTimeOffset End, int Free);

/// <summary>
/// Free slots of an appointment type over a range of days: the rule grid (<see cref="SlotGrid"/>) from Organization's
/// opening hours and holidays, less the online seats taken, read in <b>one</b> query for the location, service and range
/// (not one per slot). A seat of a hold that has run out counts as free, whether or not its row is gone yet.
/// </summary>
internal sealed class FreeSlots(AppointmentsDbContext db, IOrganizationDirectory organization, RulesCache cache, TimeProvider clock)
{
    public async Task<IReadOnlyList<FreeSlot>> FindAsync(AppointmentTypeDefinition type, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        var now = clock.GetUtcNow();
        var grid = await GridAsync(type, from, to, now, ct);
        if (grid.Count == 0)
        {
            return [];
        }

        var first = grid[0].Start;
        var last = grid[^1].Start;
        var online = type.OnlineSeats;
        var taken = await db.SlotSeats
            .Where(s => s.Location == type.Location && s.Service == type.Service && s.StartsAt >= first && s.StartsAt <= last && s.Seat < online)
            .Join(db.Bookings, s => s.BookingId, b => b.Id, (s, b) => new { s.StartsAt, b.Status, b.HoldExpiresAt })
            .Where(x => x.Status != BookingRecord.Held || x.HoldExpiresAt > now)
            .GroupBy(x => x.StartsAt)
            .Select(g => new { Start = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Start.ToUniversalTime(), x => x.Count, ct);
        return [.. grid.Select(s => new FreeSlot(s.Start, s.End, online - taken.GetValueOrDefault(s.Start)))
            .Where(s => s.Free > 0)];
    }

    /// <summary>Whether <paramref name="start"/> is a slot of the type by its rules (taken or not).</summary>
    public async Task<SlotTime?> SlotAtAsync(AppointmentTypeDefinition type, DateTimeOffset start, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        var day = SlotGrid.LocalDate(start);
        var (openingHours, holidays) = await RulesAsync(type, day, day, ct);
        return SlotGrid.SlotAt(type, openingHours, holidays, start, clock.GetUtcNow());
    }

    /// <summary>The type's slots by its rules (opening hours, holidays, closures, notice, horizon) over the days, taken or not.</summary>
    internal async Task<IReadOnlyList<SlotTime>> GridAsync(AppointmentTypeDefinition type, DateOnly from, DateOnly to, DateTimeOffset now, CancellationToken ct)
    {
        var (openingHours, holidays) = await RulesAsync(type, from, to, ct);
        return SlotGrid.Slots(type, openingHours, holidays, from, to, now);
    }

    /// <summary>The location's opening hours and the holidays (of the whole federal state) of the years from .. to, from the rules cache.</summary>
    private async Task<(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<string>> OpeningHours, HashSet<DateOnly> Holidays)> RulesAsync(
        AppointmentTypeDefinition type, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var location = await cache.GetAsync(db.CurrentTenantId, "location:" + type.Location, () => organization.GetLocationAsync(type.Location, ct))
                       ?? throw AppointmentsProblems.TypeNotFound(type.Key);
        var holidays = new HashSet<DateOnly>();
        for (var year = from.Year; year <= to.Year; year++)
        {
            var y = year;
            foreach (var holiday in await cache.GetAsync(db.CurrentTenantId, "holidays:" + y, () => organization.GetHolidaysAsync(y, ct)))
            {
                // A holiday of only part of the federal state (Augsburg's Friedensfest) does not close the office.
                if (!holiday.RegionalOnly)
                {
                    holidays.Add(holiday.Date);
                }
            }
        }

        return (location.OpeningHours, holidays);
    }
}
