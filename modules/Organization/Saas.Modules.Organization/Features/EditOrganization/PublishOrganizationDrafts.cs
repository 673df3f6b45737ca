namespace Saas.Modules.Organization.Features.EditOrganization;

/// <summary>Publishes all open drafts at once; the signed-in person publishes, the store records <c>metadata.publish</c>.</summary>
internal sealed class PublishOrganizationDrafts(IMetadataStore store, ICurrentActor actor)
{
    public Task<int> ExecuteAsync(CancellationToken ct) => store.PublishAsync(null, actor.Id, ct);
}
