using Microsoft.EntityFrameworkCore;
using Saas.Modules.Appointments.Features.Booking;

namespace Saas.Modules.Appointments.Features.Reminders;

/// <summary>
/// What an expiry reminder has done so far, as figures the front office and the reporting read: reminders sent, with
/// a slot and what became of it (accepted, declined, let run out, still open), without a slot, left out because the
/// person had booked, and letters the outbox has still to produce.
/// </summary>
internal sealed record ReminderFigures(string Key, string Name, string? NameEn, string AppointmentType, int LeadDays, int Reminders, int Proposed, int Accepted,
    int Declined, int Expired, int Open, int WithoutSlot, int AlreadyBooked, int LettersPending);

internal sealed class ReadReminders(AppointmentsDbContext db, ExpiryReminders reminders, TimeProvider clock)
{
    public async Task<IReadOnlyList<ReminderFigures>> ListAsync(CancellationToken ct)
    {
        var result = new List<ReminderFigures>();
        foreach (var reminder in await reminders.ListAsync(ct))
        {
            result.Add(await FiguresAsync(reminder, ct));
        }

        return result;
    }

    public async Task<ReminderFigures> ReadAsync(string key, CancellationToken ct) => await FiguresAsync(await reminders.GetAsync(key, ct), ct);

    private async Task<ReminderFigures> FiguresAsync(ExpiryReminderDefinition reminder, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Reminders.AsNoTracking().Where(r => r.Reminder == reminder.Key)
            .GroupJoin(db.Bookings, r => r.BookingId, b => b.Id, (r, b) => new { r, b })
            .SelectMany(x => x.b.DefaultIfEmpty(), (x, b) => new
            {
                x.r.Status,
                Booking = b == null ? null : b.Status,
                Lapsed = b != null && b.Status == BookingRecord.Held && b.HoldExpiresAt <= now,
                Pending = x.r.Letter != null && x.r.LetterDocument == null,
            })
            .GroupBy(x => new { x.Status, x.Booking, x.Lapsed, x.Pending })
            .Select(g => new { g.Key.Status, g.Key.Booking, g.Key.Lapsed, g.Key.Pending, Count = g.Count() })
            .ToListAsync(ct);
        int Count(Func<string, string?, bool, bool> where) => rows.Where(r => where(r.Status, r.Booking, r.Lapsed)).Sum(r => r.Count);
        return new ReminderFigures(reminder.Key, reminder.Name, reminder.NameEn, reminder.AppointmentType, reminder.LeadDays,
            rows.Sum(r => r.Count),
            Count((s, _, _) => s == ReminderRecord.Proposed),
            Count((s, b, _) => s == ReminderRecord.Proposed && b == BookingRecord.Confirmed),
            Count((s, b, _) => s == ReminderRecord.Proposed && b == BookingRecord.Cancelled),
            Count((s, b, lapsed) => s == ReminderRecord.Proposed && (b == BookingRecord.Expired || lapsed)),
            Count((s, b, lapsed) => s == ReminderRecord.Proposed && b == BookingRecord.Held && !lapsed),
            Count((s, _, _) => s == ReminderRecord.WithoutSlot),
            Count((s, _, _) => s == ReminderRecord.AlreadyBooked),
            rows.Where(r => r.Pending).Sum(r => r.Count));
    }
}
