using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments.Features.Booking;

/// <summary>
/// The <c>.ics</c> of a confirmed booking (RFC 5545, written with Ical.Net): one event with the booking's id as UID,
/// start and end in UTC, the location's address and the booking code. A hold or a cancelled booking has none.
/// </summary>
internal sealed class BookingCalendar(BookingViews views, ITexts texts, ICurrentTenant tenant, TimeProvider clock)
{
    public const string ContentType = "text/calendar";

    public async Task<(byte[] Content, string FileName)> ExecuteAsync(string token, CancellationToken ct = default)
    {
        var booking = await views.FindAsync(token ?? "", ct);
        if (booking.Status != Booking.BookingRecord.Confirmed)
        {
            throw AppointmentsProblems.NotConfirmed();
        }

        var view = await views.ViewAsync(booking, ct);
        var calendar = new Calendar { ProductId = "-//Saas//Appointments//DE" };
        calendar.Method = "PUBLISH";
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{booking.Id}@{tenant.Tenant?.Key ?? "saas"}",
            Summary = view.TypeName,
            Location = view.Address is null ? view.LocationName : $"{view.LocationName}, {view.Address}",
            Description = texts.Get("appointments.ics.description", ("code", view.Code), ("name", view.Name)),
            DtStamp = new CalDateTime(clock.GetUtcNow().UtcDateTime, "UTC"),
            DtStart = new CalDateTime(booking.StartsAt.UtcDateTime, "UTC"),
            DtEnd = new CalDateTime(booking.EndsAt.UtcDateTime, "UTC"),
        });
        var text = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return (System.Text.Encoding.UTF8.GetBytes(text), $"termin-{view.Code}.ics");
    }
}
