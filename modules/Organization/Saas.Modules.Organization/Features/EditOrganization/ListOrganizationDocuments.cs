namespace Saas.Modules.Organization.Features.EditOrganization;

/// <summary>A published document of an editable kind and its open draft, if any.</summary>
internal sealed record OrganizationDocumentRow(MetadataDocument Published, MetadataDocument? Draft);

/// <summary>The published documents of the editable kinds, each with its open draft (the admin page's table).</summary>
internal sealed class ListOrganizationDocuments(IMetadataStore store)
{
    public async Task<IReadOnlyList<OrganizationDocumentRow>> ExecuteAsync(CancellationToken ct)
    {
        var rows = new List<OrganizationDocumentRow>();
        foreach (var kind in OrganizationDocuments.EditableKinds)
        {
            foreach (var published in await store.GetPublishedAsync(kind, ct))
            {
                rows.Add(new OrganizationDocumentRow(published, await store.GetDraftAsync(kind, published.Key, ct)));
            }
        }

        return rows;
    }
}
