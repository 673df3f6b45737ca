using Saas.Platform.Modules;

namespace Saas.Modules.Letters.Features.Samples;

/// <summary>
/// A published letter of the current authority whose placeholder label carries the marker (the list shows it), for the
/// cross-tenant matrix; its preview is asked for with the e-Akte's sample file of the same authority, whose id the
/// matrix takes from the e-Akte's samples (<c>caseFileId</c>).
/// </summary>
internal sealed class LettersSamples(IMetadataStore metadata) : IModuleSamples
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
        return new ModuleSampleValues().Add("/api/letters", "letter", Key);
    }
}
