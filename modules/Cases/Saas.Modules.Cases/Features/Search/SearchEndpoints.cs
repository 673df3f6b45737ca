namespace Saas.Modules.Cases.Features.Search;

/// <summary>
/// Full-text search over the text of the authority's documents, ranked, with highlighted snippets and filters by
/// document type, file, case (procedure) and date. Each search is recorded as a read of personal data.
/// </summary>
internal static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/cases/search", async (string? q, string? type, Guid? file, Guid? caseId, DateOnly? from, DateOnly? to, int? limit,
            CasesDbContext db, IDocumentSearch search, IAuditTrail audit, CancellationToken ct) =>
        {
            var query = Parse(q, type, file, caseId, from, to, limit);
            return Results.Ok(await RunAsync(search, audit, db.CurrentTenantId, query, "api", ct));
        }).WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);

    /// <summary>
    /// Runs a search and records it as a read of personal data (who searched for what, with which filters). The
    /// record is appended alongside the query, on its own connection, and both must succeed before any hit is
    /// returned: a search is never shown unrecorded, and the caseworker waits for the slower of the two instead of
    /// their sum (ADR 0009).
    /// </summary>
    internal static async Task<IReadOnlyList<SearchHit>> RunAsync(IDocumentSearch search, IAuditTrail audit, Guid tenantId, DocumentQuery query, string channel,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(query);
        var recorded = audit.RecordAsync(new AuditEntry("document.search", "document", query.CaseFileId?.ToString(), Describe(query, channel), PersonalData: true), ct);
        try
        {
            return await search.SearchAsync(tenantId, query, ct);
        }
        finally
        {
            // Awaited even when the search failed, so the record's own failure is never unobserved.
            await recorded;
        }
    }

    /// <summary>The search as the audit trail keeps it: the words (cut to 200 characters) and every filter.</summary>
    internal static string Describe(DocumentQuery query, string channel)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = query.Text.Length > 200 ? query.Text[..200] + "…" : query.Text;
        var details = new System.Text.StringBuilder($"{channel}: \"{words}\"");
        if (query.DocumentType is { } type)
        {
            details.Append(", type ").Append(type);
        }

        if (query.CaseFileId is { } file)
        {
            details.Append(", file ").Append(file);
        }

        if (query.CaseId is { } procedure)
        {
            details.Append(", case ").Append(procedure);
        }

        if (query.From is { } from)
        {
            details.Append(", from ").Append(from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (query.To is { } to)
        {
            // The query's end is exclusive (the day after); the record shows the last day asked for.
            details.Append(", to ").Append(to.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        return details.Append(", limit ").Append(query.Limit).ToString();
    }

    /// <summary>Checks a search request; the errors name the parameter in German and English.</summary>
    internal static DocumentQuery Parse(string? q, string? type, Guid? file, Guid? caseId, DateOnly? from, DateOnly? to, int? limit)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Trim().Length < 2)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "query-too-short",
                new LocalizedText("problem.query-too-short"), "q");
        }

        if (q.Length > 500)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "query-too-long",
                new LocalizedText("problem.query-too-long"), "q");
        }

        if (from is { } f && to is { } t && t < f)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-date-range",
                new LocalizedText("problem.invalid-date-range"), "to");
        }

        if (limit is < 1 or > 100)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-limit",
                new LocalizedText("problem.invalid-limit"), "limit");
        }

        return new DocumentQuery(
            q.Trim(),
            string.IsNullOrWhiteSpace(type) ? null : type.Trim(),
            file,
            caseId,
            from is { } start ? new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            to is { } end ? new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            limit ?? 20);
    }
}
