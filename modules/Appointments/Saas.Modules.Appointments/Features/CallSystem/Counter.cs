using Microsoft.EntityFrameworkCore;
using Saas.Modules.Organization.Contracts;
using Saas.Platform.Audit;
using Saas.Platform.Data;

namespace Saas.Modules.Appointments.Features.CallSystem;

/// <param name="Service">Transfer: the service (and so the zone) the person waits for next.</param>
/// <param name="Counter">Transfer: the one counter that calls the person next.</param>
/// <param name="Version">The ticket's version the counter saw; a ticket changed meanwhile is a conflict.</param>
internal sealed record TicketActionRequest(int? Version = null, string? Service = null, string? Counter = null);

/// <summary>What a counter sees: its ticket in service (if any) and the people waiting for it and parked at it.</summary>
internal sealed record CounterState(string Location, string Counter, string CounterName, TicketView? Current, IReadOnlyList<TicketView> Waiting, IReadOnlyList<TicketView> Parked);

/// <summary>
/// The counter's actions (issue 15, item 5; docs/adr/0037). <b>Call next</b> takes the first waiting ticket of the
/// counter's zones — one transferred to this counter first; then, under <c>appointments-first</c>, booked appointments
/// that are due (start within <c>onTimeMinutes</c>) by their start; then everybody by arrival — with <c>FOR UPDATE SKIP
/// LOCKED</c>, so two counters calling at once get two people. A counter serves one ticket at a time (a unique index).
/// <b>Recall</b> calls again; <b>park</b> sets a ticket aside at the counter (the person fetches a document) and
/// <b>resume</b> calls it back; <b>no-show</b> and <b>done</b> end it; <b>transfer</b> puts it back in the queue of
/// another service or counter, keeping its number and its place by arrival. Every call is announced to the zone's
/// displays when it commits.
/// </summary>
internal sealed class Counter(AppointmentsDbContext db, CallSystems systems, IOrganizationDirectory organization, IAuditTrail audit, TimeProvider clock)
{
    public const string Recall = "recall";
    public const string Park = "park";
    public const string Resume = "resume";
    public const string NoShowAction = "no-show";
    public const string DoneAction = "done";
    public const string Transfer = "transfer";

    public static readonly IReadOnlyList<string> Actions = [Recall, Park, Resume, NoShowAction, DoneAction, Transfer];

    public async Task<CounterState> ReadAsync(string location, string counter, CancellationToken ct = default)
    {
        var (system, name) = await CounterOfAsync(location, counter, ct);
        return await StateAsync(system, counter, name, ct);
    }

