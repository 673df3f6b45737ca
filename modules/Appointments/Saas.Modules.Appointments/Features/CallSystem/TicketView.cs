namespace Saas.Modules.Appointments.Features.CallSystem;

/// <summary>
/// A ticket as kiosk, counter and API show it. <see cref="Code"/> and <see cref="Person"/> (a booking's code and the
/// person it is bound to) are for staff only; the kiosk and the displays show the number alone.
/// </summary>
internal sealed record TicketView(
    Guid Id,
    string Number,
    string Location,
    string Service,
    string ServiceName,
    string Zone,
    string ZoneName,
    string Status,
    string? Counter,
    string? WantedCounter,
    int Calls,
    DateTimeOffset ArrivedAt,
    DateTimeOffset? AppointmentAt,
    DateTimeOffset? CalledAt,
    DateTimeOffset? FinishedAt,
    int Version,
    string? Code = null,
    string? Person = null)
{
    public static TicketView Of(TicketRecord t, CallSystemDefinition system, string? code = null, string? person = null) => new(
        t.Id, t.Number, t.Location, t.Service, system.Service(t.Service)?.Title ?? t.Service, t.Zone, system.Zone(t.Zone)?.Title ?? t.Zone, t.Status, t.Counter,
        t.WantedCounter, t.Calls, ToLocal(t.ArrivedAt), t.AppointmentAt is { } a ? ToLocal(a) : null, t.CalledAt is { } c ? ToLocal(c) : null,
        t.FinishedAt is { } f ? ToLocal(f) : null, t.Version, code, person);

    private static DateTimeOffset ToLocal(DateTimeOffset instant) => Availability.SlotGrid.ToLocal(instant);
}
