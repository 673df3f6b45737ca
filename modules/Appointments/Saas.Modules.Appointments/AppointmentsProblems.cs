using System.Globalization;
using Saas.Platform.Errors;

namespace Saas.Modules.Appointments;

/// <summary>
/// The appointments module's problem catalogue (docs/adr/0012): one factory per code; the title is the text
/// <c>problem.{code}</c> in <c>Texts/appointments.texts.*.json</c>.
/// </summary>
internal static class AppointmentsProblems
{
    /// <summary>A slot that was just taken: the next free slots are offered with it (<c>alternatives</c>), not an error page.</summary>
    public static SaasProblemException SlotTaken(string type, DateTimeOffset startsAt, IReadOnlyList<object>? alternatives = null) =>
        Problem.Conflict("appointment-slot-taken", null, ("type", type), ("start", Local(startsAt)))
            .WithExtension("alternatives", alternatives ?? []);

    public static SaasProblemException SlotUnavailable(string type, DateTimeOffset startsAt) =>
        Problem.Unprocessable("appointment-slot-unavailable", null, ("type", type), ("start", Local(startsAt)));

    public static SaasProblemException TypeNotFound(string type) => Problem.NotFound("appointment-type-not-found", null, ("type", type));

    public static SaasProblemException RangeTooLong(int days, int max) => Problem.Unprocessable("appointment-range-too-long", null, ("days", days), ("max", max));

    public static SaasProblemException LocationNotFound(string location) => Problem.NotFound("appointment-location-not-found", null, ("location", location));

    public static SaasProblemException ReasonTooLong(int max) => Problem.Unprocessable("appointment-reason-too-long", "reason", ("max", max));

    public static SaasProblemException WaitlistAlready(string type) => Problem.Conflict("appointment-waitlist-already", null, ("type", type));

    public static SaasProblemException WaitlistNotFound() => Problem.NotFound("appointment-waitlist-not-found");

