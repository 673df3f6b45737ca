using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Modules.Letters.Contracts;
using Saas.Modules.Organization.Contracts;
using Saas.Platform.Identity;
using Saas.Platform.Mail;
using Saas.Platform.Outbox;

namespace Saas.Modules.Appointments.Features.Reminders;

/// <summary>
/// A reminder's letter is due (written with the reminder row). <paramref name="Token"/> is the proposed booking's link
/// token — only here in clear, as in a booking e-mail's link, since the booking keeps its hash; null for a reminder
/// without a slot. <paramref name="What"/> is the document's legal basis (a title) or issuing state (a passport).
/// </summary>
internal sealed record ReminderLetterDue(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid ReminderId, string? Token, string What = "") : IIntegrationEvent;

/// <summary>
/// Produces a reminder's letter into the person's file (docs/adr/0038): with a proposed slot, its date, time, place, the
/// day the hold ends and the links to accept or decline it (the booking's page); without one, the plain reminder. Once:
/// the outbox may deliver again, so a reminder whose letter is noted is not written a second time. Values are written as
/// a German letter writes them (the letters' language is German unless a translation is chosen, docs/adr/0023).
/// </summary>
internal sealed class ProduceReminderLetter(AppointmentsDbContext db, ILetters letters, IOrganizationDirectory organization, PublicLinks links, ICurrentActor actor,
    TimeProvider clock) : IIntegrationEventHandler<ReminderLetterDue>
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public async Task HandleAsync(ReminderLetterDue due, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(due);
        var reminder = await db.Reminders.SingleOrDefaultAsync(r => r.Id == due.ReminderId, ct);
        if (reminder is null || reminder.LetterDocument is not null || reminder.Letter is null)
        {
            return;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["document"] = DocumentText(reminder.DocumentKind, due.What),
            ["expiryDate"] = reminder.ValidUntil.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
        };
        if (reminder.BookingId is { } bookingId && due.Token is { } token)
        {
            var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId, ct);
            var location = await organization.GetLocationAsync(booking.Location, ct);
            var start = SlotGrid.ToLocal(booking.StartsAt);
            var page = BookingMail.PagePath + token;
            values["appointmentDate"] = start.ToString("dddd, dd.MM.yyyy", German);
            values["appointmentTime"] = start.ToString("HH:mm", CultureInfo.InvariantCulture);
            values["location"] = location is null ? booking.Location : $"{location.Name}, {location.Address.Street}, {location.Address.PostalCode} {location.Address.City}";
            values["holdUntil"] = SlotGrid.ToLocal(booking.HoldExpiresAt ?? booking.StartsAt).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
            values["acceptLink"] = Link(page);
            values["declineLink"] = Link(page + "?absage=1");
        }

        using var job = actor.BeginJob("expiry-reminders");
        var produced = await letters.ProduceAsync(new LetterRequest(reminder.Letter, reminder.CaseFileId, null, null, values), ct);
        reminder.LetterDocument = produced.DocumentId;
        reminder.LetterAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>How the letter names the document: the title with its legal basis, or the passport with its issuing state.</summary>
    internal static string DocumentText(string kind, string what) => kind == ExpiryReminderDefinition.Passport
        ? TextCatalog.Shared.Format(LocalizedText.Of("appointments.reminder.document.passport", ("state", what)), German)
        : TextCatalog.Shared.Format(LocalizedText.Of("appointments.reminder.document.residence-title", ("basis", LegalBases.Display(what))), German);

    private string Link(string relative) => links.ToPortal(relative)?.ToString() ?? "/" + relative;
}
