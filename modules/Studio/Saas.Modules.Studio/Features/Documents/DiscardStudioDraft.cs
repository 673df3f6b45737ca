namespace Saas.Modules.Studio.Features.Documents;

internal sealed record DiscardStudioDraftRequest(string Kind, string Key);

/// <summary>Deletes a document's open draft; the published version stays. No draft is 404 (<c>studio-no-draft</c>).</summary>
internal sealed class DiscardStudioDraft(IMetadataDrafts drafts, StudioAuthor author, StudioKinds kinds)
{
    public async Task ExecuteAsync(DiscardStudioDraftRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        kinds.Get(request.Kind);
        if (!await drafts.DiscardAsync(request.Kind, request.Key, author.Name, ct))
        {
            throw StudioProblems.NoDraft(request.Kind, request.Key);
        }
    }
}
