using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Saas.Platform.Audit;
using Saas.Platform.Errors;
using Saas.Platform.Identity;

namespace Saas.Modules.Cases.Features.Search;

/// <summary>A page that matched, with the matching words highlighted.</summary>
internal sealed record SearchHit(Guid DocumentId, Guid CaseFileId, string Title, string DocumentType, int Page, string Snippet, double Rank);

/// <summary>
/// Full-text search over the text of the authority's documents (PostgreSQL, German stemming), ranked, with
/// highlighted snippets and filters by document type and file. The SQL names the tenant explicitly (the
/// application wall for raw SQL); row-level security stands behind it.
/// </summary>
internal static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/cases/search", async (string? q, string? type, Guid? file, CasesDbContext db, IAuditTrail audit, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(q) || q.Trim().Length < 2)
            {
                throw new SaasProblemException(StatusCodes.Status400BadRequest, "query-too-short",
                    Problems.Text("Bitte mindestens zwei Zeichen suchen.", "Please search for at least two characters."), null);
            }

            var tenant = db.CurrentTenantId;
            var hits = await db.Database.SqlQuery<SearchHit>($"""
                SELECT d.id AS document_id, d.case_file_id, d.title, d.document_type, p.page,
                       ts_headline('german', p.text, websearch_to_tsquery('german', {q}), 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2') AS snippet,
                       ts_rank(p.tsv, websearch_to_tsquery('german', {q}))::float8 AS rank
                FROM cases.document_pages p JOIN cases.documents d ON d.id = p.document_id
                WHERE p.tenant_id = {tenant} AND d.tenant_id = {tenant}
                  AND p.tsv @@ websearch_to_tsquery('german', {q})
                  AND ({type}::text IS NULL OR d.document_type = {type})
                  AND ({file}::uuid IS NULL OR d.case_file_id = {file})
                ORDER BY rank DESC, d.created_at DESC
                LIMIT 20
                """).ToListAsync(ct).ConfigureAwait(false);
            await audit.RecordAsync(new AuditEntry("document.search", "document", null, $"{hits.Count} hits", PersonalData: true), ct).ConfigureAwait(false);
            return Results.Ok(hits);
        }).WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);
}
