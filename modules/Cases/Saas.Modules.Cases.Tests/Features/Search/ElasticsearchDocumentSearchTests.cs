using System.Globalization;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.Configuration;
using Saas.Modules.Cases.Features.Search;

namespace Saas.Modules.Cases.Tests.Features.Search;

/// <summary>
/// Hardening item 11: the Elasticsearch search through the official client (<c>Elastic.Clients.Elasticsearch</c> 9.5.3) against an HTTP
/// stand-in on a real socket (<see cref="ElasticsearchStandIn"/>): what the client sends (method, path and query,
/// compatibility and sign-in headers, JSON body, as the Elasticsearch specification 9.5 defines them), and what the
/// platform makes of answers in Elasticsearch's format (Recorded/). No Elasticsearch server, no database
/// (issue 10, item 11).
/// </summary>
public sealed class ElasticsearchDocumentSearchTests : IAsyncLifetime
{
    private static readonly Guid TenantA = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly Guid TenantB = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    private static readonly Guid Document = Guid.Parse("3b241101-e2bb-4255-8caf-4136c566a962");
    private static readonly Guid CaseFile = Guid.Parse("9f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
    private static readonly Guid Case = Guid.Parse("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    private const string IndexA = "saas-documents-0f8fad5bd9cb469fa16570867728950e";
    private const string IndexB = "saas-documents-7c9e6679742540de944be07fc1f90ae7";

    /// <summary>What a 9.x client asks for on every request with a JSON body or answer (REST API compatibility, version 9).</summary>
    private const string Compatible9 = "application/vnd.elasticsearch+json;compatible-with=9";

    private ElasticsearchStandIn es = null!;

    public async Task InitializeAsync() => es = await ElasticsearchStandIn.StartAsync();

    public async Task DisposeAsync() => await es.DisposeAsync();

    [Fact]
    public async Task SearchingAsAuthorityB_NeverTouchesAuthorityAsIndex_AndFiltersOnBsTenantId()
    {
        var tenant = new SwitchableTenant(TenantA);
        var search = Create(tenant);
        await search.IndexAsync(NewDocument(TenantA, "Seite eins", "Seite zwei"), default);

        tenant.Current = TenantB;
        (await search.SearchAsync(TenantB, new DocumentQuery("zwei"), default)).ShouldBeEmpty();

        var requests = es.Requests.ToList();
        requests[..^1].ShouldAllBe(r => r.Path.StartsWith($"/{IndexA}", StringComparison.Ordinal));
        var b = requests[^1];
        b.Line.ShouldBe($"POST /{IndexB}/_search");
        b.Body!.ShouldNotContain(TenantA.ToString());
        b.Body!.ShouldNotContain(TenantA.ToString("N"));
        Filters(b.Json).ShouldContain(f => f.ToJsonString() == Ids("""{"term":{"tenant_id":{"value":"$TenantB"}}}"""));

        // A's pages are in A's index only; and A, searching, finds them.
        es.Indices.Keys.ShouldBe([IndexA]);
        tenant.Current = TenantA;
        (await search.SearchAsync(TenantA, new DocumentQuery("zwei"), default)).ShouldHaveSingleItem().Page.ShouldBe(2);
    }

    [Fact]
    public async Task AnAuthority_CannotAskForAnotherAuthoritysIndex_NoRequestIsSent()
    {
        var search = Create(new SwitchableTenant(TenantB));

        await Should.ThrowAsync<InvalidOperationException>(() => search.SearchAsync(TenantA, new DocumentQuery("Antrag"), default));
        await Should.ThrowAsync<InvalidOperationException>(() => search.IndexAsync(NewDocument(TenantA, "Text"), default));
        await Should.ThrowAsync<InvalidOperationException>(() => search.RemoveAsync(TenantA, Document, default));
        await Should.ThrowAsync<InvalidOperationException>(() => search.ResetAsync(TenantA, default));
        es.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task RecordedHits_BecomeSearchHits_WithMarkedEscapedSnippets_ScoreAsRank_AndParsedDates()
    {
        es.Reply(HttpStatusCode.OK, "search-hits.json");
        var hits = await Create(new SwitchableTenant(TenantB)).SearchAsync(TenantB, new DocumentQuery("Aufenthaltserlaubnis"), default);

        hits.Count.ShouldBe(2);
        var first = hits[0];
        first.DocumentId.ShouldBe(Document);
        first.CaseFileId.ShouldBe(CaseFile);
        first.CaseId.ShouldBe(Case);
        first.Title.ShouldBe("Antrag auf Erteilung einer Aufenthaltserlaubnis");
        first.DocumentType.ShouldBe("antrag");
        first.Page.ShouldBe(2);
        first.Rank.ShouldBe(3.7261462, 1e-9);
        first.CreatedAt.ShouldBe(new DateTimeOffset(2026, 11, 20, 9, 15, 2, TimeSpan.Zero).AddTicks(1234560));
        // Fragments joined like ts_headline's; markup in the text stays escaped, umlauts become readable again.
        first.Snippet.ShouldBe(
            "Der Antrag auf Erteilung einer <mark>Aufenthaltserlaubnis</mark> nach § 18a AufenthG wurde am 20.11.2026 gestellt." +
            " … " +
            "Arbeitgeber: Müller &amp; Söhne GmbH &lt;Personalabteilung&gt;, bestätigt frühere <mark>Aufenthaltserlaubnisse</mark>");

        var second = hits[1];
        second.CaseId.ShouldBeNull();
        second.Rank.ShouldBe(1.0421909, 1e-9);
        second.CreatedAt.ShouldBe(new DateTimeOffset(2026, 10, 2, 14, 0, 0, TimeSpan.Zero));
        // Matched by its title only: the start of the page (no_match_size), without marks.
        second.Snippet.ShouldStartWith("Sehr geehrter Herr Şahin, hiermit erhalten Sie den Bescheid über");
        second.Snippet.ShouldNotContain("<mark>");
    }

    [Fact]
    public async Task AQueryWithoutFilters_SendsOnlyTheTenantFilter_TheLimit_AndTheMarkTags_AsTheSpecificationNamesThem()
    {
        es.Reply(HttpStatusCode.OK, "search-no-hits.json");
        var hits = await Create(new SwitchableTenant(TenantA)).SearchAsync(TenantA, new DocumentQuery("\"Antrag auf\" -Bescheid | Visum", Limit: 7), default);

        hits.ShouldBeEmpty();
        var request = es.Requests.ShouldHaveSingleItem();
        // specification/_global/search/SearchRequest.ts: POST /{index}/_search; no query parameters are needed.
        request.Line.ShouldBe($"POST /{IndexA}/_search");
        var body = request.Json;
        body["size"]!.GetValue<int>().ShouldBe(7);
        body["track_scores"]!.GetValue<bool>().ShouldBeTrue();
        body["track_total_hits"]!.GetValue<bool>().ShouldBeFalse();
        // A bool clause is one query or an array of them (QueryContainer | QueryContainer[]); the client sends one as an object.
        var words = body["query"]!["bool"]!["must"]!["simple_query_string"]!;
        words["query"]!.GetValue<string>().ShouldBe("\"Antrag auf\" -Bescheid | Visum");
        words["default_operator"]!.GetValue<string>().ShouldBe("and");
        words["fields"]!.ToJsonString().ShouldBe("""["text^1","title^2"]""");
        Filters(body).Select(f => f.ToJsonString()).ShouldBe([Ids("""{"term":{"tenant_id":{"value":"$TenantA"}}}""")]);
        body["sort"]!.ToJsonString().ShouldBe("""[{"_score":{"order":"desc"}},{"created_at":{"order":"desc"}},{"page":{"order":"asc"}}]""");
        // SourceFilter.excludes is Fields: one field name or an array.
        body["_source"]!.ToJsonString().ShouldBe("""{"excludes":"text"}""");
        var highlight = body["highlight"]!;
        highlight["encoder"]!.GetValue<string>().ShouldBe("html");
        highlight["pre_tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["<mark>"]);
        highlight["post_tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["</mark>"]);
        ((JsonObject)highlight["fields"]!["text"]!).OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")
            .ShouldBe(["fragment_size=150", "no_match_size=200", "number_of_fragments=2"]);
    }

    [Fact]
    public async Task AQueryWithFilters_SendsATermPerFilter_AndTheDateRangeAsGteAndLt()
    {
        es.Reply(HttpStatusCode.OK, "search-no-hits.json");
        var query = new DocumentQuery("Bescheid", "bescheid", CaseFile, Case,
            new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), 500);
        await Create(new SwitchableTenant(TenantA)).SearchAsync(TenantA, query, default);

        var body = es.Requests.ShouldHaveSingleItem().Json;
        body["size"]!.GetValue<int>().ShouldBe(100);
        var filters = Filters(body).Select(f => f.ToJsonString()).ToList();
        filters[..4].ShouldBe([
            Ids("""{"term":{"tenant_id":{"value":"$TenantA"}}}"""),
            """{"term":{"document_type":{"value":"bescheid"}}}""",
            Ids("""{"term":{"case_file_id":{"value":"$CaseFile"}}}"""),
            Ids("""{"term":{"procedure_id":{"value":"$Case"}}}"""),
        ]);
        var range = JsonNode.Parse(filters[4])!["range"]!["created_at"]!;
        ((JsonObject)range).Select(p => p.Key).Order().ShouldBe(["gte", "lt"]);
        // A date math anchor in UTC (ISO 8601, as the date field's strict_date_optional_time reads it).
        DateTimeOffset.Parse(range["gte"]!.GetValue<string>(), CultureInfo.InvariantCulture).ShouldBe(query.From!.Value);
        DateTimeOffset.Parse(range["lt"]!.GetValue<string>(), CultureInfo.InvariantCulture).ShouldBe(query.To!.Value);
        range["gte"]!.GetValue<string>().ShouldEndWith("Z");
    }

    [Fact]
    public async Task SearchingAnAuthorityWithoutIndex_FindsNothing()
    {
        var hits = await Create(new SwitchableTenant(TenantA)).SearchAsync(TenantA, new DocumentQuery("Antrag"), default);
        hits.ShouldBeEmpty();
        es.Requests.ShouldHaveSingleItem().Line.ShouldBe($"POST /{IndexA}/_search");
    }

    [Fact]
    public async Task AFailedSearch_ThrowsHttpRequestException_WithElasticsearchsErrorTypeAndReason()
    {
        es.Reply(HttpStatusCode.InternalServerError, "search-shard-failure-500.json");
        var error = await Should.ThrowAsync<HttpRequestException>(() =>
            Create(new SwitchableTenant(TenantA)).SearchAsync(TenantA, new DocumentQuery("Antrag"), default));
        error.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        error.Message.ShouldContain("HTTP 500");
        error.Message.ShouldContain("search_phase_execution_exception: all shards failed");
        error.Message.ShouldContain("caused by illegal_state_exception");
    }

    [Fact]
    public async Task TheFirstDocumentOfAnAuthority_CreatesItsIndexWithTheGermanMapping_ThenSendsOneActionAndOneSourceLinePerPage()
    {
        await Create(new SwitchableTenant(TenantA)).IndexAsync(NewDocument(TenantA, "Antrag auf Aufenthaltserlaubnis", "Arbeitgeber: Müller & Söhne\n\"Bestätigung\""), default);

        es.Requests.Select(r => r.Line).ShouldBe([
            $"POST /{IndexA}/_delete_by_query?conflicts=proceed&refresh=false",
            $"PUT /{IndexA}",
            $"POST /{IndexA}/_bulk?refresh=wait_for",
        ]);
        var index = es.Indices[IndexA];
        index.AutoCreated.ShouldBeFalse();

        var mapping = es.Requests.ElementAt(1).Json;
        var analyzer = mapping["settings"]!["analysis"]!["analyzer"]!["german_folded"]!;
        analyzer["type"]!.GetValue<string>().ShouldBe("custom");
        analyzer["tokenizer"]!.GetValue<string>().ShouldBe("standard");
        analyzer["filter"]!.ToJsonString().ShouldBe("""["lowercase","german_stop","german_normalization","asciifolding","german_stemmer"]""");
        var filters = mapping["settings"]!["analysis"]!["filter"]!;
        filters["german_stemmer"]!["type"]!.GetValue<string>().ShouldBe("stemmer");
        filters["german_stemmer"]!["language"]!.GetValue<string>().ShouldBe("light_german");
        filters["german_stop"]!["type"]!.GetValue<string>().ShouldBe("stop");
        filters["german_stop"]!["stopwords"]!.GetValue<string>().ShouldBe("_german_");
        mapping["settings"]!["number_of_shards"]!.GetValue<int>().ShouldBe(1);
        var fields = mapping["mappings"]!["properties"]!;
        mapping["mappings"]!["dynamic"]!.GetValue<string>().ShouldBe("strict");
        foreach (var keyword in new[] { "tenant_id", "document_id", "case_file_id", "procedure_id", "document_type" })
        {
            fields[keyword]!["type"]!.GetValue<string>().ShouldBe("keyword");
        }

        foreach (var text in new[] { "text", "title" })
        {
            fields[text]!["type"]!.GetValue<string>().ShouldBe("text");
            fields[text]!["analyzer"]!.GetValue<string>().ShouldBe("german_folded");
        }

        fields["created_at"]!["type"]!.GetValue<string>().ShouldBe("date");
        fields["page"]!["type"]!.GetValue<string>().ShouldBe("integer");

        var bulk = es.Requests.ElementAt(2);
        // specification/_global/bulk/BulkRequest.ts: request_media_type Ndjson.
        bulk.Header("Content-Type").ShouldBe("application/x-ndjson");
        bulk.Body!.ShouldEndWith("\n");
        var lines = bulk.Body!.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(4);
        lines[0].ShouldBe(Ids("""{"index":{"_id":"$Document:1"}}"""));
        lines[2].ShouldBe(Ids("""{"index":{"_id":"$Document:2"}}"""));
        var page2 = JsonNode.Parse(lines[3])!;
        page2["tenant_id"]!.GetValue<string>().ShouldBe(TenantA.ToString());
        page2["document_id"]!.GetValue<string>().ShouldBe(Document.ToString());
        page2["case_file_id"]!.GetValue<string>().ShouldBe(CaseFile.ToString());
        page2["procedure_id"]!.GetValue<string>().ShouldBe(Case.ToString());
        page2["document_type"]!.GetValue<string>().ShouldBe("antrag");
        page2["title"]!.GetValue<string>().ShouldBe("Antrag auf Erteilung einer Aufenthaltserlaubnis");
        page2["created_at"]!.GetValue<string>().ShouldBe("2026-11-20T09:15:02.123456Z");
        page2["page"]!.GetValue<int>().ShouldBe(2);
        page2["text"]!.GetValue<string>().ShouldBe("Arbeitgeber: Müller & Söhne\n\"Bestätigung\"");
        // German text travels as UTF-8, not as \u escapes (six bytes per umlaut).
        lines[3].ShouldContain("Müller & Söhne");
        // The index is named in the path only; a line cannot send a page elsewhere.
        lines.ShouldAllBe(line => !line.Contains("_index", StringComparison.Ordinal));
        index.Documents.Keys.Order().ShouldBe([$"{Document}:1", $"{Document}:2"]);
    }

    [Fact]
    public async Task AnIndexCreatedByAnotherWorkerMeanwhile_IsTolerated()
    {
        es.Reply(HttpStatusCode.NotFound, "index-not-found.json").Reply(HttpStatusCode.BadRequest, "resource-already-exists.json");
        await Create(new SwitchableTenant(TenantA)).IndexAsync(NewDocument(TenantA, "eins", "zwei"), default);
        es.Requests.Select(r => r.Line).ShouldBe([
            $"POST /{IndexA}/_delete_by_query?conflicts=proceed&refresh=false",
            $"PUT /{IndexA}",
            $"POST /{IndexA}/_bulk?refresh=wait_for",
        ]);
    }

    [Fact]
    public async Task ReindexingADocument_DeletesOnlyItsPagesBeyondTheNewCount_AndReplacesTheOthersById()
    {
        var search = Create(new SwitchableTenant(TenantA));
        await search.IndexAsync(NewDocument(TenantA, "eins", "zwei", "drei"), default);
        var before = es.Requests.Count;

        await search.IndexAsync(NewDocument(TenantA, "eins neu", "zwei neu"), default);

        var again = es.Requests.Skip(before).ToList();
        again.Select(r => r.Line).ShouldBe([
            $"POST /{IndexA}/_delete_by_query?conflicts=proceed&refresh=false",
            $"POST /{IndexA}/_bulk?refresh=wait_for",
        ]);
        again[0].Json.ToJsonString().ShouldBe(
            Ids("""{"query":{"bool":{"filter":[{"term":{"document_id":{"value":"$Document"}}},{"range":{"page":{"gt":2}}}]}}}"""));
        var pages = es.Indices[IndexA].Documents;
        pages.Keys.Order().ShouldBe([$"{Document}:1", $"{Document}:2"]);
        ((string?)pages[$"{Document}:2"]["text"]).ShouldBe("zwei neu");
    }

    [Fact]
    public async Task ADocumentWithoutText_OnlyDeletesItsPages_AndRefreshes()
    {
        es.Reply(HttpStatusCode.OK, "delete-by-query.json");
        await Create(new SwitchableTenant(TenantA)).IndexAsync(NewDocument(TenantA), default);
        var request = es.Requests.ShouldHaveSingleItem();
        request.Line.ShouldBe($"POST /{IndexA}/_delete_by_query?conflicts=proceed&refresh=true");
        request.Json.ToJsonString().ShouldBe(Ids("""{"query":{"bool":{"filter":{"term":{"document_id":{"value":"$Document"}}}}}}"""));
    }

    [Fact]
    public async Task ABulkItemError_FailsTheIndexing_NamingThePageAndTheError()
    {
        es.Reply(HttpStatusCode.OK, "delete-by-query.json").Reply(HttpStatusCode.OK, "bulk-item-error.json");
        var error = await Should.ThrowAsync<HttpRequestException>(() =>
            Create(new SwitchableTenant(TenantA)).IndexAsync(NewDocument(TenantA, "eins", "zwei"), default));
        error.Message.ShouldContain($"page {Document}:1");
        error.Message.ShouldContain("HTTP 429");
        error.Message.ShouldContain("2 of 2 pages failed");
        error.Message.ShouldContain("cluster_block_exception: index [" + IndexA + "] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark");
    }

    [Fact]
    public async Task RemovingADocument_DeletesItsPagesByQuery_AndResetDropsTheIndex_EvenIfItIsMissing()
    {
        var search = Create(new SwitchableTenant(TenantA));
        await search.IndexAsync(NewDocument(TenantA, "eins"), default);
        var before = es.Requests.Count;
        await search.RemoveAsync(TenantA, Document, default);
        es.Indices[IndexA].Documents.ShouldBeEmpty();
        await search.ResetAsync(TenantA, default);
        await search.ResetAsync(TenantA, default);
        await search.RemoveAsync(TenantA, Document, default);

        var requests = es.Requests.Skip(before).ToList();
        requests.Select(r => r.Line).ShouldBe([
            $"POST /{IndexA}/_delete_by_query?conflicts=proceed&refresh=true",
            $"DELETE /{IndexA}",
            $"DELETE /{IndexA}",
            $"POST /{IndexA}/_delete_by_query?conflicts=proceed&refresh=true",
        ]);
        requests[0].Json.ToJsonString().ShouldBe(Ids("""{"query":{"bool":{"filter":{"term":{"document_id":{"value":"$Document"}}}}}}"""));
        // DELETE /{index} has no body: no Content-Type, only what the client accepts.
        requests[1].Body.ShouldBeNull();
        requests[1].Header("Content-Type").ShouldBeNull();
        es.Indices.ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryRequest_AsksForTheRestApiOfVersion9_AsElasticsearch9Expects()
    {
        var search = Create(new SwitchableTenant(TenantA));
        await search.IndexAsync(NewDocument(TenantA, "eins"), default);
        await search.SearchAsync(TenantA, new DocumentQuery("eins"), default);
        await search.ResetAsync(TenantA, default);

        var requests = es.Requests.ToList();
        requests.Count.ShouldBe(5);
        foreach (var request in requests.Where(r => !r.Path.EndsWith("/_bulk", StringComparison.Ordinal)))
        {
            request.Header("Accept").ShouldBe(Compatible9, request.Line);
            if (request.Body is not null)
            {
                request.Header("Content-Type").ShouldBe(Compatible9, request.Line);
            }
        }

        // The client sends _bulk with the specification's plain media types, which Elasticsearch reads as its own version.
        var bulk = requests.Single(r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal));
        bulk.Header("Accept").ShouldBe("application/json");
        bulk.Header("Content-Type").ShouldBe("application/x-ndjson");
        requests.ShouldAllBe(r => r.Header("User-Agent")!.StartsWith("elasticsearch-net/9.5.3", StringComparison.Ordinal));
        requests.ShouldAllBe(r => r.Header("x-elastic-client-meta")!.StartsWith("es=9.5.3,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnElasticsearch8Cluster_RefusesTheClientsVersion9Headers_AndTheErrorSaysThePlatformNeedsElasticsearch9()
    {
        es.Major = 8;
        var search = Create(new SwitchableTenant(TenantA));

        var error = await Should.ThrowAsync<HttpRequestException>(() => search.SearchAsync(TenantA, new DocumentQuery("Antrag"), default));

        error.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.Message.ShouldContain("media_type_header_exception: Invalid media-type value on headers [Accept, Content-Type]");
        error.Message.ShouldContain("Accept version must be either version 8 or 7, but found 9");
        error.Message.ShouldContain("it needs an Elasticsearch 9 cluster");
        // Indexing fails the same way, at its first request, before anything was written.
        (await Should.ThrowAsync<HttpRequestException>(() => search.IndexAsync(NewDocument(TenantA, "eins"), default))).Message.ShouldContain("Elasticsearch 9");
        es.Indices.ShouldBeEmpty();
    }

    [Fact]
    public async Task AServerThatDoesNotSayItIsElasticsearch_IsRefusedByTheClientsProductCheck_AndNotAskedAgain()
    {
        es.ProductHeader = false;
        es.Reply(HttpStatusCode.OK, "search-no-hits.json");
        var search = Create(new SwitchableTenant(TenantA));

        await Should.ThrowAsync<UnsupportedProductException>(() => search.SearchAsync(TenantA, new DocumentQuery("Antrag"), default));
        // The refusal sticks for this client: the next call fails without a request.
        await Should.ThrowAsync<UnsupportedProductException>(() => search.IndexAsync(NewDocument(TenantA, "eins"), default));
        es.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task AnErrorAnswerWithoutTheProductHeader_DoesNotDecideTheProductCheck_TheNextSuccessDoes()
    {
        es.ProductHeader = false;
        var search = Create(new SwitchableTenant(TenantA));
        (await search.SearchAsync(TenantA, new DocumentQuery("Antrag"), default)).ShouldBeEmpty(); // 404: no index yet

        es.ProductHeader = true;
        await search.IndexAsync(NewDocument(TenantA, "Antrag"), default);
        (await search.SearchAsync(TenantA, new DocumentQuery("Antrag"), default)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task TheApiKey_IsSentAsApiKeyAuthorization_AndARefusalDoesNotRepeatIt()
    {
        es.Reply(HttpStatusCode.Unauthorized, "security-exception-401.json");
        var search = Create(new SwitchableTenant(TenantA), new() { ["ApiKey"] = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==" });
        var error = await Should.ThrowAsync<HttpRequestException>(() => search.SearchAsync(TenantA, new DocumentQuery("Antrag"), default));

        es.Requests.ShouldHaveSingleItem().Header("Authorization").ShouldBe("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        error.Message.ShouldContain("security_exception");
        error.Message.ShouldNotContain("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
    }

    [Fact]
    public async Task UserAndPassword_AreSentAsBasicAuthorization_AndNoSettingMeansNoAuthorization()
    {
        es.Reply(HttpStatusCode.OK, "search-no-hits.json").Reply(HttpStatusCode.OK, "search-no-hits.json");
        await Create(new SwitchableTenant(TenantA), new() { ["Username"] = "saas", ["Password"] = "geheim" }).SearchAsync(TenantA, new DocumentQuery("Antrag"), default);
        await Create(new SwitchableTenant(TenantA)).SearchAsync(TenantA, new DocumentQuery("Antrag"), default);

        var requests = es.Requests.ToList();
        requests[0].Header("Authorization").ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("saas:geheim")));
        requests[1].Header("Authorization").ShouldBeNull();
    }

    [Fact]
    public void TheIndexPrefix_NamesEachAuthoritysIndex_InLowerCase()
    {
        var search = Create(new SwitchableTenant(TenantA), new() { ["IndexPrefix"] = "abh-test.docs" });
        search.IndexName(TenantA).ShouldBe("abh-test.docs-0f8fad5bd9cb469fa16570867728950e");
        Create(new SwitchableTenant(TenantA)).IndexName(TenantB).ShouldBe(IndexB);
    }

    [Theory]
    [InlineData(null, "Cases:Search:Elasticsearch:Url is not configured")]
    [InlineData("es.internal:9200", "absolute http or https URL")]
    [InlineData("https://elastic:geheim@es.internal:9200", "must not contain credentials")]
    public void AWrongUrl_StopsTheStart_NamingTheSetting(string? url, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cases:Search:Provider"] = "elasticsearch",
            ["Cases:Search:Elasticsearch:Url"] = url,
        }).Build();
        var error = Should.Throw<InvalidOperationException>(() => new CasesModule().ConfigureServices(new ServiceCollection(), configuration));
        error.Message.ShouldContain(message);
        error.Message.ShouldNotContain("geheim");
    }

    [Theory]
    [InlineData("Saas-Documents")]
    [InlineData("_documents")]
    [InlineData("docs/x")]
    public void AnIndexPrefixElasticsearchWouldRefuse_StopsTheStart(string prefix) =>
        Should.Throw<InvalidOperationException>(() => Settings(new() { ["IndexPrefix"] = prefix })).Message.ShouldContain("IndexPrefix");

    [Fact]
    public void ApiKeyAndUserTogether_AreAmbiguous_AndStopTheStart() =>
        Should.Throw<InvalidOperationException>(() => Settings(new() { ["ApiKey"] = "a2V5", ["Username"] = "saas" })).Message.ShouldContain("not both");

    [Fact]
    public void TheElasticsearchProvider_IsRegisteredAsTheDocumentSearch_WithOneOfficialClientForTheHost()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cases:Search:Provider"] = "elasticsearch",
            ["Cases:Search:Elasticsearch:Url"] = "https://es.internal:9200",
            ["Cases:Search:Elasticsearch:TimeoutSeconds"] = "7",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ICurrentTenant>(new SwitchableTenant(TenantA));
        new CasesModule().ConfigureServices(services, configuration);
        using var provider = services.BuildServiceProvider();
        using (var scope = provider.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<IDocumentSearch>().ShouldBeOfType<ElasticsearchDocumentSearch>().Provider.ShouldBe("elasticsearch");
        }

        var client = provider.GetRequiredService<ElasticsearchClient>();
        provider.GetRequiredService<ElasticsearchClient>().ShouldBeSameAs(client);
        client.ElasticsearchClientSettings.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(7));
        client.ElasticsearchClientSettings.NodePool.Nodes.ShouldHaveSingleItem().Uri.ShouldBe(new Uri("https://es.internal:9200/"));
    }

    [Fact]
    public void NumericReferencesOfTheHtmlEncoder_AreDecodedOnlyAboveAscii() =>
        ElasticsearchDocumentSearch.ReadableHtml("&#350;ahin &lt;b&gt; &#38; &amp;#252; &#55357;&#56832;").ShouldBe("Şahin &lt;b&gt; &#38; &amp;#252; 😀");

    /// <summary>Expected JSON with $TenantA, $TenantB, $Document, $CaseFile and $Case standing for the ids.</summary>
    private static string Ids(string json) => json
        .Replace("$TenantA", TenantA.ToString(), StringComparison.Ordinal)
        .Replace("$TenantB", TenantB.ToString(), StringComparison.Ordinal)
        .Replace("$Document", Document.ToString(), StringComparison.Ordinal)
        .Replace("$CaseFile", CaseFile.ToString(), StringComparison.Ordinal)
        .Replace("$Case", Case.ToString(), StringComparison.Ordinal);

    private static IEnumerable<JsonNode> Filters(JsonNode body) => body["query"]!["bool"]!["filter"] switch
    {
        JsonArray many => many.Select(f => f!),
        var one => [one!],
    };

    private static IndexedDocument NewDocument(Guid tenant, params string[] pages) =>
        new(tenant, Document, CaseFile, Case, "antrag", "Antrag auf Erteilung einer Aufenthaltserlaubnis",
            new DateTimeOffset(2026, 11, 20, 10, 15, 2, TimeSpan.FromHours(1)).AddTicks(1234560), pages);

    private ElasticsearchSettings Settings(Dictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?> { ["Cases:Search:Elasticsearch:Url"] = es.Url };
        foreach (var (key, value) in extra ?? [])
        {
            values["Cases:Search:Elasticsearch:" + key] = value;
        }

        // Bound as the host binds it: the Cases section into CasesOptions.
        var options = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(CasesOptions.Section).Get<CasesOptions>()!;
        return ElasticsearchSettings.From(options.Search.Elasticsearch);
    }

    /// <summary>The search as the host builds it: the settings' own client, against the stand-in.</summary>
    private ElasticsearchDocumentSearch Create(ICurrentTenant tenant, Dictionary<string, string?>? settings = null)
    {
        var configured = Settings(settings);
        return new ElasticsearchDocumentSearch(configured.CreateClient(), configured, tenant);
    }
}

/// <summary>The current authority, switched by the test (as a request or job would).</summary>
internal sealed class SwitchableTenant(Guid id) : ICurrentTenant
{
    public Guid Current { get; set; } = id;

    public TenantInfo? Tenant => new(Current, "t-" + Current.ToString("N")[..8], "Testbehörde", [], new HashSet<string> { CasesModule.ModuleName });

    public IDisposable Begin(TenantInfo tenant) => throw new NotSupportedException();

    public IDisposable BeginPlatformScope() => throw new NotSupportedException();
}
