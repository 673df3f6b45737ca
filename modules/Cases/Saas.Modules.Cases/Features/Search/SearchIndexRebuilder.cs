using System.Diagnostics;
using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.Search;

/// <summary>
/// Rebuilds the current authority's search index from the page table (<c>saas search reindex</c>): drops the
/// index, then adds every document that has extracted text. It runs inside the authority's scope
/// (<c>ICurrentTenant.Begin</c>) as the application role, like every background job, so both tenant walls apply
/// to what it reads. For PostgreSQL the page table is the index: it only counts and checks.
/// </summary>
internal sealed class SearchIndexRebuilder(CasesDbContext db, IDocumentSearch search) : ISearchIndexRebuilder
{
    /// <summary>Documents read per round trip; their pages are held in memory while they are indexed.</summary>
    private const int BatchSize = 50;

    /// <summary>Documents indexed at once: each bulk request waits for the next refresh, which they then share.</summary>
    private const int Parallelism = 4;

    public async Task<SearchReindexResult> RebuildAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var tenantId = db.CurrentTenantId;
        if (tenantId == Guid.Empty)
        {
            throw new InvalidOperationException("The search index can only be rebuilt inside an authority's scope.");
        }

        var mismatched = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM cases.text_extractions t
            WHERE t.tenant_id = {tenantId} AND t.status = 'done'
              AND t.pages <> (SELECT count(*) FROM cases.document_pages p WHERE p.tenant_id = t.tenant_id AND p.document_id = t.document_id)
            """).SingleAsync(ct);
        if (search.Provider == "postgres")
        {
            var documents = await db.Pages.Select(p => p.DocumentId).Distinct().CountAsync(ct);
            var pageCount = await db.Pages.CountAsync(ct);
            return new SearchReindexResult(search.Provider, documents, pageCount, mismatched, false, Stopwatch.GetElapsedTime(started));
        }

        await search.ResetAsync(tenantId, ct);
        var indexedDocuments = 0;
        var indexedPages = 0;
        Guid? after = null;
        while (true)
        {
            var batch = await db.Documents.AsNoTracking()
                .Where(d => after == null || d.Id.CompareTo(after.Value) > 0)
                .OrderBy(d => d.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            var ids = batch.Select(d => d.Id).ToList();
            var pages = (await db.Pages.AsNoTracking()
                    .Where(p => ids.Contains(p.DocumentId))
                    .OrderBy(p => p.DocumentId).ThenBy(p => p.Page)
                    .Select(p => new { p.DocumentId, p.Text })
                    .ToListAsync(ct))
                .GroupBy(p => p.DocumentId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Text).ToList());

            // Documents without text (extraction pending or failed) have nothing to index.
            var documents = batch.Where(d => pages.ContainsKey(d.Id))
                .Select(d => new IndexedDocument(d.TenantId, d.Id, d.CaseFileId, d.CaseId, d.DocumentType, d.Title, d.CreatedAt, pages[d.Id]))
                .ToList();
            await Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
                async (document, token) => await search.IndexAsync(document, token));
            indexedDocuments += documents.Count;
            indexedPages += documents.Sum(d => d.Pages.Count);
            after = batch[^1].Id;
        }

        return new SearchReindexResult(search.Provider, indexedDocuments, indexedPages, mismatched, true, Stopwatch.GetElapsedTime(started));
    }
}
