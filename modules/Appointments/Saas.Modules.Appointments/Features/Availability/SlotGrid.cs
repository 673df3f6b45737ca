using System.Globalization;
using Saas.Modules.Appointments.Features.Definitions;

namespace Saas.Modules.Appointments.Features.Availability;

/// <summary>A slot of an appointment type: its start and end as instants (UTC).</summary>
internal sealed record SlotTime(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// The slots an appointment type offers, from rules only (docs/adr/0031): the location's opening hours of each day,
/// less public holidays and the type's closures, cut into duration + buffer, no earlier than the minimum notice and no
/// later than the booking horizon, all from the caller's clock. Opening hours are local times in Europe/Berlin; each
/// day's local times are turned into instants with that day's offset, so a day after the change of time keeps its
/// 08:00 (a local time the change skips is no slot). No database: the taken seats are subtracted by the caller.
/// </summary>
internal static class SlotGrid
{
    public static TimeZoneInfo Berlin { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>The local (Berlin) calendar day of an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Berlin).DateTime);

    /// <summary>An instant written in Berlin's offset of that instant (+01:00 in winter, +02:00 in summer).</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Berlin);

    /// <summary>The last day a type can be booked for, seen from <paramref name="now"/>.</summary>
    public static DateOnly LastDay(AppointmentTypeDefinition type, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(type);
        return LocalDate(now).AddDays(type.HorizonDays);
    }

    public static IReadOnlyList<SlotTime> Slots(
        AppointmentTypeDefinition type,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<string>> openingHours,
        IReadOnlySet<DateOnly> holidays,
        DateOnly from,
        DateOnly to,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(openingHours);
        ArgumentNullException.ThrowIfNull(holidays);
        var slots = new List<SlotTime>();
        var earliest = now.AddHours(type.MinimumNoticeHours);
        var first = LocalDate(now) > from ? LocalDate(now) : from;
        var last = LastDay(type, now) < to ? LastDay(type, now) : to;
        var step = type.DurationMinutes + type.BufferMinutes;
        if (type.DurationMinutes <= 0 || step <= 0)
        {
            return slots;
        }

        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (holidays.Contains(day) || type.IsClosed(day) || !openingHours.TryGetValue(day.DayOfWeek, out var ranges))
            {
                continue;
            }

            foreach (var range in ranges)
            {
                if (!TryParseRange(range, out var open, out var close))
                {
                    continue;
                }

                for (var minute = open; minute + type.DurationMinutes <= close; minute += step)
                {
                    var local = day.ToDateTime(new TimeOnly(minute / 60, minute % 60));
                    if (Berlin.IsInvalidTime(local))
                    {
                        continue;
                    }

                    var start = new DateTimeOffset(local, Berlin.GetUtcOffset(local)).ToUniversalTime();
                    if (start < earliest)
                    {
                        continue;
                    }

                    slots.Add(new SlotTime(start, start.AddMinutes(type.DurationMinutes)));
                }
            }
        }

        return slots;
    }

    /// <summary>
    /// The slot that starts at <paramref name="start"/>, if <see cref="Slots"/> of its day has it: the same rules for that
    /// one instant, without building the day's grid (a reservation checks one start; a five-minute type has 288 a day).
    /// </summary>
    public static SlotTime? SlotAt(
        AppointmentTypeDefinition type,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<string>> openingHours,
        IReadOnlySet<DateOnly> holidays,
        DateTimeOffset start,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(openingHours);
        ArgumentNullException.ThrowIfNull(holidays);
        var step = type.DurationMinutes + type.BufferMinutes;
        start = start.ToUniversalTime();
        if (type.DurationMinutes <= 0 || step <= 0 || start < now.AddHours(type.MinimumNoticeHours))
        {
            return null;
        }

        var local = ToLocal(start).DateTime;
        var day = DateOnly.FromDateTime(local);
        if (day < LocalDate(now) || day > LastDay(type, now) || holidays.Contains(day) || type.IsClosed(day)
            || !openingHours.TryGetValue(day.DayOfWeek, out var ranges)
            || local.TimeOfDay.Ticks % TimeSpan.TicksPerMinute != 0
            // The grid turns a local time into an instant with that time's offset (the standard one in the hour the
            // clocks go back): an instant the grid would not produce from its local time is no slot.
            || new DateTimeOffset(local, Berlin.GetUtcOffset(local)).ToUniversalTime() != start)
        {
            return null;
        }

        var minute = (int)local.TimeOfDay.TotalMinutes;
        foreach (var range in ranges)
        {
            if (TryParseRange(range, out var open, out var close) && minute >= open && (minute - open) % step == 0 && minute + type.DurationMinutes <= close)
            {
                return new SlotTime(start, start.AddMinutes(type.DurationMinutes));
            }
        }

        return null;
    }

    /// <summary>An opening-hours range <c>HH:mm-HH:mm</c> as minutes of the day.</summary>
    public static bool TryParseRange(string range, out int open, out int close)
    {
        open = close = 0;
        var parts = (range ?? "").Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            return false;
        }

        open = from.Hour * 60 + from.Minute;
        close = to.Hour * 60 + to.Minute;
        return close > open;
    }
}
