using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Appointments.Features.Reminders;

/// <summary>
/// The <c>expiry-reminder</c> kind (docs/adr/0038). What one document can say is checked here (a document kind named
/// twice, a legal basis that grants no residence title, legal bases without titles to watch, a window for the slot that
/// is empty); that its appointment type exists and keeps seats for reminders, and that its letters exist, is checked
/// across the folder (<see cref="ExpiryReminderReferences"/>).
/// </summary>
internal static class ExpiryReminderKind
{
    public const string Name = "expiry-reminder";

    public static MetadataKind Create() => new(Name, AppointmentsModule.ModuleName, Schema) { Validate = Rules };

    internal static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        var reminder = ExpiryReminderDefinition.Read("", spec);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < reminder.Documents.Count; i++)
        {
            if (!seen.Add(reminder.Documents[i]))
            {
                yield return new MetadataRuleError($"$.documents[{i}]", LocalizedText.Of("appointments.rule.reminder-document-twice", ("document", reminder.Documents[i])));
            }
        }

        if (reminder.LegalBases.Count > 0 && !reminder.Documents.Contains(ExpiryReminderDefinition.ResidenceTitle, StringComparer.Ordinal))
        {
            yield return new MetadataRuleError("$.legalBases", LocalizedText.Of("appointments.rule.reminder-bases-without-titles"));
        }

        for (var i = 0; i < reminder.LegalBases.Count; i++)
        {
            if (!LegalBases.IsResidenceTitle(reminder.LegalBases[i]))
            {
                yield return new MetadataRuleError($"$.legalBases[{i}]", LocalizedText.Of("appointments.rule.reminder-basis-no-title", ("basis", reminder.LegalBases[i])));
            }
        }

        // The slot lies between earliestDays after the letter and latestDaysBefore the end, seen on the day of the letter.
        if (reminder.EarliestDays + reminder.LatestDaysBefore >= reminder.LeadDays)
        {
            yield return new MetadataRuleError("$.leadDays", LocalizedText.Of("appointments.rule.reminder-window-empty",
                ("lead", reminder.LeadDays), ("earliest", reminder.EarliestDays), ("latest", reminder.LatestDaysBefore)));
        }
    }

    private const string Schema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["name", "documents", "leadDays", "appointmentType", "letter", "fallbackLetter"],
          "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 200 },
            "nameEn": { "type": "string", "minLength": 1, "maxLength": 200 },
            "documents": { "type": "array", "minItems": 1, "maxItems": 2, "items": { "enum": ["residence-title", "passport"] } },
            "legalBases": { "type": "array", "maxItems": 60, "items": { "type": "string", "pattern": "^AufenthG-[0-9a-z]{1,6}$" } },
            "leadDays": { "type": "integer", "minimum": 7, "maximum": 365 },
            "appointmentType": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
            "earliestDays": { "type": "integer", "minimum": 1, "maximum": 180 },
            "latestDaysBefore": { "type": "integer", "minimum": 0, "maximum": 180 },
            "holdDays": { "type": "integer", "minimum": 1, "maximum": 60 },
            "letter": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
            "fallbackLetter": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" }
          }
        }
        """;
}
