using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saas.Platform.Antibot;
using Saas.Platform.Audit;
using Saas.Platform.Data;

namespace Saas.Modules.Appointments.Features.Booking;

/// <param name="Language">The language the booking is made in (its e-mails are written in it); the request's if none.</param>
/// <param name="Altcha">The ALTCHA widget's payload (docs/adr/0036), required unless <c>Appointments:RequireAltcha</c> is off.</param>
internal sealed record ConfirmBookingRequest(string Token, string Name, DateOnly BirthDate, string Email, string? Language = null, string? Altcha = null);

/// <summary>
/// Confirms a held slot and binds it to the person (name, birth date, e-mail), so it cannot be passed on (docs/adr/0031).
/// The limits per e-mail address and per person count confirmed future bookings, and holds whose address is being
/// checked, under a transaction-scoped advisory lock on each, so two confirmations for the same address cannot both slip
/// under the limit. The ALTCHA solution is checked first and spent last, in the same transaction: a confirmation refused
/// for another reason keeps it usable. A hold already bound to a person (an expiry reminder's proposal, a waitlist offer)
/// is confirmed only by that person.
/// <para>
/// A guest's address is checked before the booking counts (docs/adr/0040, <c>Appointments:CheckEmail</c>): the slot
/// stays held for the person for <c>EmailCheckMinutes</c> and a link with a one-time code goes to the address;
/// <see cref="VerifyBookingEmail"/> confirms it. Not checked again: the address a waitlist offer was sent to.
/// </para>
/// </summary>
internal sealed class ConfirmBooking(AppointmentsDbContext db, BookingViews views, BookingMail mail, TextCatalog texts, IAuditTrail audit, TimeProvider clock,
    IOptions<AppointmentsOptions> options, Altcha altcha)
{
    /// <summary>An applicant's confirmation (API, portal): with an ALTCHA solution unless the authority switched it off.</summary>
    public Task<BookingView> ExecuteAsync(ConfirmBookingRequest request, CancellationToken ct = default) =>
        ConfirmAsync(request, options.Value.RequireAltcha, ct);

    /// <summary>A confirmation the platform itself makes (sample records), where no browser could do the proof of work and no one reads the e-mail.</summary>
    internal Task<BookingView> ExecuteWithoutProofAsync(ConfirmBookingRequest request, CancellationToken ct = default) =>
        ConfirmAsync(request, proofRequired: false, ct, emailChecked: true);

    private async Task<BookingView> ConfirmAsync(ConfirmBookingRequest request, bool proofRequired, CancellationToken ct, bool emailChecked = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var proof = proofRequired ? altcha.Verify(request.Altcha) : null;
        await using var work = await db.BeginWorkAsync(audit, ct);
        var booking = await views.FindAsync(request.Token ?? "", ct);
        if (booking.Status == BookingRecord.Confirmed)
        {
            throw AppointmentsProblems.AlreadyConfirmed();
        }

        if (booking.Status != BookingRecord.Held || booking.HoldExpiresAt <= now)
        {
            throw AppointmentsProblems.HoldExpired();
        }

        var (name, email) = Person(request.Name, request.BirthDate, request.Email, now);
        var lower = email.ToLowerInvariant();
        var person = BookingTokens.PersonKey(name, request.BirthDate);
        // A hold made for a person (a proposed slot of an expiry reminder, a waitlist offer) is theirs alone: not passed on.
        if (booking.PersonKey is { } bound && bound != person)
        {
            throw AppointmentsProblems.PersonBound(booking.BirthDate == request.BirthDate ? "name" : "birthDate");
        }

        var tenant = db.CurrentTenantId;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT pg_advisory_xact_lock(hashtextextended({"appointments:" + tenant + ":email:" + lower}, 0)), pg_advisory_xact_lock(hashtextextended({"appointments:" + tenant + ":person:" + person}, 0))", ct);
        var limits = options.Value;
        // What counts: confirmed future bookings, and holds of others whose address is being checked (a bot cannot
        // queue unchecked holds past the limit either).
        var counted = db.Bookings.Where(b => b.Id != booking.Id && b.StartsAt > now
            && (b.Status == BookingRecord.Confirmed || (b.Status == BookingRecord.Held && b.EmailCodeHash != null && b.HoldExpiresAt > now)));
        if (await counted.CountAsync(b => b.Email.ToLower() == lower, ct) >= limits.MaxBookingsPerEmail)
        {
            throw AppointmentsProblems.LimitPerEmail(limits.MaxBookingsPerEmail);
        }

        if (await counted.CountAsync(b => b.PersonKey == person, ct) >= limits.MaxBookingsPerPerson)
        {
            throw AppointmentsProblems.LimitPerPerson(limits.MaxBookingsPerPerson);
        }

        if (proof is not null)
        {
            await Altcha.SpendAsync(db, proof, ct);
        }

        // The address a waitlist offer went to is proven by its link; any other one is checked now, unless switched off.
        var offeredTo = booking.EmailCodeHash is null && booking.Email.Length > 0 && string.Equals(booking.Email, email, StringComparison.OrdinalIgnoreCase);
        if (!emailChecked && limits.CheckEmail && !offeredTo)
        {
            var check = BookingTokens.NewToken();
            if (booking.EmailCodeHash is null)
            {
                // Held for the person while they read their mail, once: sending the link again does not hold it longer.
                // A hold that runs longer already (an expiry reminder's days, a waitlist offer's hours) keeps its time.
                var until = now.AddMinutes(limits.EmailCheckMinutes);
                until = until < booking.StartsAt ? until : booking.StartsAt;
                booking.HoldExpiresAt = booking.HoldExpiresAt > until ? booking.HoldExpiresAt : until;
            }

            booking.EmailCodeHash = BookingTokens.Hash(check);
            booking.EmailCodeTries = 0;
            Bind(booking, name, request.BirthDate, person, email, LanguageOf(texts, request.Language));
            mail.AddLinkTo(booking, VerifyBookingEmail.LinkPath(request.Token!, check), BookingMail.CheckEmail);
            work.Record(new AuditEntry("appointments.booking.check-email", "booking", booking.Id.ToString(), null, PersonalData: true));
            await work.CommitAsync(ct);
            return await views.ViewAsync(booking, ct);
        }

        booking.Status = BookingRecord.Confirmed;
        booking.HoldExpiresAt = null;
        booking.ConfirmedAt = now;
        booking.Code = BookingTokens.NewCode();
        Bind(booking, name, request.BirthDate, person, email, LanguageOf(texts, request.Language));
        mail.Add(booking, request.Token!, BookingMail.Confirmed);
        work.Record(new AuditEntry("appointments.booking.confirm", "booking", booking.Id.ToString(), booking.Code, PersonalData: true));
        await work.CommitAsync(ct);
        return await views.ViewAsync(booking, ct);
    }

    private static void Bind(BookingRecord booking, string name, DateOnly birthDate, string person, string email, string language)
    {
        booking.PersonName = name;
        booking.BirthDate = birthDate;
        booking.PersonKey = person;
        booking.Email = email;
        booking.Language = language;
    }

    /// <summary>The person a booking (or a place on the waitlist) is bound to, checked: name with single spaces, a birth date, an address.</summary>
    internal static (string Name, string Email) Person(string? name, DateOnly birthDate, string? email, DateTimeOffset now)
    {
        var cleaned = string.Join(' ', (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (cleaned.Length is < 2 or > 200)
        {
            throw AppointmentsProblems.PersonInvalid("name");
        }

        if (birthDate.Year < 1900 || birthDate > DateOnly.FromDateTime(now.UtcDateTime))
        {
            throw AppointmentsProblems.PersonInvalid("birthDate");
        }

        var address = (email ?? "").Trim();
        if (address.Length > 254 || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || !address.Contains('.', StringComparison.Ordinal))
        {
            throw AppointmentsProblems.PersonInvalid("email");
        }

        return (cleaned, address);
    }

    /// <summary>A language the platform speaks (the given one, else the request's), so the e-mails can be written in it.</summary>
    internal static string LanguageOf(TextCatalog texts, string? requested)
    {
        var tag = string.IsNullOrWhiteSpace(requested) ? Saas.Platform.Web.L.Lang : requested.Trim();
        return texts.Languages.FirstOrDefault(l => string.Equals(l.Tag, tag, StringComparison.OrdinalIgnoreCase))?.Tag ?? TextCatalog.BaseLanguage;
    }
}
