using Microsoft.EntityFrameworkCore;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Appointments.Features.Booking;

/// <summary>
/// A booking as the person holding its link sees it: times in Berlin's offset, until when it can be cancelled or
/// rebooked, and the person it is bound to (only to whoever has the link). <c>Status</c> is held, awaiting-email (held,
/// the person named, their address being checked), confirmed, cancelled or expired.
/// </summary>
internal sealed record BookingView(
    string? Code,
    string Status,
    string Type,
    string TypeName,
    string? TypeNameEn,
    string Location,
    string LocationName,
    string? Address,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset? HoldExpiresAt,
    DateTimeOffset ChangeableUntil,
    string? Name,
    string? Email,
    DateOnly? BirthDate = null,
    bool Video = false);

/// <summary>Finds a booking by its link token (only the hash is stored) and writes its view.</summary>
internal sealed class BookingViews(AppointmentsDbContext db, AppointmentTypeCatalogue types, IOrganizationDirectory organization)
{
    public async Task<BookingRecord> FindAsync(string token, CancellationToken ct)
    {
        var hash = BookingTokens.Hash(token);
        return await db.Bookings.FirstOrDefaultAsync(b => b.CancelTokenHash == hash, ct) ?? throw AppointmentsProblems.BookingNotFound();
    }

    /// <summary>The type of a booking; a type unpublished since keeps its key as name and no cut-off.</summary>
    public async Task<AppointmentTypeDefinition> TypeOfAsync(BookingRecord booking, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return await types.FindAsync(booking.AppointmentType, ct)
               ?? new AppointmentTypeDefinition(booking.AppointmentType, booking.AppointmentType, null, booking.Location, booking.Service,
                   (int)(booking.EndsAt - booking.StartsAt).TotalMinutes, 1, 0, 0, 1, 0, AppointmentTypeDefinition.DefaultHoldMinutes, 0, 0, 0);
    }

    public static DateTimeOffset ChangeableUntil(AppointmentTypeDefinition type, BookingRecord booking) =>
        booking.StartsAt.AddHours(-type.CancellationCutoffHours);

    public async Task<BookingView> ViewAsync(BookingRecord booking, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var type = await TypeOfAsync(booking, ct);
        var location = await organization.GetLocationAsync(booking.Location, ct);
        var address = location is null ? null : $"{location.Address.Street}, {location.Address.PostalCode} {location.Address.City}";
        return new BookingView(booking.Code, booking.AwaitsEmail ? BookingRecord.AwaitingEmail : booking.Status, type.Key, type.Name, type.NameEn, booking.Location, location?.Name ?? booking.Location, address,
            SlotGrid.ToLocal(booking.StartsAt), SlotGrid.ToLocal(booking.EndsAt), booking.HoldExpiresAt, SlotGrid.ToLocal(ChangeableUntil(type, booking)),
            booking.PersonName.Length > 0 ? booking.PersonName : null, booking.Email.Length > 0 ? booking.Email : null, booking.BirthDate, type.Video is not null);
    }
}
