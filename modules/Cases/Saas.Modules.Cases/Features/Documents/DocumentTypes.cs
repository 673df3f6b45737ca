using Saas.Modules.Cases.Features.Retention;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>The authority's document-type catalogue (metadata kind <c>document-type</c>).</summary>
internal static class DocumentTypes
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
        throw new SaasProblemException(StatusCodes.Status422UnprocessableEntity, "unknown-document-type",
            LocalizedText.Of("problem.unknown-document-type", ("type", type), ("known", known)), field);
    }
}
