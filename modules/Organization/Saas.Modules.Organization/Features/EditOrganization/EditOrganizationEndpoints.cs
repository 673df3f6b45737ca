namespace Saas.Modules.Organization.Features.EditOrganization;

/// <summary>
/// Tenant admins change the organisation by saving YAML documents as drafts and publishing them; nothing they
/// save is visible until published, and an invalid document is refused with located errors. Each endpoint maps HTTP
/// to its use case and back (docs/adr/0012); the admin page calls the same use cases.
/// </summary>
internal static class EditOrganizationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/organization/admin").WithTags("Organization administration")
            .RequireAuthorization(SaasPolicies.TenantAdmin);

        group.MapPut("/documents", async Task<Ok<DocumentVersionView>> (
            HttpRequest request, SaveOrganizationDocument save, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var draft = await save.ExecuteAsync(new SaveOrganizationDocumentRequest(await reader.ReadToEndAsync(ct)), ct);
            return TypedResults.Ok(DocumentVersionView.Of(draft));
        }).Accepts<string>("application/yaml", "text/yaml", "text/plain");

        group.MapPost("/publish", async Task<Ok<PublishedDrafts>> (PublishOrganizationDrafts publish, CancellationToken ct) =>
            TypedResults.Ok(new PublishedDrafts(await publish.ExecuteAsync(ct))));

        group.MapGet("/documents/{kind}/{key}/diff", async Task<ContentHttpResult> (
            string kind, string key, int from, int to, DiffOrganizationDocument diff, CancellationToken ct) =>
            TypedResults.Text(await diff.ExecuteAsync(new DiffOrganizationDocumentRequest(kind, key, from, to), ct),
                "text/plain; charset=utf-8"));

        group.MapGet("/documents/{kind}/{key}/history", async Task<Ok<IEnumerable<DocumentHistoryEntry>>> (
            string kind, string key, ReadDocumentHistory history, CancellationToken ct) =>
            TypedResults.Ok((await history.ExecuteAsync(new ReadDocumentHistoryRequest(kind, key), ct)).Select(DocumentHistoryEntry.Of)));
    }
}
