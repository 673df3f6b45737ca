using System.Text.Json.Serialization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Analysis;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Elastic.Transport.Products.Elasticsearch;

namespace Saas.Modules.Cases.Features.Search;

/// <summary>
/// Search in Elasticsearch 9 through its official .NET client (<c>Elastic.Clients.Elasticsearch</c>), selected with
/// <c>Cases:Search:Provider = elasticsearch</c>.
/// <list type="bullet">
/// <item>One index per authority: <c>{IndexPrefix}-{tenantId:N}</c>, lower-case (e.g.
/// <c>saas-documents-0f8fad5bd9cb469fa16570867728950e</c>). Every request names the calling authority's index in
/// its path and no other; a search filters on <c>tenant_id</c> as well, and the tenant asked for must be the
/// current one.</item>
/// <item>One Elasticsearch document per page, id <c>{documentId}:{page}</c>. The text and title are analysed like
/// PostgreSQL's <c>cases.german_unaccent</c>: German stop words, accents and umlauts folded, light German
/// stemming.</item>
/// <item>Queries use <c>simple_query_string</c> with AND, close to PostgreSQL's websearch syntax ("phrase",
/// -not, a | b); snippets are HTML-encoded by Elasticsearch with the matches in &lt;mark&gt;…&lt;/mark&gt;.</item>
/// </list>
/// The index is created with its mapping by the first <see cref="IndexAsync"/> that finds it missing, so a
/// bulk request never creates it with dynamic mappings. The client refuses a server that does not answer as
/// Elasticsearch (<see cref="UnsupportedProductException"/>, no further request is sent) and asks for the REST API of
/// version 9, which Elasticsearch 8 refuses (docs/adr/0007).
/// </summary>
internal sealed partial class ElasticsearchDocumentSearch(ElasticsearchClient client, ElasticsearchSettings settings, ICurrentTenant currentTenant) : IDocumentSearch
{
    /// <summary>Pages per <c>_bulk</c> request; a long document is sent in several.</summary>
    internal const int BulkPages = 500;

    /// <summary>Snippet separator, as between PostgreSQL's ts_headline fragments.</summary>
    internal const string FragmentSeparator = " … ";

    private const string Analyzer = "german_folded";

    public string Provider => "elasticsearch";

    /// <summary>The authority's own index.</summary>
    public string IndexName(Guid tenantId) =>
        string.Create(CultureInfo.InvariantCulture, $"{settings.IndexPrefix}-{tenantId:N}").ToLowerInvariant();

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(Guid tenantId, DocumentQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var index = IndexFor(tenantId);
        var response = await client.SearchAsync<PageSource>(SearchRequest(index, tenantId, query), ct);
        if (IsIndexNotFound(response))
        {
            // Nothing was indexed for this authority yet.
            return [];
        }

        EnsureSuccess(response, "search", index);
        return ToHits(response.Hits);
    }

    public async Task IndexAsync(IndexedDocument document, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        var index = IndexFor(document.TenantId);
        var pages = document.Pages.Count;

        // Only pages beyond the new count are deleted; pages 1..n are replaced by id below, so the document does
        // not drop out of search while it is re-indexed. With no bulk request to follow, refresh right away.
        if (!await DeletePagesAsync(index, document.DocumentId, pages, refresh: pages == 0, ct))
        {
            await CreateIndexAsync(index, ct);
        }

        for (var start = 0; start < pages; start += BulkPages)
        {
            await BulkAsync(index, document, start, Math.Min(BulkPages, pages - start), ct);
        }
    }

    public async Task RemoveAsync(Guid tenantId, Guid documentId, CancellationToken ct) =>
        await DeletePagesAsync(IndexFor(tenantId), documentId, 0, refresh: true, ct);

    public async Task ResetAsync(Guid tenantId, CancellationToken ct)
    {
        var index = IndexFor(tenantId);
        var response = await client.Indices.DeleteAsync(new DeleteIndexRequest(index), ct);
        if (!IsIndexNotFound(response))
        {
            EnsureSuccess(response, "delete index", index);
        }
    }