    public async Task<CounterState> CallNextAsync(string location, string counter, CancellationToken ct = default)
    {
        var (system, name) = await CounterOfAsync(location, counter, ct);
        var services = system.ServicesOf(counter).ToArray();
        var now = clock.GetUtcNow();
        var day = Availability.SlotGrid.LocalDate(now);
        var appointmentsFirst = system.Rule == CallSystemDefinition.AppointmentsFirst;
        var due = now.AddMinutes(system.OnTimeMinutes);
        await using var work = await db.BeginWorkAsync(audit, ct);
        if (await db.Tickets.AnyAsync(t => t.Location == system.Location && t.Counter == counter && t.Status == TicketRecord.Called, ct))
        {
            throw AppointmentsProblems.CounterBusy(name);
        }

        var ticket = (await db.Tickets.FromSqlInterpolated($"""
            SELECT * FROM appointments.tickets
            WHERE location = {system.Location} AND day = {day} AND status = 'waiting' AND service = ANY({services})
              AND (wanted_counter IS NULL OR wanted_counter = {counter})
            ORDER BY (wanted_counter IS NOT NULL) DESC,
                     (CASE WHEN {appointmentsFirst} AND appointment_at IS NOT NULL AND appointment_at <= {due} THEN 0 ELSE 1 END),
                     (CASE WHEN {appointmentsFirst} AND appointment_at IS NOT NULL AND appointment_at <= {due} THEN appointment_at END),
                     arrived_at, seq
            LIMIT 1 FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct)).FirstOrDefault();
        if (ticket is null)
        {
            return await StateAsync(system, counter, name, ct);
        }

        Call(ticket, counter, now);
        await CallBoard.AnnounceAsync(db, Announcement(ticket, name, recall: false), ct);
        work.Record(new AuditEntry("appointments.ticket.call", "ticket", ticket.Id.ToString(), $"{ticket.Number} to {counter}"));
        await CommitAsync(work, name, ct);
        return await StateAsync(system, counter, name, ct);
    }

    public async Task<CounterState> ActAsync(string location, string counter, Guid ticketId, string action, TicketActionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Actions.Contains(action))
        {
            throw AppointmentsProblems.TicketActionUnknown(action, string.Join(", ", Actions));
        }

        var (system, name) = await CounterOfAsync(location, counter, ct);
        var now = clock.GetUtcNow();
        await using var work = await db.BeginWorkAsync(audit, ct);
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId && t.Location == system.Location, ct) ?? throw AppointmentsProblems.TicketNotFound();
        if (request.Version is { } seen && seen != ticket.Version)
        {
            throw AppointmentsProblems.TicketChanged(ticket.Number);
        }

        // Only the counter that holds a ticket acts on it: called at it, or parked at it.
        var expected = action == Resume ? TicketRecord.Parked : TicketRecord.Called;
        if (ticket.Status != expected || ticket.Counter != counter)
        {
            throw AppointmentsProblems.TicketNotHere(ticket.Number, name);
        }

        switch (action)
        {
            case Recall:
                ticket.Calls++;
                ticket.CalledAt = now;
                await CallBoard.AnnounceAsync(db, Announcement(ticket, name, recall: true), ct);
                break;
            case Park:
                ticket.Status = TicketRecord.Parked;
                break;
            case Resume:
                if (await db.Tickets.AnyAsync(t => t.Location == system.Location && t.Counter == counter && t.Status == TicketRecord.Called, ct))
                {
                    throw AppointmentsProblems.CounterBusy(name);
                }

                Call(ticket, counter, now);
                await CallBoard.AnnounceAsync(db, Announcement(ticket, name, recall: true), ct);
                break;
            case NoShowAction:
                ticket.Status = TicketRecord.NoShow;
                ticket.FinishedAt = now;
                break;
            case DoneAction:
                ticket.Status = TicketRecord.Done;
                ticket.FinishedAt = now;
                break;
            case Transfer:
                await TransferAsync(system, ticket, request, ct);
                break;
        }

        ticket.Version++;
        work.Record(new AuditEntry("appointments.ticket." + action, "ticket", ticket.Id.ToString(), $"{ticket.Number} at {counter}"));
        await CommitAsync(work, name, ct, ticket.Number);
        return await StateAsync(system, counter, name, ct);
    }

    private async Task TransferAsync(CallSystemDefinition system, TicketRecord ticket, TicketActionRequest request, CancellationToken ct)
    {
        var service = system.Service(request.Service ?? ticket.Service) ?? throw AppointmentsProblems.CallServiceUnknown(request.Service ?? "");
        if (request.Counter is { Length: > 0 } target)
        {
            var (_, targetName) = await CounterOfAsync(system.Location, target, ct);
            if (!system.ServicesOf(target).Contains(service.Service))
            {
                throw AppointmentsProblems.CounterNotForService(targetName, service.Title);
            }
        }
        else if (service.Service == ticket.Service)
        {
            throw AppointmentsProblems.TransferNowhere();
        }

        ticket.Status = TicketRecord.Waiting;
        ticket.Service = service.Service;
        ticket.Zone = service.Zone;
        ticket.WantedCounter = request.Counter is { Length: > 0 } c ? c : null;
        ticket.Counter = null;
        ticket.CalledAt = null;
    }

    private static void Call(TicketRecord ticket, string counter, DateTimeOffset now)
    {
        ticket.Status = TicketRecord.Called;
        ticket.Counter = counter;
        ticket.WantedCounter = null;
        ticket.Calls++;
        ticket.CalledAt = now;
        ticket.FirstCalledAt ??= now;
        ticket.Version++;
    }

    private CallEvent Announcement(TicketRecord ticket, string counterName, bool recall) =>
        new(db.CurrentTenantId, ticket.Location, ticket.Zone, ticket.Number, ticket.Counter!, counterName, ticket.CalledAt!.Value, recall);

    private static async Task CommitAsync(UnitOfWork work, string counterName, CancellationToken ct, string? number = null)
    {
        try
        {
            await work.CommitAsync(() => AppointmentsProblems.TicketChanged(number ?? ""), ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Two clicks on "call next" at one counter: the database lets one counter serve one ticket.
            throw AppointmentsProblems.CounterBusy(counterName);
        }
    }

    private async Task<(CallSystemDefinition System, string CounterName)> CounterOfAsync(string location, string counter, CancellationToken ct)
    {
        var system = await systems.GetAsync(location, ct);
        var place = await organization.GetLocationAsync(system.Location, ct);
        var info = place?.Counters.FirstOrDefault(c => c.Key == counter);
        if (info is null || system.ServicesOf(counter).Count == 0)
        {
            throw AppointmentsProblems.CounterUnknown(counter ?? "", system.Location);
        }

        return (system, info.Name);
    }

    private async Task<CounterState> StateAsync(CallSystemDefinition system, string counter, string name, CancellationToken ct)
    {
        var services = system.ServicesOf(counter).ToArray();
        var day = Availability.SlotGrid.LocalDate(clock.GetUtcNow());
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => t.Location == system.Location && t.Day == day
                        && ((t.Counter == counter && (t.Status == TicketRecord.Called || t.Status == TicketRecord.Parked))
                            || (t.Status == TicketRecord.Waiting && services.Contains(t.Service) && (t.WantedCounter == null || t.WantedCounter == counter))))
            .OrderBy(t => t.ArrivedAt).ThenBy(t => t.Seq).ToListAsync(ct);
        var bookings = tickets.Where(t => t.BookingId is not null).Select(t => t.BookingId!.Value).ToList();
        var people = await db.Bookings.AsNoTracking().Where(b => bookings.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, b => (b.Code, b.PersonName), ct);
        TicketView View(TicketRecord t) => t.BookingId is { } b && people.TryGetValue(b, out var p) ? TicketView.Of(t, system, p.Code, p.PersonName) : TicketView.Of(t, system);
        return new CounterState(system.Location, counter, name,
            tickets.FirstOrDefault(t => t.Status == TicketRecord.Called) is { } current ? View(current) : null,
            [.. tickets.Where(t => t.Status == TicketRecord.Waiting).Select(View)],
            [.. tickets.Where(t => t.Status == TicketRecord.Parked).Select(View)]);
    }
}
