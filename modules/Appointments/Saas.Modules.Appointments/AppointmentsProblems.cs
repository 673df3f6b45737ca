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

    public static SaasProblemException NotConfirmed() => Problem.Conflict("appointment-not-confirmed");

    public static SaasProblemException CutoffPassed(int hours) => Problem.Conflict("appointment-cutoff-passed", null, ("hours", hours));

    public static SaasProblemException PersonInvalid(string field) => Problem.Unprocessable("appointment-person-invalid", field, ("field", field));

    public static SaasProblemException LimitPerEmail(int max) => Problem.TooManyRequests("appointment-limit-email", null, ("max", max));

    public static SaasProblemException LimitPerPerson(int max) => Problem.TooManyRequests("appointment-limit-person", null, ("max", max));

    private static string Local(DateTimeOffset instant) =>
        Features.Availability.SlotGrid.ToLocal(instant).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
}
