namespace Saas.Modules.Studio.Features.Documents;

internal sealed record OpenStudioDocumentRequest(string Kind, string Key);

/// <summary>
/// A document as the editor opens it: its kind, the version to edit (the open draft, else the published version; none
/// for a new document), the draft's located errors plus its dangling references, and what its reference pickers offer.
/// </summary>
internal sealed record OpenedStudioDocument(StudioKind Kind, string Key, MetadataEntry? Entry, IReadOnlyList<MetadataError> Errors,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ReferenceOptions)
{
    public MetadataDocument? Current => Entry?.Draft?.Document ?? Entry?.Published;

    /// <summary>The latest version the editor opened; a save based on it is refused when someone saved since.</summary>
    public int? BasedOnVersion => Current?.Version;
}

/// <summary>Opens a document of any registered kind; an unknown kind is 404 (<c>studio-kind-unknown</c>).</summary>
internal sealed class OpenStudioDocument(IMetadataDrafts drafts, StudioKinds kinds)
{
    public async Task<OpenedStudioDocument> ExecuteAsync(OpenStudioDocumentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = kinds.Get(request.Kind);
        var entries = await drafts.ListAsync(ct);
        var entry = await drafts.GetAsync(kind.Name, request.Key, ct);
        var options = References.Options(kind.Root, entries);
        var current = entry?.Draft?.Document ?? entry?.Published;
        var errors = (entry?.Draft?.Errors ?? []).ToList();
        if (current is not null)
        {
            errors.AddRange(References.Missing(kind.Name, request.Key, kind.Root, current.Spec, options));
        }

        return new OpenedStudioDocument(kind, request.Key, entry, errors, options);
    }
}
