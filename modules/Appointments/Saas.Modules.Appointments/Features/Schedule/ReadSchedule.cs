using Microsoft.EntityFrameworkCore;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Modules.Organization.Contracts;
using Saas.Platform.Audit;
using System.Globalization;

namespace Saas.Modules.Appointments.Features.Schedule;

/// <param name="Day">The local day (Europe/Berlin); today if none.</param>
/// <param name="Location">One location's appointments; all if none.</param>
internal sealed record ReadScheduleRequest(DateOnly? Day = null, string? Location = null);

/// <summary>One appointment of the day as the front office sees it: who, when, what, and its state.</summary>
internal sealed record ScheduleEntry(
    Guid Id,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Type,
    string TypeName,
    string Location,
    string Status,
    string? Code,
    string Name,
    DateOnly? BirthDate,
    string Email,
    DateTimeOffset? BookedAt,
    bool Video = false);

/// <summary>The lead time of one appointment type: days from booking to appointment, over the bookings of the last 90 days.</summary>
internal sealed record LeadTime(string Type, string TypeName, string Location, int Bookings, double? MedianDays, double? AverageDays);

internal sealed record ScheduleLocation(string Key, string Name);

internal sealed record ScheduleView(DateOnly Day, string? Location, IReadOnlyList<ScheduleLocation> Locations, IReadOnlyList<ScheduleEntry> Entries, IReadOnlyList<LeadTime> LeadTimes);

/// <summary>
/// The day's appointments per location for staff (issue 15, item 7): confirmed and cancelled bookings of the day in
/// order of time (holds are not appointments yet), with the person each is bound to; and the lead time per
/// appointment type (booking to appointment) as figures for reporting. Reading names is recorded in the audit trail.
/// </summary>
internal sealed class ReadSchedule(AppointmentsDbContext db, AppointmentTypeCatalogue types, IOrganizationDirectory organization, IAuditTrail audit, TimeProvider clock)
{
    /// <summary>The window the lead time is measured over (bookings confirmed within it).</summary>
    public const int LeadTimeDays = 90;

    public async Task<ScheduleView> ExecuteAsync(ReadScheduleRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var day = request.Day ?? SlotGrid.LocalDate(now);
        var locations = (await organization.GetLocationsAsync(ct)).Select(l => new ScheduleLocation(l.Key, l.Name)).ToList();
        var location = string.IsNullOrWhiteSpace(request.Location) ? null : request.Location.Trim();
        if (location is not null && locations.All(l => l.Key != location))
        {
            throw AppointmentsProblems.LocationNotFound(location);
        }

        var from = StartOf(day);
        var to = StartOf(day.AddDays(1));
        var query = db.Bookings.AsNoTracking().Where(b => b.StartsAt >= from && b.StartsAt < to && (b.Status == BookingRecord.Confirmed || b.Status == BookingRecord.Cancelled));
        if (location is not null)
        {
            query = query.Where(b => b.Location == location);
        }

        var bookings = await query.OrderBy(b => b.StartsAt).ThenBy(b => b.PersonName).ToListAsync(ct);
        var published = await types.ListAsync(ct);
        var names = published.ToDictionary(t => t.Key, t => t.Name, StringComparer.Ordinal);
        var video = published.Where(t => t.Video is not null).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var entries = bookings.Select(b => new ScheduleEntry(b.Id, SlotGrid.ToLocal(b.StartsAt), SlotGrid.ToLocal(b.EndsAt), b.AppointmentType,
            names.GetValueOrDefault(b.AppointmentType, b.AppointmentType), b.Location, b.Status, b.Code, b.PersonName, b.BirthDate, b.Email, b.ConfirmedAt, video.Contains(b.AppointmentType))).ToList();

        var since = now.AddDays(-LeadTimeDays);
        var leads = await db.Bookings.AsNoTracking()
            .Where(b => b.ConfirmedAt != null && b.ConfirmedAt >= since && (location == null || b.Location == location))
            .Select(b => new { b.AppointmentType, b.Location, b.StartsAt, ConfirmedAt = b.ConfirmedAt!.Value })
            .ToListAsync(ct);
        var leadTimes = leads.GroupBy(l => (l.AppointmentType, l.Location)).OrderBy(g => g.Key.Location, StringComparer.Ordinal).ThenBy(g => g.Key.AppointmentType, StringComparer.Ordinal)
            .Select(g => new LeadTime(g.Key.AppointmentType, names.GetValueOrDefault(g.Key.AppointmentType, g.Key.AppointmentType), g.Key.Location, g.Count(),
                Median([.. g.Select(l => (l.StartsAt - l.ConfirmedAt).TotalDays)]), Math.Round(g.Average(l => (l.StartsAt - l.ConfirmedAt).TotalDays), 1)))
            .ToList();

        await audit.RecordAsync(new AuditEntry("appointments.schedule.read", "schedule", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            $"{location ?? "all locations"}: {entries.Count} appointments", PersonalData: entries.Count > 0), ct);
        return new ScheduleView(day, location, locations, entries, leadTimes);
    }

    /// <summary>Midnight of a local day (Germany changes its clocks at night, never at midnight).</summary>
    private static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, SlotGrid.Berlin.GetUtcOffset(local)).ToUniversalTime();
    }

    private static double? Median(double[] values)
    {
        if (values.Length == 0)
        {
            return null;
        }

        Array.Sort(values);
        var middle = values.Length / 2;
        return Math.Round(values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2, 1);
    }
}