    /// <summary>The index's settings and mapping: German text with accents folded, everything else exact.</summary>
    internal static CreateIndexRequest CreateIndexRequest(string index) => new(index)
    {
        Settings = new IndexSettings
        {
            // One shard: an authority's pages are few enough, and refresh=wait_for then covers the deletes too.
            NumberOfShards = 1,
            Analysis = new IndexSettingsAnalysis
            {
                TokenFilters = new TokenFilters
                {
                    ["german_stop"] = new StopTokenFilter { Stopwords = StopWordLanguage.German },
                    ["german_stemmer"] = new StemmerTokenFilter { Language = "light_german" },
                },
                Analyzers = new Analyzers
                {
                    // Stop words are matched before folding (they are listed with umlauts: für, über);
                    // german_normalization folds ä/ö/ü/ß, asciifolding every other accent (Ş → S, é → e).
                    [Analyzer] = new CustomAnalyzer
                    {
                        Tokenizer = "standard",
                        Filter = ["lowercase", "german_stop", "german_normalization", "asciifolding", "german_stemmer"],
                    },
                },
            },
        },
        Mappings = new TypeMapping
        {
            Dynamic = DynamicMapping.Strict,
            Properties = new Properties
            {
                ["tenant_id"] = new KeywordProperty(),
                ["document_id"] = new KeywordProperty(),
                ["case_file_id"] = new KeywordProperty(),
                ["procedure_id"] = new KeywordProperty(),
                ["document_type"] = new KeywordProperty(),
                ["title"] = new TextProperty { Analyzer = Analyzer },
                ["created_at"] = new DateProperty(),
                ["page"] = new IntegerNumberProperty(),
                ["text"] = new TextProperty { Analyzer = Analyzer },
            },
        },
    };

