namespace Saas.Modules.Organization.Features.EditOrganization;

/// <summary>The YAML text of one organisation document, as typed in the editor or sent to the API.</summary>
internal sealed record SaveOrganizationDocumentRequest(string Yaml);

/// <summary>
/// Saves a document of an editable kind as its draft (replacing an open draft): line ends are normalised, the signed-in
/// person is the author, and the store records <c>metadata.draft</c> with the draft's version in the same transaction.
/// A kind edited elsewhere is refused (<c>kind-not-editable-here</c>), an invalid document with its located errors
/// (<c>invalid-configuration</c>); nothing is stored then. The page and the API call this one class.
/// </summary>
internal sealed class SaveOrganizationDocument(IMetadataStore store, ICurrentActor actor)
{
    public async Task<MetadataDocument> ExecuteAsync(SaveOrganizationDocumentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var yaml = request.Yaml.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (OrganizationDocuments.DeclaredKind(yaml) is { } kind)
        {
            OrganizationDocuments.RequireEditable(kind);
        }

        try
        {
            return await store.SaveDraftAsync(yaml, actor.Id, null, ct);
        }
        catch (MetadataValidationException ex)
        {
            throw OrganizationProblems.InvalidDocument(ex.Errors);
        }
    }
}
