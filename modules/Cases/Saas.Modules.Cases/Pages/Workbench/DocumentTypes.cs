using Saas.Modules.Cases.Features.Retention;
using Saas.Platform.Web;

namespace Saas.Modules.Cases.Pages.Workbench;

/// <summary>A document type for the select boxes: its key and its name in the person's language.</summary>
internal sealed record DocumentTypeOption(string Key, string Name);

/// <summary>
/// The authority's catalogue of document types (metadata kind document-type); an authority without a catalogue yet
/// is offered common types (uploads accept any type until a catalogue is published, see Features/Documents/DocumentTypeCatalogue).
/// </summary>
internal static class DocumentTypes
{
    private static readonly string[] Common = ["antrag", "pass", "nachweis", "bescheid", "schriftverkehr", "altakte-scan", "sonstiges"];

    public static async Task<IReadOnlyList<DocumentTypeOption>> ListAsync(IMetadataStore metadata, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var options = new Dictionary<string, DocumentTypeOption>(StringComparer.Ordinal);
        foreach (var document in await metadata.GetPublishedAsync(DocumentTypeKind.Name, ct))
        {
            var name = document.Spec["name"]?.GetValue<string>() ?? document.Key;
            var english = document.Spec["nameEn"] is JsonNode en ? en.GetValue<string>() : name;
            options[document.Key] = new DocumentTypeOption(document.Key, L.Choose(("de", name), ("en", english)));
        }

        if (options.Count == 0)
        {
            foreach (var key in Common)
            {
                options.TryAdd(key, new DocumentTypeOption(key, L.T("cases.document-type." + key)));
            }
        }

        return [.. options.Values];
    }

    public static string NameOf(IReadOnlyList<DocumentTypeOption> options, string key) =>
        options?.FirstOrDefault(o => o.Key == key)?.Name ?? key;
}