    /// <summary>The <c>_search</c> request: the words, the authority and the filters that were given, ranked and highlighted.</summary>
    internal static SearchRequest SearchRequest(string index, Guid tenantId, DocumentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<Query> filters = [Term("tenant_id", tenantId.ToString())];
        if (query.DocumentType is { } type)
        {
            filters.Add(Term("document_type", type));
        }

        if (query.CaseFileId is { } file)
        {
            filters.Add(Term("case_file_id", file.ToString()));
        }

        if (query.CaseId is { } procedure)
        {
            filters.Add(Term("procedure_id", procedure.ToString()));
        }

        if (query.From is not null || query.To is not null)
        {
            filters.Add(new DateRangeQuery("created_at")
            {
                Gte = query.From is { } from ? DateMath.Anchored(from.UtcDateTime) : null,
                Lt = query.To is { } to ? DateMath.Anchored(to.UtcDateTime) : null,
            });
        }

        return new SearchRequest(index)
        {
            Size = Math.Clamp(query.Limit, 1, 100),
            TrackTotalHits = new TrackHits(false),
            // Sorting by more than the score leaves _score empty unless asked for; the rank is the score.
            TrackScores = true,
            Query = new BoolQuery
            {
                Must =
                [
                    new SimpleQueryStringQuery
                    {
                        Query = query.Text,
                        Fields = new[] { "text^1", "title^2" },
                        DefaultOperator = Operator.And,
                    },
                ],
                Filter = filters,
            },
            Sort =
            [
                new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } },
                new SortOptions { Field = new FieldSort("created_at") { Order = SortOrder.Desc } },
                new SortOptions { Field = new FieldSort("page") { Order = SortOrder.Asc } },
            ],
            // The snippet comes from the highlighter (no_match_size covers a page that matched by its title only).
            Source = new SourceConfig(new SourceFilter { Excludes = new[] { "text" } }),
            Highlight = new Highlight
            {
                // Elasticsearch HTML-encodes the text around the tags: the UI may render the snippet as HTML.
                Encoder = HighlighterEncoder.Html,
                PreTags = ["<mark>"],
                PostTags = ["</mark>"],
                Fields = new Dictionary<Field, HighlightField>
                {
                    ["text"] = new HighlightField { NumberOfFragments = 2, FragmentSize = 150, NoMatchSize = 200 },
                },
            },
        };
    }

    internal static IReadOnlyList<SearchHit> ToHits(IReadOnlyCollection<Hit<PageSource>> hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        var result = new List<SearchHit>(hits.Count);
        foreach (var hit in hits)
        {
            var source = hit.Source ?? throw new InvalidOperationException($"Elasticsearch returned the hit {hit.Id} without its source.");
            var fragments = hit.Highlight is { } highlight && highlight.TryGetValue("text", out var text) ? text.Select(ReadableHtml).ToList() : [];
            // With a sort the score is still reported; fall back to the sort value if a proxy stripped it.
            var rank = hit.Score ?? (hit.Sort?.FirstOrDefault() is { } first && first.TryGetDouble(out var sorted) ? sorted : null) ?? 0;
            result.Add(new SearchHit(
                Guid.Parse(source.DocumentId, CultureInfo.InvariantCulture),
                Guid.Parse(source.CaseFileId, CultureInfo.InvariantCulture),
                source.ProcedureId is { } procedure ? Guid.Parse(procedure, CultureInfo.InvariantCulture) : null,
                source.Title ?? "",
                source.DocumentType ?? "",
                DateTimeOffset.Parse(source.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                source.Page,
                string.Join(FragmentSeparator, fragments),
                rank));
        }

        return result;
    }

    /// <summary>
    /// Elasticsearch's html encoder (Lucene's SimpleHTMLEncoder) writes every non-ASCII character as a numeric
    /// reference (ü as &amp;#252;). Those are turned back into characters, so snippets read like PostgreSQL's; the
    /// escapes that matter (&amp;lt; &amp;gt; &amp;amp; &amp;quot;) stay. A reference is decoded only from 128 up,
    /// where no character has a meaning in HTML.
    /// </summary>
    internal static string ReadableHtml(string fragment) =>
        NumericReference().Replace(fragment, m =>
            int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 128 and <= char.MaxValue
                ? ((char)code).ToString()
                : m.Value);

    [GeneratedRegex("&#([0-9]{3,5});", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial Regex NumericReference();

    /// <summary>The <c>_bulk</c> request for some pages: an index action per page, by id, into the index of the path.</summary>
    internal static BulkRequest BulkRequest(string index, IndexedDocument document, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(document);
        var operations = new BulkOperationsCollection();
        for (var i = start; i < start + count; i++)
        {
            var page = i + 1;
            operations.Add(new BulkIndexOperation<PageSource>(new PageSource(
                document.TenantId.ToString(),
                document.DocumentId.ToString(),
                document.CaseFileId.ToString(),
                document.CaseId?.ToString(),
                document.DocumentType,
                document.Title,
                Timestamp(document.CreatedAt),
                page,
                document.Pages[i]))
            {
                Id = PageId(document.DocumentId, page),
            });
        }

        // wait_for: a search right after the upload's text extraction sees the document.
        return new BulkRequest(index) { Refresh = Refresh.WaitFor, Operations = operations };
    }

    internal static string PageId(Guid documentId, int page) => string.Create(CultureInfo.InvariantCulture, $"{documentId}:{page}");

    private string IndexFor(Guid tenantId)
    {
        // Belt and braces: the callers pass the current authority; anything else is a bug, not a request.
        if (tenantId == Guid.Empty || currentTenant.Id != tenantId)
        {
            throw new InvalidOperationException("The search index was asked for another authority than the current one.");
        }

        return IndexName(tenantId);
    }

    /// <summary>Deletes the document's pages after <paramref name="keepPages"/>; false if the index does not exist.</summary>
    private async Task<bool> DeletePagesAsync(string index, Guid documentId, int keepPages, bool refresh, CancellationToken ct)
    {
        List<Query> filter = [Term("document_id", documentId.ToString())];
        if (keepPages > 0)
        {
            filter.Add(new NumberRangeQuery("page") { Gt = keepPages });
        }

        var response = await client.DeleteByQueryAsync(new DeleteByQueryRequest(index)
        {
            Conflicts = Conflicts.Proceed,
            Refresh = refresh,
            Query = new BoolQuery { Filter = filter },
        }, ct);
        if (IsIndexNotFound(response))
        {
            return false;
        }

        EnsureSuccess(response, "delete pages", index);
        if (response.Failures is { Count: > 0 } failures)
        {
            throw new HttpRequestException($"Elasticsearch could not delete the pages of document {documentId} in {index}: {Describe(failures.First().Cause)}");
        }

        return true;
    }

    private async Task CreateIndexAsync(string index, CancellationToken ct)
    {
        var response = await client.Indices.CreateAsync(CreateIndexRequest(index), ct);
        // Another worker may have created it in the meantime; its mapping is the same.
        if (ErrorType(response) != "resource_already_exists_exception")
        {
            EnsureSuccess(response, "create index", index);
        }
    }

    private async Task BulkAsync(string index, IndexedDocument document, int start, int count, CancellationToken ct)
    {
        var response = await client.BulkAsync(BulkRequest(index, document, start, count), ct);
        // The client counts a 200 with failed items as invalid too: the items say which pages and why.
        if (response.ApiCallDetails.HasSuccessfulStatusCode && response.Errors)
        {
            var failed = response.ItemsWithErrors.ToList();
            var first = failed.FirstOrDefault();
            throw new HttpRequestException(
                $"Elasticsearch did not index page {first?.Id} of document {document.DocumentId} in {index} " +
                $"(HTTP {first?.Status}, {failed.Count} of {count} pages failed): {Describe(first?.Error)}");
        }

        EnsureSuccess(response, "bulk index", index);
    }

    private static Query Term(string field, string value) => new TermQuery(field, value);

    /// <summary>UTC with microseconds, as PostgreSQL stores it (Elasticsearch's date type keeps milliseconds).</summary>
    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string? ErrorType(ElasticsearchResponse response) => response.ElasticsearchServerError?.Error?.Type;

    private static bool IsIndexNotFound(ElasticsearchResponse response) =>
        response.ApiCallDetails.HttpStatusCode == 404 && ErrorType(response) == "index_not_found_exception";

    /// <summary>
    /// Throws for an answer that is not a success: Elasticsearch's error (type and reason, and the cause), or the
    /// transport's failure (no connection, time-out) with the status if there was one. Credentials are never part of it.
    /// </summary>
    private static void EnsureSuccess(ElasticsearchResponse response, string operation, string index)
    {
        if (response.IsValidResponse)
        {
            return;
        }

        var status = response.ApiCallDetails.HttpStatusCode;
        var error = response.ElasticsearchServerError?.Error;
        var details = error is not null ? Describe(error.Type, error.Reason, error.CausedBy?.Type, error.CausedBy?.Reason)
            : response.ApiCallDetails.OriginalException?.Message ?? "no details";
        if (error?.Type == "media_type_header_exception")
        {
            // Elasticsearch 8 answers a 9.x client this way: it speaks the REST API of versions 7 and 8 only.
            details += " — the cluster does not accept the REST API of Elasticsearch 9, which this platform's client speaks; it needs an Elasticsearch 9 cluster";
        }

        throw new HttpRequestException($"Elasticsearch {operation} on {index} failed with {(status is { } s ? $"HTTP {s}" : "no answer")}: {details}",
            response.ApiCallDetails.OriginalException, status is { } code ? (HttpStatusCode)code : null);
    }

    internal static string Describe(Elastic.Clients.Elasticsearch.ErrorCause? error) =>
        error is null ? "no details" : Describe(error.Type, error.Reason, error.CausedBy?.Type, error.CausedBy?.Reason);

    /// <summary>An Elasticsearch error as "type: reason (caused by type: reason)", cut short: a reason may quote a field's value.</summary>
    private static string Describe(string? type, string? reason, string? causeType, string? causeReason)
    {
        var text = $"{type ?? "error"}: {Cut(reason)}";
        return causeType is null && causeReason is null ? text : $"{text} (caused by {causeType ?? "error"}: {Cut(causeReason)})";

        static string Cut(string? value) => value is { Length: > 300 } ? value[..300] + "…" : value ?? "";
    }

    /// <summary>One page as Elasticsearch keeps it (the search reads it back without <c>text</c>).</summary>
    internal sealed record PageSource(
        [property: JsonPropertyName("tenant_id")] string TenantId,
        [property: JsonPropertyName("document_id")] string DocumentId,
        [property: JsonPropertyName("case_file_id")] string CaseFileId,
        [property: JsonPropertyName("procedure_id")] string? ProcedureId,
        [property: JsonPropertyName("document_type")] string? DocumentType,
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("created_at")] string CreatedAt,
        [property: JsonPropertyName("page")] int Page,
        [property: JsonPropertyName("text")] string? Text);
}
