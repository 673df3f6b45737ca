using Saas.Modules.Cases.Contracts;
using Saas.Platform.Modules;

namespace Saas.Modules.Letters.Features.Samples;

/// <summary>
/// A published letter of the current authority whose placeholder label carries the marker (the list shows it), for the
/// cross-tenant matrix; the preview is asked for with the e-Akte's sample file of the same authority (its person's surname
/// is the marker; the e-Akte's samples are made before these), so another authority's caller sends an id it must not reach.
/// </summary>
internal sealed class LettersSamples(IMetadataStore metadata, ICaseFileDirectory files) : IModuleSamples
{
    public const string Key = "muster-brief";

    public string Module => LettersModule.ModuleName;

    public async Task<ModuleSampleValues> CreateAsync(string marker, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        await metadata.SaveDraftAsync($$"""
            kind: letter
            key: {{Key}}
            spec:
              template: terminbestaetigung
              documentType: schriftverkehr
              placeholders:
                - { name: appointmentDate, label: "Termin {{marker}}", labelEn: "Appointment {{marker}}", required: true }
                - { name: appointmentTime, label: Uhrzeit, labelEn: Time, required: true }
                - { name: location, label: Ort, labelEn: Place, required: true }
              texts:
                - language: de
                  blocks:
                    - { name: subject, text: "Terminbestätigung {{marker}}" }
                    - { name: salutation, text: "Guten Tag {personName}," }
                    - { name: body, text: "Ihr Termin ist am {appointmentDate} um {appointmentTime} in {location}." }
                    - { name: bring, text: "Bitte bringen Sie Ihren Pass mit." }
                    - { name: closing, text: "Mit freundlichen Grüßen" }
            """, "samples", null, ct);
        await metadata.PublishAsync(null, "samples", ct);
        var values = new ModuleSampleValues().Add("/api/letters", "letter", Key);
        if ((await files.SearchPersonsAsync(marker, null, 1, ct)).FirstOrDefault() is { } file)
        {
            values.Add("/api/letters", "caseFileId", file.Id);
        }

        return values;
    }
}
