namespace Saas.Modules.Studio.Features.Documents;

/// <summary>One chosen draft: the version the admin saw, so that a draft saved since is not published unseen.</summary>
internal sealed record ChosenDraft(string Kind, string Key, int Version);

internal sealed record PublishStudioDraftsRequest(IReadOnlyList<ChosenDraft> Drafts);

/// <summary>
/// Publishes exactly the chosen drafts in one transaction, or none: nothing chosen is <c>studio-nothing-chosen</c>; a
/// draft that names a document the authority does not have (<c>x-reference</c>) is <c>studio-reference-missing</c>; an
/// invalid draft is <c>studio-draft-invalid</c> with every located error; a draft changed or published since it was
/// chosen is <c>studio-changed-meanwhile</c>. The published versions stay untouched then.
/// </summary>
internal sealed class PublishStudioDrafts(IMetadataDrafts drafts, StudioAuthor author, StudioKinds kinds)
{
    public async Task<int> ExecuteAsync(PublishStudioDraftsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Drafts is not { Count: > 0 })
        {
            throw StudioProblems.NothingChosen();
        }

        var entries = await drafts.ListAsync(ct);
        var dangling = new List<MetadataError>();
        foreach (var chosen in request.Drafts)
        {
            var kind = kinds.Get(chosen.Kind);
            var draft = entries.FirstOrDefault(e => e.Kind == chosen.Kind && e.Key == chosen.Key)?.Draft;
            if (draft is not null)
            {
                // A reference may name a document that is published together with it.
                dangling.AddRange(References.Missing(chosen.Kind, chosen.Key, kind.Root, draft.Document.Spec, References.Options(kind.Root, entries)));
            }
        }

        if (dangling.Count > 0)
        {
            throw StudioProblems.DanglingReferences(dangling);
        }

        try
        {
            return await drafts.PublishAsync(request.Drafts.Select(d => (d.Kind, d.Key, d.Version)).ToList(), author.Name, ct);
        }
        catch (MetadataValidationException ex)
        {
            throw StudioProblems.NotPublishable(ex.Errors);
        }
        catch (MetadataConflictException ex)
        {
            throw StudioProblems.ChangedMeanwhile(ex);
        }
    }
}
