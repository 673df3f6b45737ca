namespace Saas.Modules.Studio.Features.Documents;

internal sealed record RestoreStudioVersionRequest(string Kind, string Key, int Version);

/// <summary>Makes an old version the document's new draft (validated like any save); a version the document never had is 404.</summary>
internal sealed class RestoreStudioVersion(IMetadataDrafts drafts, IMetadataStore store, StudioAuthor author, StudioKinds kinds)
{
    public async Task<MetadataDraft> ExecuteAsync(RestoreStudioVersionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        kinds.Get(request.Kind);
        var history = await store.GetHistoryAsync(request.Kind, request.Key, ct);
        if (history.All(v => v.Version != request.Version))
        {
            throw StudioProblems.VersionNotFound(request.Kind, request.Key, request.Version);
        }

        try
        {
            return await drafts.RestoreAsync(request.Kind, request.Key, request.Version, author.Name, ct);
        }
        catch (MetadataConflictException ex)
        {
            throw StudioProblems.ChangedMeanwhile(ex);
        }
    }
}
