namespace Saas.Modules.Cases.Features.Search;

/// <summary>What a caseworker searches for: words (websearch syntax: "exact phrase", -not, or) and filters.</summary>
internal sealed record DocumentQuery(
    string Text,
    string? DocumentType = null,
    Guid? CaseFileId = null,
    Guid? CaseId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 20);

/// <summary>A page that matched, with the matching words marked (&lt;mark&gt;…&lt;/mark&gt;, the rest HTML-free text).</summary>
internal sealed record SearchHit(
    Guid DocumentId,
    Guid CaseFileId,
    Guid? CaseId,
    string Title,
    string DocumentType,
    DateTimeOffset CreatedAt,
    int Page,
    string Snippet,
    double Rank);

/// <summary>A document's searchable content, handed to the index after its text was extracted.</summary>
internal sealed record IndexedDocument(
    Guid TenantId,
    Guid DocumentId,
    Guid CaseFileId,
    Guid? CaseId,
    string DocumentType,
    string Title,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Pages);

/// <summary>
/// The full-text index of the e-Akte. PostgreSQL is the default (the page table is the index); Elasticsearch is
/// selected with <c>Cases:Search:Provider</c>. Every call is for one authority; an implementation must never
/// return another authority's pages.
/// </summary>
internal interface IDocumentSearch
{
    string Provider { get; }

    Task<IReadOnlyList<SearchHit>> SearchAsync(Guid tenantId, DocumentQuery query, CancellationToken ct);

    /// <summary>Adds or replaces a document (all its pages).</summary>
    Task IndexAsync(IndexedDocument document, CancellationToken ct);

    /// <summary>Removes a document (retention, failed re-extraction).</summary>
    Task RemoveAsync(Guid tenantId, Guid documentId, CancellationToken ct);

    /// <summary>Drops the authority's whole index before a rebuild (<c>saas search reindex</c>).</summary>
    Task ResetAsync(Guid tenantId, CancellationToken ct);
}

/// <summary>
/// Search in PostgreSQL: German stemming with accents folded, ranked by cover density, highlighted snippets.
/// Runs <c>cases.search_pages</c>, which applies the connection's tenant itself (ADR 0007).
/// </summary>
internal sealed class PostgresDocumentSearch(CasesDbContext db) : IDocumentSearch
{
    public string Provider => "postgres";

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(Guid tenantId, DocumentQuery query, CancellationToken ct)
    {
        if (tenantId != db.CurrentTenantId)
        {
            throw new InvalidOperationException("Search was asked for another authority than the current one.");
        }

        return await db.Database.SqlQuery<SearchHit>($"""
            SELECT document_id, case_file_id, procedure_id AS case_id, title, document_type, created_at, page, snippet, rank
            FROM cases.search_pages({query.Text}, {query.DocumentType}, {query.CaseFileId}, {query.CaseId}, {query.From}, {query.To}, {query.Limit})
            """).ToListAsync(ct);
    }

    // The page table is the index: text extraction and retention change it in their own transactions.
    public Task IndexAsync(IndexedDocument document, CancellationToken ct) => Task.CompletedTask;

    public Task RemoveAsync(Guid tenantId, Guid documentId, CancellationToken ct) => Task.CompletedTask;

    public Task ResetAsync(Guid tenantId, CancellationToken ct) => Task.CompletedTask;
}
