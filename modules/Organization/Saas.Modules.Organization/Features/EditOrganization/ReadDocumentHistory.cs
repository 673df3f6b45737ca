namespace Saas.Modules.Organization.Features.EditOrganization;

internal sealed record ReadDocumentHistoryRequest(string Kind, string Key);

/// <summary>All versions of one document, newest first (who saved what when, for review).</summary>
internal sealed class ReadDocumentHistory(IMetadataStore store)
{
    public Task<IReadOnlyList<MetadataDocument>> ExecuteAsync(ReadDocumentHistoryRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return store.GetHistoryAsync(request.Kind, request.Key, ct);
    }
}
