using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Saas.Platform.Audit;
using Saas.Platform.Errors;
using Saas.Platform.Identity;

namespace Saas.Modules.Cases.Features.Search;

/// <summary>
/// Full-text search over the text of the authority's documents, ranked, with highlighted snippets and filters by
/// document type, file, case (procedure) and date. Each search is recorded as a read of personal data.
/// </summary>
internal static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/cases/search", async (string? q, string? type, Guid? file, Guid? procedure, DateOnly? from, DateOnly? to, int? limit,
            CasesDbContext db, IDocumentSearch search, IAuditTrail audit, CancellationToken ct) =>
        {
            var query = Parse(q, type, file, procedure, from, to, limit);
            var hits = await search.SearchAsync(db.CurrentTenantId, query, ct).ConfigureAwait(false);
            await audit.RecordAsync(new AuditEntry("document.search", "document", null, $"{hits.Count} hits", PersonalData: true), ct).ConfigureAwait(false);
            return Results.Ok(hits);
        }).WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);

    /// <summary>Checks a search request; the errors name the parameter in German and English.</summary>
    internal static DocumentQuery Parse(string? q, string? type, Guid? file, Guid? procedure, DateOnly? from, DateOnly? to, int? limit)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Trim().Length < 2)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "query-too-short",
                Problems.Text("Bitte mindestens zwei Zeichen suchen.", "Please search for at least two characters."), "q");
        }

        if (q.Length > 500)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "query-too-long",
                Problems.Text("Die Suche darf höchstens 500 Zeichen lang sein.", "A search may be at most 500 characters long."), "q");
        }

        if (from is { } f && to is { } t && t < f)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-date-range",
                Problems.Text("Das Ende des Zeitraums liegt vor seinem Anfang.", "The end of the period is before its start."), "to");
        }

        if (limit is < 1 or > 100)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-limit",
                Problems.Text("Es können 1 bis 100 Treffer abgefragt werden.", "Between 1 and 100 hits can be requested."), "limit");
        }

        return new DocumentQuery(
            q.Trim(),
            string.IsNullOrWhiteSpace(type) ? null : type.Trim(),
            file,
            procedure,
            from is { } start ? new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            to is { } end ? new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            limit ?? 20);
    }
}
