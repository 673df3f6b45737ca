namespace Saas.Modules.Organization.Features.EditOrganization;

internal sealed record DiffOrganizationDocumentRequest(string Kind, string Key, int From, int To);

/// <summary>A unified diff between two versions of one document (for review before publishing); a missing version is 404.</summary>
internal sealed class DiffOrganizationDocument(IMetadataStore store)
{
    public async Task<string> ExecuteAsync(DiffOrganizationDocumentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (kind, key, from, to) = request;
        var history = await store.GetHistoryAsync(kind, key, ct);
        var a = history.FirstOrDefault(v => v.Version == from);
        var b = history.FirstOrDefault(v => v.Version == to);
        if (a is null || b is null)
        {
            throw OrganizationProblems.VersionNotFound(kind, key, from, to);
        }

        return LineDiff.Unified(a.Yaml, b.Yaml, $"{kind}/{key} v{from}", $"{kind}/{key} v{to}");
    }
}
