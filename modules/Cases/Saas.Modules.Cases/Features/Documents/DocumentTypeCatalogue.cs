using Saas.Modules.Cases.Features.Retention;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>
/// The authority's document-type catalogue (metadata kind <c>document-type</c>), as the use cases check it; the
/// workbench's select boxes list it with Pages/Workbench/DocumentTypes.
/// </summary>
internal static class DocumentTypeCatalogue
{
    /// <summary>
    /// Refuses a type that is not in the catalogue, naming the known ones. An authority that has not published a
    /// catalogue yet accepts any type (lower-case key) so that it can start working before configuring one.
    /// </summary>
    public static async Task<string> EnsureKnownAsync(IMetadataStore metadata, string type, string field, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var catalogue = await metadata.GetPublishedAsync(DocumentTypeKind.Name, ct);
        if (catalogue.Count == 0 || catalogue.Any(d => d.Key == type))
        {
            return type;
        }

        var known = string.Join(", ", catalogue.Select(d => d.Key).Order(StringComparer.Ordinal));
        throw CasesProblems.UnknownDocumentType(type, known, field);
    }
}
