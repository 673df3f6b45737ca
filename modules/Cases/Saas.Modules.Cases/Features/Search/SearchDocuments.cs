namespace Saas.Modules.Cases.Features.Search;

/// <summary>
/// A search as the caseworker asks it (the API's query string or the workbench's form). <see cref="FileNumber"/> narrows
/// to one file by its number, as the workbench form offers; <see cref="FileId"/> by its id, as the API does.
/// </summary>
internal sealed record SearchDocumentsRequest(
    string? Text, string? DocumentType, Guid? FileId, Guid? CaseId, DateOnly? From, DateOnly? To, int? Limit, string Via,
    string? FileNumber = null);

internal sealed record SearchDocumentsResult(DocumentQuery Query, IReadOnlyList<SearchHit> Hits);

/// <summary>
/// Full-text search over the text of the authority's documents, ranked, with highlighted snippets and filters by
/// document type, file, case and date. Each search is recorded as a read of personal data, by the API and the
/// workbench alike (<c>document.search</c>, "via …").
/// </summary>
internal sealed class SearchDocuments(CasesDbContext db, IDocumentSearch search, IAuditTrail audit)
{
    /// <summary>The longest search text accepted.</summary>
    public const int MaxTextLength = 500;

    /// <summary>The most hits one search returns.</summary>
    public const int MaxLimit = 100;

    public async Task<SearchDocumentsResult> ExecuteAsync(SearchDocumentsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fileId = request.FileId;
        if (!string.IsNullOrWhiteSpace(request.FileNumber))
        {
            var number = request.FileNumber.Trim();
            fileId = await db.CaseFiles.AsNoTracking().Where(f => f.FileNumber == number).Select(f => (Guid?)f.Id).SingleOrDefaultAsync(ct)
                     ?? throw CasesProblems.UnknownFileNumber(number);
        }

        var query = Parse(request with { FileId = fileId });
        return new SearchDocumentsResult(query, await RunAsync(query, request.Via, ct));
    }

    /// <summary>
    /// Runs a search and records it. The record is appended alongside the query, on its own connection, and both must
    /// succeed before any hit is returned: a search is never shown unrecorded, and the caseworker waits for the slower
    /// of the two instead of their sum (ADR 0009).
    /// </summary>
    private async Task<IReadOnlyList<SearchHit>> RunAsync(DocumentQuery query, string via, CancellationToken ct)
    {
        var recorded = audit.RecordAsync(new AuditEntry("document.search", "document", query.CaseFileId?.ToString(), Describe(query, via), PersonalData: true), ct);
        try
        {
            return await search.SearchAsync(db.CurrentTenantId, query, ct);
        }
        finally
        {
            // Awaited even when the search failed, so the record's own failure is never unobserved.
            await recorded;
        }
    }

    /// <summary>The search as the audit trail keeps it: where it came from, the words (cut to 200 characters) and every filter.</summary>
    internal static string Describe(DocumentQuery query, string via)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = query.Text.Length > 200 ? query.Text[..200] + "…" : query.Text;
        var details = new StringBuilder($"via {via}: \"{words}\"");
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
            details.Append(", from ").Append(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (query.To is { } to)
        {
            // The query's end is exclusive (the day after); the record shows the last day asked for.
            details.Append(", to ").Append(to.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return details.Append(", limit ").Append(query.Limit).ToString();
    }

    /// <summary>Checks a search request; each error names the parameter it is about.</summary>
    internal static DocumentQuery Parse(SearchDocumentsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Text;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length < 2)
        {
            throw CasesProblems.QueryTooShort();
        }

        if (text.Length > MaxTextLength)
        {
            throw CasesProblems.QueryTooLong();
        }

        if (request.From is { } f && request.To is { } t && t < f)
        {
            throw CasesProblems.InvalidDateRange();
        }

        if (request.Limit is < 1 or > MaxLimit)
        {
            throw CasesProblems.InvalidLimit();
        }

        return new DocumentQuery(
            text.Trim(),
            string.IsNullOrWhiteSpace(request.DocumentType) ? null : request.DocumentType.Trim(),
            request.FileId,
            request.CaseId,
            request.From is { } start ? new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            request.To is { } end ? new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            request.Limit ?? 20);
    }
}
