using Microsoft.Extensions.Logging;
using Saas.Platform.Mail;

namespace Saas.Modules.Appointments.Features.Booking;

/// <summary>
/// The e-mails of a booking (docs/adr/0034): confirmed, moved, cancelled — each only the authority's name and the
/// booking's link, in the language the booking was made in, written with the change so it is sent only when that commits.
/// </summary>
internal sealed class BookingMail(AppointmentsDbContext db, PublicLinks links, TimeProvider clock, ILogger<BookingMail> logger)
{
    public const string Confirmed = "appointments.mail.booking-confirmed";
    public const string Moved = "appointments.mail.booking-moved";
    public const string Cancelled = "appointments.mail.booking-cancelled";

    /// <summary>The booking's page on the portal: the link in every e-mail and on the confirmation page.</summary>
    public const string PagePath = "termine/buchung/";

    public void Add(BookingRecord booking, string token, string kind)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (booking.Email.Length == 0)
        {
            return; // a hold let go before anyone was named
        }

        if (links.ToPortal(PagePath + token) is not { } link)
        {
            logger.LogWarning("Booking {Booking}: no e-mail, because neither Saas:PublicBaseUrl nor a host name of the authority is configured.", booking.Id);
            return;
        }

        db.AddMailNotification(clock, booking.Email, booking.Language, kind, link);
    }
}
