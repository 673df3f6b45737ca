using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Modules.Cases.Contracts;
using Saas.Platform.Audit;
using Saas.Platform.Data;
using Saas.Platform.Identity;
using Saas.Platform.Outbox;

namespace Saas.Modules.Appointments.Features.Reminders;

/// <param name="Limit">At most this many documents are reminded in one run (default <see cref="RunReminders.DefaultLimit"/>); the rest count as remaining.</param>
internal sealed record RunRemindersRequest(int? Limit = null);

/// <summary>
/// What one run did: documents due (running out within the lead time, not reminded yet, the person's newest of their
/// kind), reminders with a proposed slot, without one (no free seat in the window: the plain reminder), persons who
/// already hold a booking of the type (no letter), documents whose window reaches past the booking horizon and found no
/// seat yet (they wait for the next run, as the horizon moves on), documents no longer the newest (superseded), and
/// those left for the next run by the limit.
/// </summary>
internal sealed record RunRemindersResult(string Reminder, int Due, int Proposed, int WithoutSlot, int AlreadyBooked, int Deferred, int Superseded, int Remaining);

/// <summary>
/// Runs one expiry reminder (issue 15, item 4; docs/adr/0038). Reads from the e-Akte the titles and passports that run
/// out within the lead time, leaves out what was reminded already (the table's unique key decides, so two runs at once
/// remind once), and for each in the order they run out proposes the first free seat of the appointment type's
/// reminders contingent between <c>earliestDays</c> from today and <c>latestDaysBefore</c> the document's end: a bulk of
/// renewals fills the contingent slot by slot over the days and never takes an online seat. The seat, its held booking
/// bound to the file's person and the reminder row are written by one statement in one transaction with the letter's
/// outbox event, so a crash leaves either all of them or none. The hold lasts <c>holdDays</c> (at most until the type's
/// minimum notice before the slot); a proposal declined or let run out frees the seat — holds that ran out are expired
/// at the start of every run. A document whose window lies wholly within the horizon and has no free seat gets the plain
/// reminder letter instead; one whose window reaches past the horizon waits for a later run.
/// </summary>
internal sealed class RunReminders(AppointmentsDbContext db, ExpiryReminders reminders, AppointmentTypeCatalogue types, FreeSlots slots,
    IResidenceDocuments residence, ICaseFileDirectory files, IAuditTrail audit, ICurrentActor actor, TimeProvider clock, ILogger<RunReminders> logger)
{
    public const int DefaultLimit = 500;

    public const int MaxLimit = 2_000;

    /// <summary>
    /// Takes the first free seat of the slot within the reminders contingent, its held booking, and the reminder row, in one
    /// statement: the seat's unique key decides a race for it, the reminder's unique key a race for the document. The
    /// statement's count is the reminder rows inserted: 0 when the slot had no free seat or the document was reminded meanwhile.
    /// </summary>
    private const string ProposeSql = """
        WITH candidate AS (
            SELECT g AS seat FROM generate_series({5}, {6} - 1) g
            WHERE NOT EXISTS (SELECT 1 FROM appointments.slot_seats x
                              WHERE x.tenant_id = {0} AND x.location = {2} AND x.service = {3} AND x.starts_at = {4} AND x.seat = g)
            ORDER BY g LIMIT 1),
        taken AS (
            INSERT INTO appointments.slot_seats (tenant_id, location, service, starts_at, seat, booking_id)
            SELECT {0}, {2}, {3}, {4}, c.seat, {1} FROM candidate c
            ON CONFLICT ON CONSTRAINT slot_seats_one_booking_per_seat DO NOTHING
            RETURNING seat),
        booking AS (
            INSERT INTO appointments.bookings (tenant_id, id, appointment_type, location, service, starts_at, ends_at, status, hold_expires_at,
                                               cancel_token_hash, email, person_name, birth_date, person_key, language, created_at)
            SELECT {0}, {1}, {7}, {2}, {3}, {4}, {8}, 'held', {9}, {10}, '', {11}, {12}::date, {13}, 'de', {14} FROM taken
            RETURNING id)
        INSERT INTO appointments.reminders (tenant_id, id, reminder, document_kind, document_id, valid_until, case_file_id, status, booking_id, letter, created_at)
        SELECT {0}, {15}, {16}, {17}, {18}, {19}, {20}, 'proposed', b.id, {21}, {14} FROM booking b
        ON CONFLICT ON CONSTRAINT reminders_once_per_document DO NOTHING
        """;

    private const string RemindSql = """
        INSERT INTO appointments.reminders (tenant_id, id, reminder, document_kind, document_id, valid_until, case_file_id, status, letter, created_at)
        VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9})
        ON CONFLICT ON CONSTRAINT reminders_once_per_document DO NOTHING
        """;

    public async Task<RunRemindersResult> ExecuteAsync(string key, RunRemindersRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = request.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw AppointmentsProblems.ReminderLimit(MaxLimit);
        }

        var reminder = await reminders.GetAsync(key, ct);
        var type = await types.FindAsync(reminder.AppointmentType, ct) ?? throw AppointmentsProblems.ReminderTypeMissing(reminder.Key, reminder.AppointmentType);
        using var job = actor.BeginJob("expiry-reminders");
        var now = clock.GetUtcNow();
        var today = SlotGrid.LocalDate(now);
        await ExpireLapsedHoldsAsync(type, now, ct);

        // What runs out within the lead time and is watched, less what was reminded for that expiry already.
        var expiring = (await residence.FindExpiringAsync(today, today.AddDays(reminder.LeadDays), ct))
            .Where(d => reminder.Watches(d.Kind, d.What)).ToList();
        var ids = expiring.Select(d => d.Id).ToList();
        var reminded = (await db.Reminders.AsNoTracking().Where(r => ids.Contains(r.DocumentId)).Select(r => new { r.DocumentId, r.ValidUntil }).ToListAsync(ct))
            .Select(r => (r.DocumentId, r.ValidUntil)).ToHashSet();
        var open = expiring.Where(d => !reminded.Contains((d.Id, d.ValidUntil))).ToList();
        var batch = open.Take(limit).ToList();
        var remaining = open.Count - batch.Count;

        // The person's newest title (passport) must be the one running out: a newer one takes them out.
        var due = new List<ExpiringResidenceDocument>();
        var superseded = 0;
        foreach (var document in batch)
        {
            var held = await residence.GetAsync(document.CaseFileId, ct);
            var newest = document.Kind == ExpiryReminderDefinition.Passport ? held.Passports.FirstOrDefault()?.Id : held.Titles.FirstOrDefault()?.Id;
            if (newest == document.Id)
            {
                due.Add(document);
            }
            else
            {
                superseded++;
            }
        }

        var persons = (await files.FindManyAsync([.. due.Select(d => d.CaseFileId).Distinct()], ct)).ToDictionary(f => f.Id);
        var booked = (await db.Bookings.AsNoTracking()
                .Where(b => b.AppointmentType == type.Key && b.Status == BookingRecord.Confirmed && b.StartsAt > now && b.PersonKey != null)
                .Select(b => b.PersonKey!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var plan = await SeatPlanAsync(type, today.AddDays(reminder.EarliestDays), now, ct);
        var lastDay = SlotGrid.LastDay(type, now);

        int proposed = 0, withoutSlot = 0, alreadyBooked = 0, deferred = 0;
        foreach (var document in due)
        {
            var person = persons.GetValueOrDefault(document.CaseFileId);
            var name = person is null ? "" : string.Join(' ', new[] { person.GivenNames, person.Surname }.Where(n => !string.IsNullOrWhiteSpace(n)));
            var personKey = person?.BirthDate is { } birth && name.Length > 0 ? BookingTokens.PersonKey(name, birth) : null;
            if (personKey is not null && booked.Contains(personKey))
            {
                alreadyBooked += await RemindAsync(reminder, document, ReminderRecord.AlreadyBooked, null, now, ct);
                continue;
            }

            var latest = document.ValidUntil.AddDays(-reminder.LatestDaysBefore);
            var placed = false;
            foreach (var slot in plan.FreeUntil(latest))
            {
                var outcome = await ProposeAsync(reminder, type, document, slot, name, person?.BirthDate, personKey, now, ct);
                if (outcome == Outcome.Proposed)
                {
                    plan.Take(slot);
                    proposed++;
                    placed = true;
                    break;
                }

                if (outcome == Outcome.AlreadyReminded)
                {
                    placed = true; // another run was quicker; the seat stays free for the next document
                    break;
                }

                plan.Full(slot); // taken meanwhile (a concurrent run, a move by the office)
            }

            if (placed)
            {
                continue;
            }

            // No seat: wait while the window reaches past the horizon (tomorrow's run sees one more day), else remind without one.
            if (latest > lastDay)
            {
                deferred++;
                continue;
            }

            withoutSlot += await RemindAsync(reminder, document, ReminderRecord.WithoutSlot, reminder.FallbackLetter, now, ct);
        }

        var result = new RunRemindersResult(reminder.Key, due.Count, proposed, withoutSlot, alreadyBooked, deferred, superseded, remaining);
        if (proposed + withoutSlot + alreadyBooked > 0)
        {
            await audit.RecordAsync(new AuditEntry("appointments.reminders.run", "tenant", null, string.Create(CultureInfo.InvariantCulture,
                $"{reminder.Key}: {due.Count} due, {proposed} proposed, {withoutSlot} without slot, {alreadyBooked} already booked, {deferred} deferred, {remaining} remaining")), ct);
            logger.LogInformation("Expiry reminder {Reminder}: {Due} due, {Proposed} proposed, {WithoutSlot} without slot, {AlreadyBooked} already booked, {Deferred} deferred, {Remaining} remaining",
                reminder.Key, due.Count, proposed, withoutSlot, alreadyBooked, deferred, remaining);
        }

        return result;
    }

    private enum Outcome
    {
        Proposed,
        SlotFull,
        AlreadyReminded,
    }

    private async Task<Outcome> ProposeAsync(ExpiryReminderDefinition reminder, AppointmentTypeDefinition type, ExpiringResidenceDocument document, SlotTime slot,
        string name, DateOnly? birthDate, string? personKey, DateTimeOffset now, CancellationToken ct)
    {
        var token = BookingTokens.NewToken();
        var bookingId = Guid.NewGuid();
        var reminderId = Guid.NewGuid();
        var lastHold = slot.Start.AddHours(-type.MinimumNoticeHours);
        var holdUntil = now.AddDays(reminder.HoldDays) < lastHold ? now.AddDays(reminder.HoldDays) : lastHold;
        var first = type.OnlineSeats;
        await using var work = await db.BeginWorkAsync(audit, ct);
        var inserted = await db.Database.ExecuteSqlRawAsync(ProposeSql,
            [
                db.CurrentTenantId, bookingId, type.Location, type.Service, slot.Start.ToUniversalTime(), first, first + type.RemindersSeats, type.Key,
                slot.End.ToUniversalTime(), holdUntil.ToUniversalTime(), BookingTokens.Hash(token), name,
                Maybe("birth_date", birthDate, NpgsqlDbType.Date), Maybe("person_key", personKey, NpgsqlDbType.Text), now.ToUniversalTime(),
                reminderId, reminder.Key, document.Kind, document.Id, document.ValidUntil, document.CaseFileId, reminder.Letter,
            ], ct);
        if (inserted == 0)
        {
            // Either the slot had no seat left, or the document was reminded meanwhile: then nothing of this may stay.
            var already = await db.Reminders.AnyAsync(r => r.DocumentId == document.Id && r.ValidUntil == document.ValidUntil, ct);
            return already ? Outcome.AlreadyReminded : Outcome.SlotFull;
        }

        db.AddIntegrationEvent(new ReminderLetterDue(Guid.NewGuid(), db.CurrentTenantId, now, reminderId, token, document.What));
        work.Record(new AuditEntry("appointments.reminder.propose", "casefile", document.CaseFileId.ToString(), string.Create(CultureInfo.InvariantCulture,
            $"{reminder.Key}: {document.Kind} {document.ValidUntil:yyyy-MM-dd} → {type.Key} {slot.Start:yyyy-MM-dd'T'HH:mm'Z'}, held until {holdUntil:yyyy-MM-dd'T'HH:mm'Z'}"), PersonalData: true));
        await work.CommitAsync(ct);
        return Outcome.Proposed;
    }

    /// <summary>A reminder without a slot (the fallback letter) or without a letter (already booked); 1 if written, 0 if reminded meanwhile.</summary>
    private async Task<int> RemindAsync(ExpiryReminderDefinition reminder, ExpiringResidenceDocument document, string status, string? letter, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        await using var work = await db.BeginWorkAsync(audit, ct);
        var inserted = await db.Database.ExecuteSqlRawAsync(RemindSql,
            [db.CurrentTenantId, id, reminder.Key, document.Kind, document.Id, document.ValidUntil, document.CaseFileId, status, Maybe("letter", letter, NpgsqlDbType.Text), now.ToUniversalTime()], ct);
        if (inserted == 0)
        {
            return 0;
        }

        if (letter is not null)
        {
            db.AddIntegrationEvent(new ReminderLetterDue(Guid.NewGuid(), db.CurrentTenantId, now, id, null, document.What));
        }

        work.Record(new AuditEntry("appointments.reminder." + status, "casefile", document.CaseFileId.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{reminder.Key}: {document.Kind} {document.ValidUntil:yyyy-MM-dd}"), PersonalData: true));
        await work.CommitAsync(ct);
        return 1;
    }

    /// <summary>A value that may be null, with its type said (an untyped null has no store type).</summary>
    private static NpgsqlParameter Maybe(string name, object? value, NpgsqlDbType type) => new(name, type) { Value = value ?? DBNull.Value };

    /// <summary>Holds of the type that ran out become 'expired' and give their seats back, all at once (a proposal let run out).</summary>
    private Task<int> ExpireLapsedHoldsAsync(AppointmentTypeDefinition type, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH expired AS (
                UPDATE appointments.bookings SET status = 'expired'
                WHERE tenant_id = {db.CurrentTenantId} AND appointment_type = {type.Key} AND status = 'held' AND hold_expires_at <= {now.ToUniversalTime()}
                RETURNING id)
            DELETE FROM appointments.slot_seats WHERE booking_id IN (SELECT id FROM expired)
            """, ct);

    /// <summary>The type's slots from <paramref name="from"/> to its horizon with the reminders contingent's free seats, read in one query.</summary>
    private async Task<SeatPlan> SeatPlanAsync(AppointmentTypeDefinition type, DateOnly from, DateTimeOffset now, CancellationToken ct)
    {
        var grid = await slots.GridAsync(type, from, SlotGrid.LastDay(type, now), now, ct);
        if (grid.Count == 0 || type.RemindersSeats == 0)
        {
            return new SeatPlan([]);
        }

        var first = grid[0].Start;
        var last = grid[^1].Start;
        var low = type.OnlineSeats;
        var high = type.OnlineSeats + type.RemindersSeats;
        var taken = await db.SlotSeats
            .Where(s => s.Location == type.Location && s.Service == type.Service && s.StartsAt >= first && s.StartsAt <= last && s.Seat >= low && s.Seat < high)
            .GroupBy(s => s.StartsAt)
            .Select(g => new { Start = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Start.ToUniversalTime(), x => x.Count, ct);
        return new SeatPlan([.. grid.Select(s => (s, type.RemindersSeats - taken.GetValueOrDefault(s.Start)))]);
    }

    /// <summary>
    /// The contingent's free seats per slot in time order, and the first slot with one: documents come in the order they
    /// run out and all share the same earliest day, so the first free slot only moves forward (one pass over the days).
    /// </summary>
    private sealed class SeatPlan((SlotTime Slot, int Free)[] slots)
    {
        private readonly (SlotTime Slot, int Free)[] slots = slots;
        private int first;

        /// <summary>The slots with a free seat on or before <paramref name="latest"/>, earliest first.</summary>
        public IEnumerable<SlotTime> FreeUntil(DateOnly latest)
        {
            while (first < slots.Length && slots[first].Free <= 0)
            {
                first++;
            }

            for (var i = first; i < slots.Length && SlotGrid.LocalDate(slots[i].Slot.Start) <= latest; i++)
            {
                if (slots[i].Free > 0)
                {
                    yield return slots[i].Slot;
                }
            }
        }

        public void Take(SlotTime slot) => Change(slot, -1);

        public void Full(SlotTime slot) => Change(slot, int.MinValue / 2);

        private void Change(SlotTime slot, int by)
        {
            var i = Array.FindIndex(slots, s => s.Slot.Start == slot.Start);
            slots[i].Free = Math.Max(0, slots[i].Free + by);
        }
    }
}
