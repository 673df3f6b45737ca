using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Platform.Antibot;
using Saas.Platform.Audit;
using Saas.Platform.Data;
using Saas.Platform.Mail;

namespace Saas.Modules.Appointments.Features.Waitlist;

/// <param name="Earliest">The first day the person can come (today if none).</param>
/// <param name="Latest">The last day (the end of the booking horizon if none).</param>
internal sealed record JoinWaitlistRequest(string Type, string Name, DateOnly BirthDate, string Email, DateOnly? Earliest = null, DateOnly? Latest = null,
    string? Language = null, string? Altcha = null);

/// <summary>A place on the waitlist as its link shows it: the token withdraws it; once offered, the booking's link is in the e-mail.</summary>
internal sealed record WaitlistView(string? Token, string Type, string TypeName, DateOnly Earliest, DateOnly Latest, string Status);

/// <summary>
/// Puts a person on the waitlist of an appointment type for a range of days (issue 15, item 2): bound to the person like a
/// booking (one waiting place per person and type, by a unique index), with ALTCHA like a confirmation, in the
/// language the e-mails are to be written in. When a seat of a matching day is freed, <see cref="OfferFreedSeat"/> holds it
/// for the first who waits and e-mails them its link.
/// </summary>
internal sealed class JoinWaitlist(AppointmentsDbContext db, AppointmentTypeCatalogue types, TextCatalog texts, Altcha altcha, IAuditTrail audit, TimeProvider clock,
    IOptions<AppointmentsOptions> options, PublicLinks links)
{
    /// <summary>The place's page on the portal: the link of the e-mail that confirms the place.</summary>
    public const string PlacePath = "termine/warteliste/";

    public const string JoinedMail = "appointments.mail.waitlist-joined";

    /// <summary>An applicant's request (API, portal): with an ALTCHA solution unless the authority switched it off.</summary>
    public Task<WaitlistView> ExecuteAsync(JoinWaitlistRequest request, CancellationToken ct = default) => JoinAsync(request, options.Value.RequireAltcha, ct);

    /// <summary>A place the platform itself makes (sample records), where no browser could do the proof of work.</summary>
    internal Task<WaitlistView> ExecuteWithoutProofAsync(JoinWaitlistRequest request, CancellationToken ct = default) => JoinAsync(request, proofRequired: false, ct);

    private async Task<WaitlistView> JoinAsync(JoinWaitlistRequest request, bool proofRequired, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var proof = proofRequired ? altcha.Verify(request.Altcha) : null;
        var type = await types.GetAsync(request.Type ?? "", ct);
        var (name, email) = ConfirmBooking.Person(request.Name, request.BirthDate, request.Email, now);
        var today = SlotGrid.LocalDate(now);
        var last = SlotGrid.LastDay(type, now);
        var earliest = request.Earliest ?? today;
        var latest = request.Latest ?? last;
        if (earliest < today || latest > last || latest < earliest)
        {
            throw AppointmentsProblems.WaitlistRangeInvalid(today, last);
        }

        var token = BookingTokens.NewToken();
        var entry = new WaitlistRecord
        {
            TenantId = db.CurrentTenantId,
            AppointmentType = type.Key,
            PersonName = name,
            BirthDate = request.BirthDate,
            PersonKey = BookingTokens.PersonKey(name, request.BirthDate),
            Email = email,
            Language = ConfirmBooking.LanguageOf(texts, request.Language),
            Earliest = earliest,
            Latest = latest,
            TokenHash = BookingTokens.Hash(token),
            CreatedAt = now,
        };
        try
        {
            await using var work = await db.BeginWorkAsync(audit, ct);
            if (proof is not null)
            {
                await Altcha.SpendAsync(db, proof, ct);
            }

            db.Waitlist.Add(entry);
            work.Record(new AuditEntry("appointments.waitlist.join", "waitlist", entry.Id.ToString(), $"{type.Key} {earliest:yyyy-MM-dd}–{latest:yyyy-MM-dd}", PersonalData: true));
            await work.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "waitlist_one_per_person" })
        {
            throw AppointmentsProblems.WaitlistAlready(type.Key);
        }

        var link = links.ToPortal(PlacePath + token);
        if (link is not null)
        {
            db.AddMailNotification(clock, entry.Email, entry.Language, JoinedMail, link);
            await db.SaveChangesAsync(ct);
        }

        return new WaitlistView(token, type.Key, type.Name, earliest, latest, entry.Status);
    }
}

/// <summary>A place on the waitlist by its link: read it, or withdraw it while it waits.</summary>
internal sealed class WaitlistEntries(AppointmentsDbContext db, AppointmentTypeCatalogue types, IAuditTrail audit)
{
    public async Task<WaitlistView> ReadAsync(string token, CancellationToken ct = default)
    {
        var entry = await FindAsync(token, ct);
        return await ViewAsync(entry, ct);
    }

    public async Task<WaitlistView> WithdrawAsync(string token, CancellationToken ct = default)
    {
        await using var work = await db.BeginWorkAsync(audit, ct);
        var entry = await FindAsync(token, ct);
        if (entry.Status == WaitlistRecord.Waiting)
        {
            entry.Status = WaitlistRecord.Withdrawn;
            work.Record(new AuditEntry("appointments.waitlist.withdraw", "waitlist", entry.Id.ToString(), entry.AppointmentType));
        }

        await work.CommitAsync(ct);
        return await ViewAsync(entry, ct);
    }

    private async Task<WaitlistView> ViewAsync(WaitlistRecord entry, CancellationToken ct) =>
        new(null, entry.AppointmentType, (await types.FindAsync(entry.AppointmentType, ct))?.Name ?? entry.AppointmentType, entry.Earliest, entry.Latest, entry.Status);

    private async Task<WaitlistRecord> FindAsync(string token, CancellationToken ct)
    {
        var hash = BookingTokens.Hash(token ?? "");
        return await db.Waitlist.FirstOrDefaultAsync(w => w.TokenHash == hash, ct) ?? throw AppointmentsProblems.WaitlistNotFound();
    }
}
