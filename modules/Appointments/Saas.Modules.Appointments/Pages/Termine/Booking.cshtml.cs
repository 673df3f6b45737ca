using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Saas.Platform.Antibot;
using Saas.Modules.Appointments.Features.Booking;
using Saas.Platform.Web;

namespace Saas.Modules.Appointments.Pages.Termine;

/// <summary>
/// A booking by its link (the link token is the person's key, docs/adr/0031): a held slot is confirmed here with the
/// person's name, birth date and e-mail address (as <c>POST /api/appointments/bookings/confirm</c>) or let go; a
/// confirmed one shows its code, the <c>.ics</c>, and moving or cancelling it up to the cut-off. A guest's booking waits
/// for the check of the address (docs/adr/0040): the page says where the link went (and lets the address be corrected);
/// opened from the link (<c>?pruefung=</c>) it asks to book bindingly, by a POST, so a mail scanner's visit books nothing.
/// </summary>
internal sealed class BookingModel(ReadBooking read, ConfirmBooking confirm, VerifyBookingEmail verify, CancelBooking cancel, TimeProvider clock,
    IOptions<AppointmentsOptions> options) : PersonFormPage
{
    public string Token { get; private set; } = "";

    public BookingView Booking { get; private set; } = null!;

    /// <summary>What just happened (after the redirect): gebucht, verlegt, freigegeben.</summary>
    [FromQuery(Name = "erledigt")]
    public string? Done { get; set; }

    /// <summary>The decline link of an expiry reminder's letter (<c>?absage=1</c>): the page leads with letting the slot go.</summary>
    [FromQuery(Name = "absage")]
    public string? Decline { get; set; }

    /// <summary>The code of the e-mail link that checks the address (docs/adr/0040).</summary>
    [FromQuery(Name = "pruefung")]
    public string? CheckCode { get; set; }

    /// <summary>Whether the form shows the ALTCHA widget (<c>Appointments:RequireAltcha</c>).</summary>
    public bool AltchaRequired => options.Value.RequireAltcha;

    /// <summary>Whether sending the form books (the check of the address off, or an address a waitlist offer went to) or sends the check link.</summary>
    public bool SendsCheckLink => options.Value.CheckEmail
        && !(Booking.Status == BookingRecord.Held && Booking.Email is { Length: > 0 });

    public override string EmailHintKey => "appointments.portal.field.email-hint";

    /// <summary>Held and not yet run out: waiting for the person's details, or for the check of their address.</summary>
    public bool Held => Booking.Status is BookingRecord.Held or BookingRecord.AwaitingEmail && Booking.HoldExpiresAt > clock.GetUtcNow();

    /// <summary>Held for the person named, whose address is being checked.</summary>
    public bool AwaitingEmail => Held && Booking.Status == BookingRecord.AwaitingEmail;

    /// <summary>When the hold ends: its time, with the date when that is not today (an expiry reminder holds its slot for days).</summary>
    public string HeldUntil
    {
        get
        {
            var until = Features.Availability.SlotGrid.ToLocal(Booking.HoldExpiresAt!.Value);
            return DateOnly.FromDateTime(until.DateTime) == Features.Availability.SlotGrid.LocalDate(clock.GetUtcNow()) ? Time(until) : At(until);
        }
    }

    public bool Changeable => Booking.Status == "confirmed" && clock.GetUtcNow() <= Booking.ChangeableUntil;

    public async Task OnGetAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        // A seat the waitlist held for a person comes with their details: they only check and confirm them.
        if (Held && Booking.Name is { } name)
        {
            Name = name;
            Email = Booking.Email;
            BirthDate = Booking.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }

    public async Task<IActionResult> OnPostConfirmAsync(string token, CancellationToken ct)
    {
        var errors = CheckPerson(out var birthDate);
        var name = (Name ?? "").Trim();
        if (errors.Count > 0)
        {
            return await InvalidAsync(token, errors, ct);
        }

        return await SubmitAsync(async () =>
        {
            var view = await confirm.ExecuteAsync(new ConfirmBookingRequest(token, name, birthDate, Email!.Trim(), L.Lang, AltchaPayload), ct);
            return RedirectToPage(new { token, erledigt = view.Status == BookingRecord.AwaitingEmail ? "pruefen" : "gebucht" });
        }, async problem =>
        {
            if (problem.Code == "appointment-person-invalid" && problem.Detail is "name" or "birthDate" or "email")
            {
                Error = null;
                FieldErrors = new Dictionary<string, string> { [problem.Detail] = L.T("appointments.portal.error." + problem.Detail) };
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            }
            else if (problem.Code == "appointment-person-bound" && problem.Detail is "name" or "birthDate")
            {
                Error = null;
                FieldErrors = new Dictionary<string, string> { [problem.Detail] = L.T("appointments.portal.error.bound") };
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            }
            else if (problem.Detail == Altcha.Field)
            {
                Error = null;
                FieldErrors = new Dictionary<string, string> { [Altcha.Field] = L.T(problem.Title) };
            }

            await LoadAsync(token, ct);
        });
    }

    public async Task<IActionResult> OnPostVerifyAsync(string token, CancellationToken ct) =>
        await SubmitAsync(async () =>
        {
            await verify.ExecuteAsync(token, new VerifyBookingEmailRequest(CheckCode ?? ""), ct);
            return RedirectToPage(new { token, erledigt = "gebucht" });
        }, _ => LoadAsync(token, ct));

    public async Task<IActionResult> OnPostCancelAsync(string token, CancellationToken ct) =>
        await SubmitAsync(async () =>
        {
            var before = await read.ExecuteAsync(token, ct);
            await cancel.ExecuteAsync(token, ct);
            return before.Status is BookingRecord.Held or BookingRecord.AwaitingEmail ? RedirectToPage(new { token, erledigt = "freigegeben" }) : RedirectToPage(new { token });
        }, _ => LoadAsync(token, ct));

    private async Task<IActionResult> InvalidAsync(string token, Dictionary<string, string> errors, CancellationToken ct)
    {
        FieldErrors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(token, ct);
        return Page();
    }

    private async Task LoadAsync(string token, CancellationToken ct)
    {
        Token = token;
        Booking = await read.ExecuteAsync(token, ct);
    }
}
