using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Saas.Platform.Identity;

namespace Saas.Modules.Organization.Features.EditOrganization;

/// <summary>
/// Tenant admins change the organisation by saving YAML documents as drafts and publishing them; nothing they
/// save is visible until published, and an invalid document is refused with located errors.
/// </summary>
internal static class EditOrganizationEndpoints
{
    internal static readonly HashSet<string> EditableKinds = ["tenant", "location", "unit", "surname-ranges"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/organization/admin").WithTags("Organization administration")
            .RequireAuthorization(SaasPolicies.TenantAdmin);

        group.MapPut("/documents", async (HttpRequest request, ClaimsPrincipal user, IMetadataStore store, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var yaml = await reader.ReadToEndAsync(ct);
            var draft = await SaveDraftAsync(store, yaml, Author(user), ct);
            return Results.Ok(new { draft.Kind, draft.Key, draft.Version, State = draft.State.ToString() });
        }).Accepts<string>("application/yaml", "text/yaml", "text/plain");

        group.MapPost("/publish", async (ClaimsPrincipal user, IMetadataStore store, CancellationToken ct) =>
            Results.Ok(new { published = await store.PublishAsync(null, Author(user), ct) }));

        group.MapGet("/documents/{kind}/{key}/diff", (string kind, string key, int from, int to, IMetadataStore store, CancellationToken ct) =>
            DiffAsync(kind, key, from, to, store, ct));

        group.MapGet("/documents/{kind}/{key}/history", async (string kind, string key, IMetadataStore store, CancellationToken ct) =>
            Results.Ok((await store.GetHistoryAsync(kind, key, ct))
                .Select(d => new { d.Version, State = d.State.ToString(), d.CreatedAt, d.CreatedBy, d.Sha256 })));
    }

    /// <summary>A unified diff between two versions of one document (for review before publishing).</summary>
    internal static async Task<IResult> DiffAsync(string kind, string key, int from, int to, IMetadataStore store, CancellationToken ct)
    {
        var history = await store.GetHistoryAsync(kind, key, ct);
        var a = history.FirstOrDefault(v => v.Version == from);
        var b = history.FirstOrDefault(v => v.Version == to);
        if (a is null || b is null)
        {
            throw new SaasProblemException(StatusCodes.Status404NotFound, "version-not-found",
                new LocalizedText("problem.version-not-found"), $"{kind}/{key} v{from}..v{to}");
        }

        return Results.Text(LineDiff.Unified(a.Yaml, b.Yaml, $"{kind}/{key} v{from}", $"{kind}/{key} v{to}"), "text/plain; charset=utf-8");
    }

    /// <summary>Saves a draft of an organisation document, turning validation errors into a 400 problem.</summary>
    internal static async Task<MetadataDocument> SaveDraftAsync(IMetadataStore store, string yaml, string author, CancellationToken ct)
    {
        try
        {
            var kind = yaml.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("kind:", StringComparison.Ordinal))?[5..].Trim();
            if (kind is not null && !EditableKinds.Contains(kind))
            {
                throw new SaasProblemException(StatusCodes.Status400BadRequest, "kind-not-editable-here",
                    new LocalizedText("problem.kind-not-editable-here"), kind);
            }

            return await store.SaveDraftAsync(yaml, author, null, ct);
        }
        catch (MetadataValidationException ex)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-configuration",
                new LocalizedText("problem.invalid-configuration"),
                string.Join("; ", ex.Errors.Select(e => e.ToString())),
                ex.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Line is null ? e.Message : $"line {e.Line}: {e.Message}").ToArray()));
        }
    }

    internal static string Author(ClaimsPrincipal user) =>
        user.FindFirst(SaasClaims.Subject)?.Value ?? user.Identity?.Name ?? "unknown";
}
