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
    /// <summary>The check of a guest's address (docs/adr/0040): the link confirms the held slot.</summary>
    public const string CheckEmail = "appointments.mail.booking-check-email";

    public const string Moved = "appointments.mail.booking-moved";
    public const string Cancelled = "appointments.mail.booking-cancelled";

    /// <summary>Cancelled by the office (staff): the link leads to booking a new appointment, as staff never hold the booking's link.</summary>
    public const string CancelledByOffice = "appointments.mail.booking-cancelled-by-office";

    /// <summary>Moved by the office (staff): the link is the booking's new one.</summary>
    public const string MovedByOffice = "appointments.mail.booking-moved-by-office";

    /// <summary>A freed seat held for a person from the waitlist: the link is the booking's, to confirm it.</summary>
    public const string WaitlistOffer = "appointments.mail.waitlist-offer";

    /// <summary>The portal's booking start page.</summary>
    public const string StartPath = "termine";

    /// <summary>The booking's page on the portal: the link in every e-mail and on the confirmation page.</summary>
    public const string PagePath = "termine/buchung/";

    public void Add(BookingRecord booking, string token, string kind) => AddLinkTo(booking, PagePath + token, kind);

    /// <summary>An e-mail of <paramref name="kind"/> with the link to the portal's <paramref name="relative"/> page.</summary>
    public void AddLinkTo(BookingRecord booking, string relative, string kind)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (booking.Email.Length == 0)
        {
            return; // a hold let go before anyone was named
        }

        if (links.ToPortal(relative) is not { } link)
        {
            logger.LogWarning("Booking {Booking}: no e-mail, because neither Saas:PublicBaseUrl nor a host name of the authority is configured.", booking.Id);
            return;
        }

        db.AddMailNotification(clock, booking.Email, booking.Language, kind, link);
    }
}
