using System.Globalization;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Platform.Modules;
using YamlDotNet.RepresentationModel;
using static Saas.Modules.Appointments.SpecValues;

namespace Saas.Modules.Appointments.Features.Reminders;

/// <summary>
/// What an expiry reminder names must exist across the authority's folder (docs/adr/0038): its appointment type among
/// the <c>appointment-type</c> documents, and that type must keep at least one seat of a slot for reminders (its
/// <c>contingents.reminders</c> share of the capacity, rounded down) — a reminder could otherwise never propose a slot;
/// its two letters among the <c>letter</c> documents. Errors name the file, line and column.
/// </summary>
internal sealed class ExpiryReminderReferences : IConfigurationSetCheck
{
    private const string LetterKind = "letter";

    public IEnumerable<MetadataError> Check(IReadOnlyList<ConfigurationFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var reminders = files.Where(f => f.Kind == ExpiryReminderKind.Name).OrderBy(f => f.File, StringComparer.Ordinal).ToList();
        if (reminders.Count == 0)
        {
            yield break;
        }

        var types = files.Where(f => f.Kind == AppointmentTypeKind.Name).ToDictionary(f => f.Key, f => ReminderSeats(YamlSpec(f.Yaml)), StringComparer.Ordinal);
        var letters = files.Where(f => f.Kind == LetterKind).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var file in reminders)
        {
            var spec = YamlSpec(file.Yaml);
            var type = YamlScalar(spec, "appointmentType");
            if (!types.TryGetValue(type?.Value ?? "", out var seats))
            {
                yield return Error(file, "$.spec.appointmentType", type, LocalizedText.Of("appointments.rule.reminder-unknown-type",
                    ("type", type?.Value ?? ""), ("known", string.Join(", ", types.Keys.Order(StringComparer.Ordinal)))));
            }
            else if (seats < 1)
            {
                yield return Error(file, "$.spec.appointmentType", type, LocalizedText.Of("appointments.rule.reminder-no-seats", ("type", type!.Value ?? "")));
            }

            foreach (var name in new[] { "letter", "fallbackLetter" })
            {
                var letter = YamlScalar(spec, name);
                if (!letters.Contains(letter?.Value ?? ""))
                {
                    yield return Error(file, "$.spec." + name, letter, LocalizedText.Of("appointments.rule.reminder-unknown-letter",
                        ("letter", letter?.Value ?? ""), ("known", string.Join(", ", letters.Order(StringComparer.Ordinal)))));
                }
            }
        }
    }

    /// <summary>The seats of each slot an appointment type keeps for reminders, as <see cref="AppointmentTypeDefinition.RemindersSeats"/> counts them.</summary>
    private static int ReminderSeats(YamlMappingNode spec)
    {
        var capacity = int.TryParse(YamlScalar(spec, "capacity")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : 0;
        var contingents = spec.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "contingents" }).Value as YamlMappingNode;
        var share = contingents is not null && double.TryParse(YamlScalar(contingents, "reminders")?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 0;
        return (int)Math.Floor(share * capacity + 1e-9);
    }
}
