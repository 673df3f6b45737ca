using Saas.Modules.Appointments.Features.Booking;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Platform.Modules;

namespace Saas.Modules.Appointments.Features.Samples;

/// <summary>
/// The authority's appointment records for the cross-tenant matrix (docs/adr/0013): an appointment type at the
/// Organization samples' location, carrying the marker, and one booking on it, confirmed for a person named with the
/// marker. The matrix calls the availability and the portal's slots page with the type, and every booking endpoint and page
/// with the booking's link token:
/// another authority's token is not found there (404), and no endpoint shows the booking to another authority; likewise a
/// place on the type's waitlist by its token. A call system at the location, its waiting zone and service carrying the
/// marker, and a walk-in ticket: another authority's ticket id is not found at the counter. An expiry reminder named with
/// the marker: another authority's staff see their own reminder of that key, never A's figures. The type is a video one:
/// another authority's token or booking id finds no video room.
/// </summary>
internal sealed class AppointmentsSamples(IMetadataStore store, ReserveSeat reserve, ConfirmBooking confirm, Waitlist.JoinWaitlist waitlist, CallSystem.CheckIn checkIn, TimeProvider clock) : IModuleSamples
{
    public const string TypeKey = "matrix-termin";

    public const string ReminderKey = "matrix-erinnerung";

    public string Module => AppointmentsModule.ModuleName;

    public async Task<ModuleSampleValues> CreateAsync(string marker, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        var document = await store.SaveDraftAsync($"""
            kind: {AppointmentTypeKind.Name}
            key: {TypeKey}
            spec:
              name: Termin {marker}
              location: hauptstelle
              service: residence-permit
              durationMinutes: 20
              capacity: 2
              horizonDays: 60
              video: {"{"} documentType: sonstiges {"}"}
            """, "samples", null, ct);
        await store.PublishAsync([(AppointmentTypeKind.Name, TypeKey)], "samples", ct);
        var type = AppointmentTypeDefinition.Read(TypeKey, document.Spec);
        var start = new DateTimeOffset(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(14).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        var held = await reserve.ReserveAsync(type, start, ct);
        await confirm.ExecuteWithoutProofAsync(new ConfirmBookingRequest(held.Token, $"Person {marker}", new DateOnly(1990, 5, 17), $"matrix-{marker.ToLowerInvariant()}@example.org"), ct);
        var waiting = await waitlist.ExecuteWithoutProofAsync(new Waitlist.JoinWaitlistRequest(TypeKey, $"Wartende {marker}", new DateOnly(1985, 2, 3), $"warte-{marker.ToLowerInvariant()}@example.org"), ct);
        await store.SaveDraftAsync($"""
            kind: {CallSystem.CallSystemKind.Name}
            key: hauptstelle
            spec:
              location: hauptstelle
              zones: [{"{"} key: warten, name: Warten {marker}, counters: [s1] {"}"}]
              services: [{"{"} service: residence-permit, name: Aufenthalt {marker}, zone: warten, prefix: A, walkIn: true {"}"}]
            """, "samples", null, ct);
        await store.PublishAsync([(CallSystem.CallSystemKind.Name, "hauptstelle")], "samples", ct);
        var ticket = await checkIn.WalkInAsync("hauptstelle", new CallSystem.DrawTicketRequest("residence-permit"), ct);
        await store.SaveDraftAsync($"""
            kind: {Reminders.ExpiryReminderKind.Name}
            key: {ReminderKey}
            spec:
              name: Erinnerung {marker}
              documents: [residence-title]
              leadDays: 60
              appointmentType: {TypeKey}
              letter: terminvorschlag
              fallbackLetter: ablauf-erinnerung
            """, "samples", null, ct);
        await store.PublishAsync([(Reminders.ExpiryReminderKind.Name, ReminderKey)], "samples", ct);
        return new ModuleSampleValues()
            .Add("/api/callsystem", "location", "hauptstelle")
            .Add("/api/callsystem", "zone", "warten")
            .Add("/api/callsystem", "counter", "s1")
            .Add("/api/callsystem", "id", ticket.Id.ToString())
            .Add("/api/callsystem", "action", CallSystem.Counter.Recall)
            .Add("/geraete", "location", "hauptstelle")
            .Add("/geraete", "zone", "warten")
            .Add("/api/appointments/reminders", "key", ReminderKey)
            .Add("/api/appointments/waitlist", "token", waiting.Token!)
            .Add("/termine/warteliste", "token", waiting.Token!)
            .Add("/api/appointments/availability", "type", TypeKey)
            .Add("/api/appointments/bookings", "token", held.Token)
            .Add("/api/appointments/schedule", "id", held.BookingId.ToString())
            .Add("/termine", "type", TypeKey)
            .Add("/termine/buchung", "token", held.Token)
            .Add("/api/appointments/video", "token", held.Token)
            .Add("/termine/video", "token", held.Token)
            .Add("/api/appointments/video-rooms", "id", held.BookingId.ToString())
            .Add("/workbench/termine/video", "id", held.BookingId.ToString())
            .Add("/workbench/termine/verlegen", "id", held.BookingId.ToString());
    }
}
