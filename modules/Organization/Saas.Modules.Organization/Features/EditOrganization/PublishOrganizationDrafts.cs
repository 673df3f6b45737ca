namespace Saas.Modules.Organization.Features.EditOrganization;

/// <summary>
/// Publishes all open drafts at once; the signed-in person publishes, the store records <c>metadata.publish</c>. A draft
/// that does not validate (one the admin studio kept with its errors) stops the publication of all of them with its
/// located errors (<c>invalid-configuration</c>); nothing is published then.
/// </summary>
internal sealed class PublishOrganizationDrafts(IMetadataStore store, ICurrentActor actor)
{
    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        try
        {
            return await store.PublishAsync(null, actor.Id, ct);
        }
        catch (MetadataValidationException ex)
        {
            throw OrganizationProblems.InvalidDocument(ex.Errors);
        }
    }
}
