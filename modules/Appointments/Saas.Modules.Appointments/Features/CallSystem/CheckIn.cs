using Microsoft.EntityFrameworkCore;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Platform.Audit;
using Saas.Platform.Data;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments.Features.CallSystem;

/// <param name="Code">What the kiosk read: the QR code of the confirmation (<c>SAAS-TERMIN:&lt;authority&gt;:&lt;code&gt;</c>) or the booking code typed in.</param>
internal sealed record CheckInRequest(string? Code);

/// <param name="Service">The service a walk-in draws a ticket for.</param>
internal sealed record DrawTicketRequest(string? Service);

/// <summary>
/// Check-in at a location's kiosk (issue 15, item 5; docs/adr/0037). With a booking: its QR code or code, on the day of
/// the appointment, from <c>checkIn.earlyMinutes</c> before to <c>checkIn.lateMinutes</c> after its start; a second
/// scan returns the same ticket. Without one: a ticket for a service the call system lets walk-ins draw. A QR code of
/// another authority is refused by name, not looked up.
/// </summary>
internal sealed class CheckIn(AppointmentsDbContext db, CallSystems systems, ICurrentTenant tenant, IAuditTrail audit, TimeProvider clock)
{
    public const string QrPrefix = "SAAS-TERMIN:";

    public const int MaxCodeLength = 100;

    /// <summary>What the confirmation's QR code holds: the authority's key and the booking code.</summary>
    public static string QrPayload(string tenantKey, string code) => QrPrefix + tenantKey + ":" + code;

    public async Task<TicketView> WithBookingAsync(string location, CheckInRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var system = await systems.GetAsync(location, ct);
        var code = ParseCode(request.Code, tenant.Tenant!.Key);
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Code == code && b.Status == BookingRecord.Confirmed, ct)
                      ?? throw AppointmentsProblems.CheckInCodeUnknown();
        if (booking.Location != system.Location)
        {
            throw AppointmentsProblems.CheckInElsewhere(booking.Location);
        }

        if (await db.Tickets.FirstOrDefaultAsync(t => t.BookingId == booking.Id, ct) is { } existing)
        {
            return TicketView.Of(existing, system);
        }

        var now = clock.GetUtcNow();
        if (now < booking.StartsAt.AddMinutes(-system.EarlyCheckInMinutes))
        {
            throw AppointmentsProblems.CheckInTooEarly(booking.StartsAt.AddMinutes(-system.EarlyCheckInMinutes));
        }

        if (now > booking.StartsAt.AddMinutes(system.LateCheckInMinutes))
        {
            throw AppointmentsProblems.CheckInTooLate(booking.StartsAt);
        }

        var service = system.Service(booking.Service) ?? throw AppointmentsProblems.CallServiceUnknown(booking.Service);
        return TicketView.Of(await IssueAsync(system, service, booking, now, ct), system);
    }

    public async Task<TicketView> WalkInAsync(string location, DrawTicketRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var system = await systems.GetAsync(location, ct);
        var service = system.Service(request.Service ?? "") ?? throw AppointmentsProblems.CallServiceUnknown(request.Service ?? "");
        if (!service.WalkIn)
        {
            throw AppointmentsProblems.CallNoWalkIn(service.Title);
        }

        return TicketView.Of(await IssueAsync(system, service, null, clock.GetUtcNow(), ct), system);
    }

    /// <summary>The booking code in what was read: the QR payload of this authority, or a typed code (case and spaces do not matter).</summary>
    internal static string ParseCode(string? read, string tenantKey)
    {
        var text = (read ?? "").Trim();
        if (text.Length is 0 or > MaxCodeLength)
        {
            throw AppointmentsProblems.CheckInCodeUnknown();
        }

        if (text.StartsWith(QrPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var parts = text[QrPrefix.Length..].Split(':');
            if (parts.Length != 2)
            {
                throw AppointmentsProblems.CheckInCodeUnknown();
            }

            if (!string.Equals(parts[0], tenantKey, StringComparison.Ordinal))
            {
                throw AppointmentsProblems.CheckInOtherAuthority();
            }

            text = parts[1];
        }

        var letters = new string([.. text.ToUpperInvariant().Where(char.IsLetterOrDigit)]);
        return letters.Length == 8 ? letters[..4] + "-" + letters[4..] : throw AppointmentsProblems.CheckInCodeUnknown();
    }

    private async Task<TicketRecord> IssueAsync(CallSystemDefinition system, CallService service, BookingRecord? booking, DateTimeOffset now, CancellationToken ct)
    {
        var day = Availability.SlotGrid.LocalDate(now);
        await using var work = await db.BeginWorkAsync(audit, ct);
        // One upsert hands out the location's next number of the day; its row lock keeps two kiosks apart.
        var seq = (await db.Database.SqlQuery<int>($"""
            INSERT INTO appointments.ticket_numbers (tenant_id, location, day, last) VALUES ({db.CurrentTenantId}, {system.Location}, {day}, 1)
            ON CONFLICT (tenant_id, location, day) DO UPDATE SET last = appointments.ticket_numbers.last + 1
            RETURNING last AS "Value"
            """).ToListAsync(ct))[0];
        var ticket = new TicketRecord
        {
            TenantId = db.CurrentTenantId,
            Location = system.Location,
            Day = day,
            Seq = seq,
            Number = service.Prefix + seq.ToString("000", System.Globalization.CultureInfo.InvariantCulture),
            Service = service.Service,
            Zone = service.Zone,
            BookingId = booking?.Id,
            AppointmentAt = booking?.StartsAt,
            ArrivedAt = now,
        };
        db.Tickets.Add(ticket);
        work.Record(new AuditEntry("appointments.ticket.issue", "ticket", ticket.Id.ToString(),
            booking is null ? $"{ticket.Number} walk-in {service.Service}" : $"{ticket.Number} booking {booking.Code}"));
        try
        {
            await work.CommitAsync(ct);
        }
        catch (DbUpdateException) when (booking is not null)
        {
            // The same code scanned at two kiosks at once: the first ticket stands.
            db.ChangeTracker.Clear();
            return await db.Tickets.AsNoTracking().FirstAsync(t => t.BookingId == booking.Id, ct);
        }

        return ticket;
    }
}
