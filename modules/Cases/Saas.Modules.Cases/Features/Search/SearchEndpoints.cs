using Microsoft.AspNetCore.Http.HttpResults;

namespace Saas.Modules.Cases.Features.Search;

/// <summary><c>GET /api/cases/search</c>: maps the query string to <see cref="SearchDocuments"/> and its hits back (docs/adr/0012).</summary>
internal static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/cases/search", async Task<Ok<IReadOnlyList<SearchHit>>> (
            string? q, string? type, Guid? file, Guid? caseId, DateOnly? from, DateOnly? to, int? limit, SearchDocuments search, CancellationToken ct) =>
        {
            var result = await search.ExecuteAsync(new SearchDocumentsRequest(q, type, file, caseId, from, to, limit, ReadVia.Api), ct);
            return TypedResults.Ok(result.Hits);
        }).WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);
}
