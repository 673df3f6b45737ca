namespace Saas.Modules.Appointments.Features.Definitions;

/// <summary>
/// An appointment type as configuration (docs/adr/0028), ZMS' request × availability: key = the type's key; the spec
/// names one location and one of its services, the slot's duration, how many people are served in parallel, the
/// buffer after each slot, the minimum notice and the booking horizon, the cancellation cut-off and the shares of the
/// capacity reserved for reminders, the front office and urgent cases. Opening hours and holidays are the location's
/// and the federal state's (Organization). What one document can say is checked here; that its location and service
/// exist, that no two types cover the same location and service and that a video type's document type exists is checked across the folder
/// (<see cref="AppointmentTypeReferences"/>).
/// </summary>
internal static class AppointmentTypeKind
{
    public const string Name = "appointment-type";

    /// <summary>The longest slot with its buffer: longer ones are a mistake in minutes, not a service.</summary>
    public const int MaxSlotMinutes = 240;

    public static MetadataKind Create() => new(Name, AppointmentsModule.ModuleName, Schema) { Validate = Rules };

    internal static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        var type = AppointmentTypeDefinition.Read("", spec);
        if (type.DurationMinutes + type.BufferMinutes > MaxSlotMinutes)
        {
            yield return new MetadataRuleError("$.durationMinutes",
                LocalizedText.Of("appointments.rule.slot-too-long", ("minutes", type.DurationMinutes + type.BufferMinutes), ("max", MaxSlotMinutes)));
        }

        if (type.MinimumNoticeHours >= type.HorizonDays * 24)
        {
            yield return new MetadataRuleError("$.minimumNoticeHours",
                LocalizedText.Of("appointments.rule.notice-beyond-horizon", ("hours", type.MinimumNoticeHours), ("days", type.HorizonDays)));
        }

        if (type.CancellationCutoffHours >= type.HorizonDays * 24)
        {
            yield return new MetadataRuleError("$.cancellationCutoffHours",
                LocalizedText.Of("appointments.rule.cutoff-beyond-horizon", ("hours", type.CancellationCutoffHours), ("days", type.HorizonDays)));
        }

        for (var i = 0; i < type.Closures.Count; i++)
        {
            if (type.Closures[i].To < type.Closures[i].From)
            {
                yield return new MetadataRuleError($"$.closures[{i}].to",
                    LocalizedText.Of("appointments.rule.closure-ends-before-start", ("from", type.Closures[i].From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                        ("to", type.Closures[i].To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        // Reserved seats are whole seats of a slot; what is left is bookable online, and something must be.
        if (type.ReservedSeats >= type.Capacity)
        {
            yield return new MetadataRuleError("$.contingents",
                LocalizedText.Of("appointments.rule.contingents-exhaust-capacity", ("reserved", type.ReservedSeats), ("capacity", type.Capacity)));
        }
    }

    private const string Schema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["name", "location", "service", "durationMinutes", "capacity", "horizonDays"],
          "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 200 },
            "nameEn": { "type": "string", "minLength": 1, "maxLength": 200 },
            "location": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
            "service": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
            "durationMinutes": { "type": "integer", "minimum": 5, "maximum": 240 },
            "capacity": { "type": "integer", "minimum": 1, "maximum": 100 },
            "bufferMinutes": { "type": "integer", "minimum": 0, "maximum": 120 },
            "minimumNoticeHours": { "type": "integer", "minimum": 0, "maximum": 2160 },
            "horizonDays": { "type": "integer", "minimum": 1, "maximum": 365 },
            "cancellationCutoffHours": { "type": "integer", "minimum": 0, "maximum": 720 },
            "holdMinutes": { "type": "integer", "minimum": 1, "maximum": 30 },
            "closures": {
              "type": "array",
              "maxItems": 200,
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["from", "to"],
                "properties": {
                  "from": { "type": "string", "format": "date" },
                  "to": { "type": "string", "format": "date" },
                  "reason": { "type": "string", "maxLength": 200 }
                }
              }
            },
            "video": {
              "type": "object",
              "additionalProperties": false,
              "required": ["documentType"],
              "properties": {
                "documentType": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
                "opensMinutesBefore": { "type": "integer", "minimum": 0, "maximum": 60 },
                "closesMinutesAfter": { "type": "integer", "minimum": 0, "maximum": 120 }
              }
            },
            "contingents": {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "reminders": { "type": "number", "minimum": 0, "maximum": 1 },
                "frontOffice": { "type": "number", "minimum": 0, "maximum": 1 },
                "urgent": { "type": "number", "minimum": 0, "maximum": 1 }
              }
            }
          }
        }
        """;
}
