namespace Saas.Modules.Studio.Features.Documents;

/// <summary>
/// A document to save as its draft: YAML (from the YAML view, or written from the form by <see cref="YamlWriter"/>),
/// and the version the editor opened (null: a new document).
/// </summary>
internal sealed record SaveStudioDraftRequest(string Yaml, int? BasedOnVersion);

/// <summary>
/// Saves a draft that keeps its errors: line ends normalised, the signed-in person as the author, the store's
/// <c>metadata.draft</c> audit record in the same transaction. Refused, with nothing stored: text that is no document
/// (<c>invalid-configuration</c> with its located errors) and an edit based on a version that is no longer the latest
/// (<c>studio-changed-meanwhile</c>, carrying what is there now). The page and the API call this one class.
/// </summary>
internal sealed class SaveStudioDraft(IMetadataDrafts drafts, StudioAuthor author)
{
    public async Task<MetadataDraft> ExecuteAsync(SaveStudioDraftRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var yaml = request.Yaml.Replace("\r\n", "\n", StringComparison.Ordinal);
        MetadataDraft draft;
        try
        {
            draft = await drafts.SaveAsync(yaml, request.BasedOnVersion, author.Name, ct);
        }
        catch (MetadataValidationException ex)
        {
            throw StudioProblems.Unreadable(ex.Errors);
        }
        catch (MetadataConflictException ex)
        {
            throw StudioProblems.ChangedMeanwhile(ex);
        }

        return draft;
    }
}
