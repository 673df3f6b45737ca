using System.Text.Encodings.Web;

namespace Saas.Modules.Cases.Features.Search;

/// <summary>
/// Search in Elasticsearch 8 over its REST API, selected with <c>Cases:Search:Provider = elasticsearch</c>.
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
/// bulk request never creates it with dynamic mappings.
/// </summary>
internal sealed partial class ElasticsearchDocumentSearch(HttpClient http, ElasticsearchSettings settings, ICurrentTenant currentTenant) : IDocumentSearch
{
    /// <summary>Pages per <c>_bulk</c> request; a long document is sent in several.</summary>
    internal const int BulkPages = 500;

    /// <summary>Snippet separator, as between PostgreSQL's ts_headline fragments.</summary>
    internal const string FragmentSeparator = " … ";

    private const string Analyzer = "german_folded";

    /// <summary>Umlauts and &lt;mark&gt; as they are: the JSON goes to Elasticsearch, never into an HTML page.</summary>
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Provider => "elasticsearch";

    /// <summary>The authority's own index.</summary>
    public string IndexName(Guid tenantId) =>
        string.Create(CultureInfo.InvariantCulture, $"{settings.IndexPrefix}-{tenantId:N}").ToLowerInvariant();

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(Guid tenantId, DocumentQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var index = IndexFor(tenantId);
        var reply = await SendAsync(HttpMethod.Post, $"{index}/_search", Json(SearchBody(tenantId, query)), ct);
        if (reply.IsIndexNotFound)
        {
            // Nothing was indexed for this authority yet.
            return [];
        }

        reply.EnsureSuccess("search", index);
        return ParseHits(reply.Body!);
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
        var reply = await SendAsync(HttpMethod.Delete, index, null, ct);
        if (!reply.IsIndexNotFound)
        {
            reply.EnsureSuccess("delete index", index);
        }
    }

    /// <summary>The index's settings and mapping: German text with accents folded, everything else exact.</summary>
    internal static JsonObject IndexDefinition() => new()
    {
        ["settings"] = new JsonObject
        {
            // One shard: an authority's pages are few enough, and refresh=wait_for then covers the deletes too.
            ["number_of_shards"] = 1,
            ["analysis"] = new JsonObject
            {
                ["filter"] = new JsonObject
                {
                    ["german_stop"] = new JsonObject { ["type"] = "stop", ["stopwords"] = "_german_" },
                    ["german_stemmer"] = new JsonObject { ["type"] = "stemmer", ["language"] = "light_german" },
                },
                ["analyzer"] = new JsonObject
                {
                    [Analyzer] = new JsonObject
                    {
                        ["type"] = "custom",
                        ["tokenizer"] = "standard",
                        // Stop words are matched before folding (they are listed with umlauts: für, über);
                        // german_normalization folds ä/ö/ü/ß, asciifolding every other accent (Ş → S, é → e).
                        ["filter"] = new JsonArray("lowercase", "german_stop", "german_normalization", "asciifolding", "german_stemmer"),
                    },
                },
            },
        },
        ["mappings"] = new JsonObject
        {
            ["dynamic"] = "strict",
            ["properties"] = new JsonObject
            {
                ["tenant_id"] = Keyword(),
                ["document_id"] = Keyword(),
                ["case_file_id"] = Keyword(),
                ["procedure_id"] = Keyword(),
                ["document_type"] = Keyword(),
                ["title"] = new JsonObject { ["type"] = "text", ["analyzer"] = Analyzer },
                ["created_at"] = new JsonObject { ["type"] = "date" },
                ["page"] = new JsonObject { ["type"] = "integer" },
                ["text"] = new JsonObject { ["type"] = "text", ["analyzer"] = Analyzer },
            },
        },
    };

    /// <summary>The <c>_search</c> body: the words, the authority and the filters that were given, ranked and highlighted.</summary>
    internal static JsonObject SearchBody(Guid tenantId, DocumentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new JsonArray { Term("tenant_id", tenantId.ToString()) };
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
            var range = new JsonObject();
            if (query.From is { } from)
            {
                range["gte"] = Timestamp(from);
            }

            if (query.To is { } to)
            {
                range["lt"] = Timestamp(to);
            }

            filters.Add(new JsonObject { ["range"] = new JsonObject { ["created_at"] = range } });
        }