    public static SaasProblemException WaitlistRangeInvalid(DateOnly first, DateOnly last) => Problem.Unprocessable("appointment-waitlist-range", null,
        ("first", first.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)), ("last", last.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)));

    public static SaasProblemException BookingNotFound() => Problem.NotFound("appointment-booking-not-found");

    public static SaasProblemException HoldExpired() => Problem.Conflict("appointment-hold-expired");

    public static SaasProblemException AlreadyConfirmed() => Problem.Conflict("appointment-already-confirmed");

    /// <summary>The e-mail link's code is not this booking's (docs/adr/0040); <paramref name="left"/> tries remain.</summary>
    public static SaasProblemException EmailCodeWrong(int left) => Problem.Unprocessable("appointment-email-code-wrong", "code", ("left", left)).WithExtension("left", left);

    /// <summary>Too many wrong codes: the held slot was let go.</summary>
    public static SaasProblemException EmailCodeSpent() => Problem.Conflict("appointment-email-code-spent", "code");

    /// <summary>The booking waits for no e-mail check (not yet named, or already confirmed by another path).</summary>
    public static SaasProblemException EmailNotAwaited() => Problem.Conflict("appointment-email-not-awaited");

    public static SaasProblemException NotConfirmed() => Problem.Conflict("appointment-not-confirmed");

    public static SaasProblemException CutoffPassed(int hours) => Problem.Conflict("appointment-cutoff-passed", null, ("hours", hours));

    public static SaasProblemException PersonInvalid(string field) => Problem.Unprocessable("appointment-person-invalid", field, ("field", field));

    public static SaasProblemException LimitPerEmail(int max) => Problem.TooManyRequests("appointment-limit-email", null, ("max", max));

    public static SaasProblemException LimitPerPerson(int max) => Problem.TooManyRequests("appointment-limit-person", null, ("max", max));

    public static SaasProblemException ReminderNotFound(string reminder) => Problem.NotFound("appointment-reminder-not-found", null, ("reminder", reminder));

    public static SaasProblemException ReminderTypeMissing(string reminder, string type) =>
        Problem.Unprocessable("appointment-reminder-type-missing", null, ("reminder", reminder), ("type", type));

    public static SaasProblemException ReminderLimit(int max) => Problem.Unprocessable("appointment-reminder-limit", "limit", ("max", max));

    public static SaasProblemException VideoNotVideo() => Problem.NotFound("appointment-video-not-video");

    public static SaasProblemException VideoNotYetOpen(DateTimeOffset opensAt) => Problem.Conflict("appointment-video-not-open", null, ("opens", Local(opensAt)));

    public static SaasProblemException VideoClosed() => Problem.Conflict("appointment-video-closed");

    public static SaasProblemException VideoSignalInvalid(string field) => Problem.Unprocessable("appointment-video-signal-invalid", field, ("field", field));

    public static SaasProblemException VideoSignalLimit(int max) => Problem.TooManyRequests("appointment-video-signal-limit", null, ("max", max));

    public static SaasProblemException VideoUploadEmpty() => Problem.Unprocessable("appointment-video-upload-empty", "file");

    public static SaasProblemException VideoUploadTooLarge(long megabytes) => Problem.TooLarge("appointment-video-upload-too-large", "file", ("max", megabytes));

    public static SaasProblemException VideoNoCaseFile() => Problem.Conflict("appointment-video-no-file", "file");

    /// <summary>A held booking bound to a person (a proposal, a waitlist offer) confirmed with another person's name or birth date.</summary>
    public static SaasProblemException PersonBound(string field) => Problem.Unprocessable("appointment-person-bound", field, ("field", field));

    public static SaasProblemException CallSystemNotConfigured(string location) => Problem.NotFound("callsystem-not-configured", null, ("location", location));

    public static SaasProblemException CheckInCodeUnknown() => Problem.NotFound("callsystem-code-unknown", "code");

    public static SaasProblemException CheckInOtherAuthority() => Problem.Unprocessable("callsystem-code-other-authority", "code");

    public static SaasProblemException CheckInElsewhere(string location) => Problem.Unprocessable("callsystem-booking-elsewhere", "code", ("location", location));

    public static SaasProblemException CheckInTooEarly(DateTimeOffset from) => Problem.Unprocessable("callsystem-too-early", "code", ("from", Time(from)));

    public static SaasProblemException CheckInTooLate(DateTimeOffset start) => Problem.Unprocessable("callsystem-too-late", "code", ("start", Local(start)));

    public static SaasProblemException CallServiceUnknown(string service) => Problem.NotFound("callsystem-service-unknown", "service", ("service", service));

    public static SaasProblemException CallNoWalkIn(string service) => Problem.Unprocessable("callsystem-no-walk-in", "service", ("service", service));

    public static SaasProblemException CounterUnknown(string counter, string location) => Problem.NotFound("callsystem-counter-unknown", null, ("counter", counter), ("location", location));

    public static SaasProblemException CounterBusy(string counter) => Problem.Conflict("callsystem-counter-busy", null, ("counter", counter));

    public static SaasProblemException CounterNotForService(string counter, string service) =>
        Problem.Unprocessable("callsystem-counter-not-for-service", "counter", ("counter", counter), ("service", service));

    public static SaasProblemException TransferNowhere() => Problem.Unprocessable("callsystem-transfer-nowhere", "service");

    public static SaasProblemException TicketActionUnknown(string action, string known) => Problem.NotFound("callsystem-action-unknown", null, ("action", action), ("known", known));

    public static SaasProblemException TicketNotFound() => Problem.NotFound("callsystem-ticket-not-found");

    public static SaasProblemException TicketChanged(string number) => Problem.Conflict("callsystem-ticket-changed", null, ("number", number));

    public static SaasProblemException TicketNotHere(string number, string counter) => Problem.Conflict("callsystem-ticket-not-here", null, ("number", number), ("counter", counter));

    public static SaasProblemException ZoneUnknown(string zone, string location) => Problem.NotFound("callsystem-zone-unknown", null, ("zone", zone), ("location", location));

    private static string Time(DateTimeOffset instant) =>
        Features.Availability.SlotGrid.ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset instant) =>
        Features.Availability.SlotGrid.ToLocal(instant).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
}
