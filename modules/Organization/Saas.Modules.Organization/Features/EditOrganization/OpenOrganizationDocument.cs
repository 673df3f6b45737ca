namespace Saas.Modules.Organization.Features.EditOrganization;

internal sealed record OpenOrganizationDocumentRequest(string Kind, string Key);

/// <summary>What the editor shows: the open draft's text, else the published one (empty for a new document), and the history.</summary>
internal sealed record OpenedOrganizationDocument(string Kind, string Key, string Yaml, IReadOnlyList<MetadataDocument> History);

/// <summary>Opens a document of an editable kind in the editor; another kind is refused as saving it would be.</summary>
internal sealed class OpenOrganizationDocument(IMetadataStore store)
{
    public async Task<OpenedOrganizationDocument> ExecuteAsync(OpenOrganizationDocumentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        OrganizationDocuments.RequireEditable(request.Kind);
        var current = await store.GetDraftAsync(request.Kind, request.Key, ct)
                      ?? await store.GetPublishedAsync(request.Kind, request.Key, ct);
        var history = await store.GetHistoryAsync(request.Kind, request.Key, ct);
        return new OpenedOrganizationDocument(request.Kind, request.Key, current?.Yaml ?? "", history);
    }
}