        return new JsonObject
        {
            ["size"] = Math.Clamp(query.Limit, 1, 100),
            ["track_total_hits"] = false,
            // Sorting by more than the score leaves _score empty unless asked for; the rank is the score.
            ["track_scores"] = true,
            ["query"] = new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["must"] = new JsonArray(new JsonObject
                    {
                        ["simple_query_string"] = new JsonObject
                        {
                            ["query"] = query.Text,
                            ["fields"] = new JsonArray("text^1", "title^2"),
                            ["default_operator"] = "and",
                        },
                    }),
                    ["filter"] = filters,
                },
            },
            ["sort"] = new JsonArray(
                new JsonObject { ["_score"] = new JsonObject { ["order"] = "desc" } },
                new JsonObject { ["created_at"] = new JsonObject { ["order"] = "desc" } },
                new JsonObject { ["page"] = new JsonObject { ["order"] = "asc" } }),
            // The snippet comes from the highlighter (no_match_size covers a page that matched by its title only).
            ["_source"] = new JsonObject { ["excludes"] = new JsonArray("text") },
            ["highlight"] = new JsonObject
            {
                // Elasticsearch HTML-encodes the text around the tags: the UI may render the snippet as HTML.
                ["encoder"] = "html",
                ["pre_tags"] = new JsonArray("<mark>"),
                ["post_tags"] = new JsonArray("</mark>"),
                ["fields"] = new JsonObject
                {
                    ["text"] = new JsonObject
                    {
                        ["number_of_fragments"] = 2,
                        ["fragment_size"] = 150,
                        ["no_match_size"] = 200,
                    },
                },
            },
        };
    }

    internal static IReadOnlyList<SearchHit> ParseHits(JsonNode body)
    {
        var hits = new List<SearchHit>();
        foreach (var hit in body["hits"]?["hits"]?.AsArray() ?? [])
        {
            var source = hit!["_source"]!;
            var fragments = hit["highlight"]?["text"]?.AsArray().Select(f => ReadableHtml((string)f!)).ToList() ?? [];
            // With a sort the score is still reported; fall back to the sort value if a proxy stripped it.
            var rank = hit["_score"] is JsonValue score ? (double)score : (double?)hit["sort"]?[0] ?? 0;
            hits.Add(new SearchHit(
                Guid.Parse((string)source["document_id"]!, CultureInfo.InvariantCulture),
                Guid.Parse((string)source["case_file_id"]!, CultureInfo.InvariantCulture),
                source["procedure_id"] is JsonValue procedure ? Guid.Parse((string)procedure!, CultureInfo.InvariantCulture) : null,
                (string?)source["title"] ?? "",
                (string?)source["document_type"] ?? "",
                DateTimeOffset.Parse((string)source["created_at"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                (int)source["page"]!,
                string.Join(FragmentSeparator, fragments),
                rank));
        }

        return hits;
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

    [GeneratedRegex("&#([0-9]{3,5});", RegexOptions.CultureInvariant)]
    private static partial Regex NumericReference();

    /// <summary>The <c>_bulk</c> body for some pages: an action line and a source line per page, each ending in a newline.</summary>
    internal static string BulkBody(IndexedDocument document, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(document);
        var body = new StringBuilder();
        for (var i = start; i < start + count; i++)
        {
            var page = i + 1;
            var action = new JsonObject { ["index"] = new JsonObject { ["_id"] = PageId(document.DocumentId, page) } };
            var source = new JsonObject
            {
                ["tenant_id"] = document.TenantId.ToString(),
                ["document_id"] = document.DocumentId.ToString(),
                ["case_file_id"] = document.CaseFileId.ToString(),
                ["procedure_id"] = document.CaseId?.ToString(),
                ["document_type"] = document.DocumentType,
                ["title"] = document.Title,
                ["created_at"] = Timestamp(document.CreatedAt),
                ["page"] = page,
                ["text"] = document.Pages[i],
            };
            body.Append(action.ToJsonString(Wire)).Append('\n').Append(source.ToJsonString(Wire)).Append('\n');
        }

        return body.ToString();
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
        var filter = new JsonArray { Term("document_id", documentId.ToString()) };
        if (keepPages > 0)
        {
            filter.Add(new JsonObject { ["range"] = new JsonObject { ["page"] = new JsonObject { ["gt"] = keepPages } } });
        }

        var body = new JsonObject { ["query"] = new JsonObject { ["bool"] = new JsonObject { ["filter"] = filter } } };
        var reply = await SendAsync(HttpMethod.Post, $"{index}/_delete_by_query?conflicts=proceed&refresh={(refresh ? "true" : "false")}", Json(body), ct);
        if (reply.IsIndexNotFound)
        {
            return false;
        }

        reply.EnsureSuccess("delete pages", index);
        if (reply.Body?["failures"] is JsonArray { Count: > 0 } failures)
        {
            throw new HttpRequestException($"Elasticsearch could not delete the pages of document {documentId} in {index}: {Describe(failures[0]?["cause"] ?? failures[0])}");
        }

        return true;
    }

    private async Task CreateIndexAsync(string index, CancellationToken ct)
    {
        var reply = await SendAsync(HttpMethod.Put, index, Json(IndexDefinition()), ct);
        // Another worker may have created it in the meantime; its mapping is the same.
        if (reply.ErrorType != "resource_already_exists_exception")
        {
            reply.EnsureSuccess("create index", index);
        }
    }

    private async Task BulkAsync(string index, IndexedDocument document, int start, int count, CancellationToken ct)
    {
        using var content = new StringContent(BulkBody(document, start, count), Encoding.UTF8, "application/x-ndjson");
        // wait_for: a search right after the upload's text extraction sees the document.
        var reply = await SendAsync(HttpMethod.Post, $"{index}/_bulk?refresh=wait_for", content, ct);
        reply.EnsureSuccess("bulk index", index);
        if (reply.Body?["errors"] is JsonValue errors && (bool)errors)
        {
            var items = reply.Body["items"]?.AsArray() ?? [];
            var failed = items.Select(item => item?["index"]).Where(item => item?["error"] is not null).ToList();
            var first = failed.FirstOrDefault();
            throw new HttpRequestException(
                $"Elasticsearch did not index page {(string?)first?["_id"]} of document {document.DocumentId} in {index} " +
                $"(HTTP {(int?)first?["status"]}, {failed.Count} of {count} pages failed): {Describe(first?["error"])}");
        }
    }

    private async Task<Reply> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return new Reply(response.StatusCode, Parse(text));
    }

    private static JsonNode? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // A proxy's HTML error page: the status code is all there is to report.
            return null;
        }
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(Wire), Encoding.UTF8, "application/json");

    private static JsonObject Term(string field, string value) => new() { ["term"] = new JsonObject { [field] = value } };

    private static JsonObject Keyword() => new() { ["type"] = "keyword" };

    /// <summary>UTC with microseconds, as PostgreSQL stores it (Elasticsearch's date type keeps milliseconds).</summary>
    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An Elasticsearch error as "type: reason", cut short: a reason may quote a field's value.</summary>
    internal static string Describe(JsonNode? error)
    {
        switch (error)
        {
            case JsonObject e:
                var reason = (string?)e["reason"] ?? "";
                if (reason.Length > 300)
                {
                    reason = reason[..300] + "…";
                }

                return $"{(string?)e["type"] ?? "error"}: {reason}";
            case JsonValue v when v.TryGetValue<string>(out var s):
                return s.Length > 300 ? s[..300] + "…" : s;
            default:
                return "no details";
        }
    }

    private sealed record Reply(HttpStatusCode Status, JsonNode? Body)
    {
        public string? ErrorType => Body?["error"] is JsonObject error ? (string?)error["type"] : null;

        public bool IsIndexNotFound => Status == HttpStatusCode.NotFound && ErrorType == "index_not_found_exception";

        public void EnsureSuccess(string operation, string index)
        {
            if ((int)Status is >= 200 and < 300)
            {
                return;
            }

            var details = Body?["error"] is { } error ? Describe(error) : "no details";
            throw new HttpRequestException($"Elasticsearch {operation} on {index} failed with HTTP {(int)Status}: {details}", null, Status);
        }
    }
}
