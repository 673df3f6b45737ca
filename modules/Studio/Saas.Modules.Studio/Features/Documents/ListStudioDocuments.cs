namespace Saas.Modules.Studio.Features.Documents;

/// <summary>One kind on the studio's start page: its documents with their published version and open draft.</summary>
internal sealed record StudioKindRow(StudioKind Kind, IReadOnlyList<MetadataEntry> Entries);

/// <summary>Every registered kind and every document of the authority, with draft and published state and the draft's errors.</summary>
internal sealed class ListStudioDocuments(IMetadataDrafts drafts, StudioKinds kinds)
{
    public async Task<IReadOnlyList<StudioKindRow>> ExecuteAsync(CancellationToken ct)
    {
        var entries = await drafts.ListAsync(ct);
        return kinds.All
            .Select(k => new StudioKindRow(k, entries.Where(e => e.Kind == k.Name).OrderBy(e => e.Key, StringComparer.Ordinal).ToList()))
            .ToList();
    }
}
