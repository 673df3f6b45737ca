namespace Saas.Modules.Studio.Features.Documents;

internal sealed record ReadStudioHistoryRequest(string Kind, string Key);

/// <summary>Every version of one document, newest first: who (the display name of whoever saved it) and when.</summary>
internal sealed class ReadStudioHistory(IMetadataStore store, StudioKinds kinds)
{
    public async Task<IReadOnlyList<MetadataDocument>> ExecuteAsync(ReadStudioHistoryRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        kinds.Get(request.Kind);
        var history = await store.GetHistoryAsync(request.Kind, request.Key, ct);
        return history.Count == 0 ? throw StudioProblems.DocumentNotFound(request.Kind, request.Key) : history;
    }
}
