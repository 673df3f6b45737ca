namespace Saas.Modules.Cases.Contracts;

/// <summary>What <c>saas search reindex</c> found and did for one authority.</summary>
/// <param name="Provider">The configured search (<c>Cases:Search:Provider</c>).</param>
/// <param name="Documents">Documents with extracted text (indexed, for Elasticsearch).</param>
/// <param name="Pages">Their pages.</param>
/// <param name="Mismatched">Documents whose text extraction reported another page count than the page table holds.</param>
/// <param name="Rebuilt">False for PostgreSQL, where the page table is the index.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record SearchReindexResult(string Provider, int Documents, int Pages, int Mismatched, bool Rebuilt, TimeSpan Elapsed);

/// <summary>
/// Rebuilds the current authority's full-text index from the extracted page texts. Resolve it inside the
/// authority's scope (<c>ICurrentTenant.Begin</c>, then a service scope), like a background job.
/// </summary>
public interface ISearchIndexRebuilder
{
    Task<SearchReindexResult> RebuildAsync(CancellationToken ct = default);
}
