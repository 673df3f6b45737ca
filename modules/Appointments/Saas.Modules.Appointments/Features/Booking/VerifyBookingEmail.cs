using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saas.Platform.Audit;
using Saas.Platform.Data;
using Saas.Platform.Outbox;

namespace Saas.Modules.Appointments.Features.Booking;

internal sealed record VerifyBookingEmailRequest(string Code);

/// <summary>
/// The second step of a guest's booking (docs/adr/0040): the link e-mailed by <see cref="ConfirmBooking"/> carries the
/// booking's token and a one-time code; the code turns the held slot into a confirmed booking with its code and the
/// confirmation e-mail. A wrong code counts; after <c>EmailCheckTries</c> the hold is let go and its seat freed (the
/// waitlist hears of it), so the code cannot be guessed by whoever holds the token. Using the link again once the booking
/// is confirmed shows it as it is.
/// </summary>
internal sealed class VerifyBookingEmail(AppointmentsDbContext db, BookingViews views, BookingMail mail, IAuditTrail audit, TimeProvider clock, IOptions<AppointmentsOptions> options)
{
    /// <summary>The portal page the check e-mail links to: the booking's page with the code (<c>?pruefung=</c>).</summary>
    public static string LinkPath(string token, string code) => BookingMail.PagePath + token + "?pruefung=" + Uri.EscapeDataString(code);

    public async Task<BookingView> ExecuteAsync(string token, VerifyBookingEmailRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        await using var work = await db.BeginWorkAsync(audit, ct);
        var booking = await views.FindAsync(token ?? "", ct);
        if (booking.Status == BookingRecord.Confirmed)
        {
            return await views.ViewAsync(booking, ct);
        }

        if (booking.Status != BookingRecord.Held || booking.HoldExpiresAt <= now)
        {
            throw AppointmentsProblems.HoldExpired();
        }

        if (booking.EmailCodeHash is not { } expected)
        {
            throw AppointmentsProblems.EmailNotAwaited();
        }

        var code = (request.Code ?? "").Trim();
        if (code.Length is 0 or > 100 || !CryptographicOperations.FixedTimeEquals(BookingTokens.Hash(code), expected))
        {
            booking.EmailCodeTries++;
            var left = options.Value.EmailCheckTries - booking.EmailCodeTries;
            if (left <= 0)
            {
                await db.SlotSeats.Where(s => s.BookingId == booking.Id).ExecuteDeleteAsync(ct);
                db.AddIntegrationEvent(new Waitlist.SeatFreed(Guid.NewGuid(), db.CurrentTenantId, now, booking.AppointmentType, booking.StartsAt));
                booking.Status = BookingRecord.Expired;
                booking.HoldExpiresAt = null;
                work.Record(new AuditEntry("appointments.booking.email-code-spent", "booking", booking.Id.ToString(), null));
            }

            // The try is kept even though the request is refused.
            await work.CommitAsync(ct);
            throw left <= 0 ? AppointmentsProblems.EmailCodeSpent() : AppointmentsProblems.EmailCodeWrong(left);
        }

        booking.Status = BookingRecord.Confirmed;
        booking.HoldExpiresAt = null;
        booking.ConfirmedAt = now;
        booking.EmailCodeHash = null;
        booking.Code = BookingTokens.NewCode();
        mail.Add(booking, token!, BookingMail.Confirmed);
        work.Record(new AuditEntry("appointments.booking.confirm", "booking", booking.Id.ToString(), booking.Code, PersonalData: true));
        await work.CommitAsync(ct);
        return await views.ViewAsync(booking, ct);
    }
}
