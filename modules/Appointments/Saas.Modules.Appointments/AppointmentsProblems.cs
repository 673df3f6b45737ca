using Saas.Platform.Errors;

namespace Saas.Modules.Appointments;

/// <summary>
/// The appointments module's problem catalogue (docs/adr/0012): one factory per code; the title is the text
/// <c>problem.{code}</c> in <c>Texts/appointments.texts.*.json</c>.
/// </summary>
internal static class AppointmentsProblems
{
    public static SaasProblemException SlotTaken(string type, DateTimeOffset startsAt) =>
        Problem.Conflict("appointment-slot-taken", null, ("type", type), ("start", startsAt.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
}
