using static Saas.Modules.Appointments.SpecValues;

namespace Saas.Modules.Appointments.Features.Reminders;

/// <summary>
/// A published or validated <c>expiry-reminder</c> document read into values (docs/adr/0038): which documents of the
/// e-Akte it watches (residence titles, optionally only under some legal bases, and passports), how many days before
/// their end the person is reminded, the appointment type whose reminders contingent the proposed slot comes from, the
/// window that slot must lie in (from <see cref="EarliestDays"/> after the letter to <see cref="LatestDaysBefore"/>
/// before the document ends), how many days the slot is held, and the two letters: one with the slot, one without.
/// </summary>
internal sealed record ExpiryReminderDefinition(
    string Key,
    string Name,
    string? NameEn,
    IReadOnlyList<string> Documents,
    IReadOnlyList<string> LegalBases,
    int LeadDays,
    string AppointmentType,
    int EarliestDays,
    int LatestDaysBefore,
    int HoldDays,
    string Letter,
    string FallbackLetter)
{
    public const string ResidenceTitle = "residence-title";
    public const string Passport = "passport";

    public const int DefaultEarliestDays = 14;
    public const int DefaultLatestDaysBefore = 7;
    public const int DefaultHoldDays = 14;

    /// <summary>Whether a document of the e-Akte is one this reminder watches.</summary>
    public bool Watches(string kind, string what) =>
        Documents.Contains(kind, StringComparer.Ordinal)
        && (kind != ResidenceTitle || LegalBases.Count == 0 || LegalBases.Contains(what, StringComparer.Ordinal));

    public static ExpiryReminderDefinition Read(string key, JsonNode spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new ExpiryReminderDefinition(
            key,
            Text(spec["name"]) ?? "",
            Text(spec["nameEn"]),
            Texts(spec["documents"]),
            Texts(spec["legalBases"]),
            Number(spec["leadDays"], 0),
            Text(spec["appointmentType"]) ?? "",
            Number(spec["earliestDays"], DefaultEarliestDays),
            Number(spec["latestDaysBefore"], DefaultLatestDaysBefore),
            Number(spec["holdDays"], DefaultHoldDays),
            Text(spec["letter"]) ?? "",
            Text(spec["fallbackLetter"]) ?? "");
    }
}
