using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Saas.Modules.Cases.Features.Search;

namespace Saas.Modules.Cases.Tests.Features.Search;

/// <summary>
/// The Elasticsearch search against recorded Elasticsearch 8 answers (Recorded/): what it asks (method, the
/// authority's own index, query, bulk lines, sign-in) and what it makes of the answers. No server, no database.
/// </summary>
public sealed class ElasticsearchDocumentSearchTests
{
    private static readonly Guid TenantA = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly Guid TenantB = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    private static readonly Guid Document = Guid.Parse("3b241101-e2bb-4255-8caf-4136c566a962");
    private static readonly Guid CaseFile = Guid.Parse("9f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
    private static readonly Guid Case = Guid.Parse("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    private const string IndexA = "saas-documents-0f8fad5bd9cb469fa16570867728950e";
    private const string IndexB = "saas-documents-7c9e6679742540de944be07fc1f90ae7";

    [Fact]
    public async Task SearchingAsAuthorityB_NeverTouchesAuthorityAsIndex_AndFiltersOnBsTenantId()
    {
        var es = new RecordedElasticsearch()
            .Reply(HttpStatusCode.OK, "delete-by-query.json")
            .Reply(HttpStatusCode.OK, "bulk-ok.json")
            .Reply(HttpStatusCode.OK, "search-hits.json");
        var tenant = new SwitchableTenant(TenantA);
        var search = Create(es, tenant);
        await search.IndexAsync(NewDocument(TenantA, "Seite eins", "Seite zwei"), default);

        tenant.Current = TenantB;
        await search.SearchAsync(TenantB, new DocumentQuery("Aufenthaltserlaubnis"), default);

        es.Requests[0].Uri.AbsolutePath.ShouldStartWith($"/{IndexA}/");
        es.Requests[1].Uri.AbsolutePath.ShouldStartWith($"/{IndexA}/");
        var b = es.Requests[2];
        b.Method.ShouldBe(HttpMethod.Post);
        b.Uri.AbsolutePath.ShouldBe($"/{IndexB}/_search");
        b.Body!.ShouldNotContain(TenantA.ToString());
        b.Body!.ShouldNotContain(TenantA.ToString("N"));
        Filters(b.Json).ShouldContain(f => f.ToJsonString() == Ids("""{"term":{"tenant_id":"$TenantB"}}"""));
    }

    [Fact]
    public async Task AnAuthority_CannotAskForAnotherAuthoritysIndex_NoRequestIsSent()
    {
        var es = new RecordedElasticsearch();
        var search = Create(es, new SwitchableTenant(TenantB));

        await Should.ThrowAsync<InvalidOperationException>(() => search.SearchAsync(TenantA, new DocumentQuery("Antrag"), default));
        await Should.ThrowAsync<InvalidOperationException>(() => search.IndexAsync(NewDocument(TenantA, "Text"), default));
        await Should.ThrowAsync<InvalidOperationException>(() => search.RemoveAsync(TenantA, Document, default));
        await Should.ThrowAsync<InvalidOperationException>(() => search.ResetAsync(TenantA, default));
        es.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task RecordedHits_BecomeSearchHits_WithMarkedEscapedSnippets_ScoreAsRank_AndParsedDates()
    {
        var es = new RecordedElasticsearch().Reply(HttpStatusCode.OK, "search-hits.json");
        var hits = await Create(es, new SwitchableTenant(TenantB)).SearchAsync(TenantB, new DocumentQuery("Aufenthaltserlaubnis"), default);

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
    public async Task AQueryWithoutFilters_SendsOnlyTheTenantFilter_TheLimit_AndTheMarkTags()
    {
        var es = new RecordedElasticsearch().Reply(HttpStatusCode.OK, "search-no-hits.json");
        var hits = await Create(es, new SwitchableTenant(TenantA)).SearchAsync(TenantA, new DocumentQuery("\"Antrag auf\" -Bescheid | Visum", Limit: 7), default);

        hits.ShouldBeEmpty();
        var body = es.Requests.ShouldHaveSingleItem().Json;
        body["size"]!.GetValue<int>().ShouldBe(7);
        body["track_scores"]!.GetValue<bool>().ShouldBeTrue();
        var words = body["query"]!["bool"]!["must"]![0]!["simple_query_string"]!;
        words["query"]!.GetValue<string>().ShouldBe("\"Antrag auf\" -Bescheid | Visum");
        words["default_operator"]!.GetValue<string>().ShouldBe("and");
        words["fields"]!.ToJsonString().ShouldBe("""["text^1","title^2"]""");
        Filters(body).Select(f => f.ToJsonString()).ShouldBe([Ids("""{"term":{"tenant_id":"$TenantA"}}""")]);
        body["sort"]!.ToJsonString().ShouldBe("""[{"_score":{"order":"desc"}},{"created_at":{"order":"desc"}},{"page":{"order":"asc"}}]""");
        var highlight = body["highlight"]!;
        highlight["encoder"]!.GetValue<string>().ShouldBe("html");
        highlight["pre_tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["<mark>"]);
        highlight["post_tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["</mark>"]);
        highlight["fields"]!["text"]!.ToJsonString().ShouldBe("""{"number_of_fragments":2,"fragment_size":150,"no_match_size":200}""");
    }

    [Fact]
    public async Task AQueryWithFilters_SendsATermPerFilter_AndTheDateRangeAsGteAndLt()
    {
        var es = new RecordedElasticsearch().Reply(HttpStatusCode.OK, "search-no-hits.json");
        var query = new DocumentQuery("Bescheid", "bescheid", CaseFile, Case,
            new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), 500);
        await Create(es, new SwitchableTenant(TenantA)).SearchAsync(TenantA, query, default);

        var body = es.Requests.ShouldHaveSingleItem().Json;
        body["size"]!.GetValue<int>().ShouldBe(100);
        Filters(body).Select(f => f.ToJsonString()).ShouldBe([
            Ids("""{"term":{"tenant_id":"$TenantA"}}"""),
            """{"term":{"document_type":"bescheid"}}""",
            Ids("""{"term":{"case_file_id":"$CaseFile"}}"""),
            Ids("""{"term":{"procedure_id":"$Case"}}"""),
            """{"range":{"created_at":{"gte":"2026-10-01T00:00:00.000000Z","lt":"2026-11-01T00:00:00.000000Z"}}}""",
        ]);
    }

    [Fact]
    public async Task SearchingAnAuthorityWithoutIndex_FindsNothing()
    {
        var es = new RecordedElasticsearch().Reply(HttpStatusCode.NotFound, "index-not-found.json");
        var hits = await Create(es, new SwitchableTenant(TenantA)).SearchAsync(TenantA, new DocumentQuery("Antrag"), default);
        hits.ShouldBeEmpty();
    }

    [Fact]
    public async Task AFailedSearch_ThrowsHttpRequestException_WithElasticsearchsErrorTypeAndReason()
    {
        var es = new RecordedElasticsearch().Reply(HttpStatusCode.InternalServerError, "search-shard-failure-500.json");
        var error = await Should.ThrowAsync<HttpRequestException>(() =>
            Create(es, new SwitchableTenant(TenantA)).SearchAsync(TenantA, new DocumentQuery("Antrag"), default));
        error.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        error.Message.ShouldContain("HTTP 500");
        error.Message.ShouldContain("search_phase_execution_exception: all shards failed");
    }

    [Fact]
    public async Task TheFirstDocumentOfAnAuthority_CreatesItsIndexWithTheGermanMapping_ThenSendsOneActionAndOneSourceLinePerPage()
    {
        var es = new RecordedElasticsearch()
            .Reply(HttpStatusCode.NotFound, "index-not-found.json")
            .Reply(HttpStatusCode.OK, "create-index.json")
            .Reply(HttpStatusCode.OK, "bulk-ok.json");
        await Create(es, new SwitchableTenant(TenantA)).IndexAsync(NewDocument(TenantA, "Antrag auf Aufenthaltserlaubnis", "Arbeitgeber: Müller & Söhne\n\"Bestätigung\""), default);

        es.Requests.Select(r => $"{r.Method} {r.Uri.PathAndQuery}").ShouldBe([
            $"POST /{IndexA}/_delete_by_query?conflicts=proceed&refresh=false",
            $"PUT /{IndexA}",
            $"POST /{IndexA}/_bulk?refresh=wait_for",
        ]);

        var mapping = es.Requests[1].Json;
        var analyzer = mapping["settings"]!["analysis"]!["analyzer"]!["german_folded"]!;
        analyzer["tokenizer"]!.GetValue<string>().ShouldBe("standard");
        analyzer["filter"]!.ToJsonString().ShouldBe("""["lowercase","german_stop","german_normalization","asciifolding","german_stemmer"]""");
        mapping["settings"]!["analysis"]!["filter"]!["german_stemmer"]!.ToJsonString().ShouldBe("""{"type":"stemmer","language":"light_german"}""");
        var fields = mapping["mappings"]!["properties"]!;
        mapping["mappings"]!["dynamic"]!.GetValue<string>().ShouldBe("strict");
        foreach (var keyword in new[] { "tenant_id", "document_id", "case_file_id", "procedure_id", "document_type" })
        {
            fields[keyword]!["type"]!.GetValue<string>().ShouldBe("keyword");
        }

        fields["text"]!.ToJsonString().ShouldBe("""{"type":"text","analyzer":"german_folded"}""");
        fields["title"]!.ToJsonString().ShouldBe("""{"type":"text","analyzer":"german_folded"}""");
        fields["created_at"]!["type"]!.GetValue<string>().ShouldBe("date");
        fields["page"]!["type"]!.GetValue<string>().ShouldBe("integer");

        var bulk = es.Requests[2];
        bulk.ContentType.ShouldBe("application/x-ndjson");
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
    }

    [Fact]
    public async Task AnIndexCreatedByAnotherWorkerMeanwhile_IsTolerated()
    {
        var es = new RecordedElasticsearch()
            .Reply(HttpStatusCode.NotFound, "index-not-found.json")
            .Reply(HttpStatusCode.BadRequest, "resource-already-exists.json")
            .Reply(HttpStatusCode.OK, "bulk-ok.json");
        await Create(es, new SwitchableTenant(TenantA)).IndexAsync(NewDocument(TenantA, "eins", "zwei"), default);
        es.Requests.Count.ShouldBe(3);
        es.Requests[2].Uri.AbsolutePath.ShouldBe($"/{IndexA}/_bulk");
    }

    [Fact]
    public async Task ReindexingADocument_DeletesOnlyItsPagesBeyondTheNewCount_AndReplacesTheOthersById()
    {
        var es = new RecordedElasticsearch()
            .Reply(HttpStatusCode.OK, "delete-by-query.json")
            .Reply(HttpStatusCode.OK, "bulk-ok.json");
        await Create(es, new SwitchableTenant(TenantA)).IndexAsync(NewDocument(TenantA, "eins", "zwei"), default);

        es.Requests[0].Json.ToJsonString().ShouldBe(
            Ids("""{"query":{"bool":{"filter":[{"term":{"document_id":"$Document"}},{"range":{"page":{"gt":2}}}]}}}"""));
        es.Requests[1].Uri.PathAndQuery.ShouldBe($"/{IndexA}/_bulk?refresh=wait_for");
    }

    [Fact]
    public async Task ADocumentWithoutText_OnlyDeletesItsPages_AndRefreshes()
    {
        var es = new RecordedElasticsearch().Reply(HttpStatusCode.OK, "delete-by-query.json");
        await Create(es, new SwitchableTenant(TenantA)).IndexAsync(NewDocument(TenantA), default);
        var request = es.Requests.ShouldHaveSingleItem();
        request.Uri.PathAndQuery.ShouldBe($"/{IndexA}/_delete_by_query?conflicts=proceed&refresh=true");
        request.Json.ToJsonString().ShouldBe(Ids("""{"query":{"bool":{"filter":[{"term":{"document_id":"$Document"}}]}}}"""));
    }

    [Fact]
    public async Task ABulkItemError_FailsTheIndexing_NamingThePageAndTheError()
    {
        var es = new RecordedElasticsearch()
            .Reply(HttpStatusCode.OK, "delete-by-query.json")
            .Reply(HttpStatusCode.OK, "bulk-item-error.json");
        var error = await Should.ThrowAsync<HttpRequestException>(() =>
            Create(es, new SwitchableTenant(TenantA)).IndexAsync(NewDocument(TenantA, "eins", "zwei"), default));
        error.Message.ShouldContain($"page {Document}:1");
        error.Message.ShouldContain("HTTP 429");
        error.Message.ShouldContain("2 of 2 pages failed");
        error.Message.ShouldContain("cluster_block_exception: index [" + IndexA + "] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark");
    }

    [Fact]
    public async Task RemovingADocument_DeletesItsPagesByQuery_AndResetDropsTheIndex_EvenIfItIsMissing()
    {
        var es = new RecordedElasticsearch()
            .Reply(HttpStatusCode.OK, "delete-by-query.json")
            .Reply(HttpStatusCode.OK, "delete-index.json")
            .Reply(HttpStatusCode.NotFound, "index-not-found.json")
            .Reply(HttpStatusCode.NotFound, "index-not-found.json");
        var search = Create(es, new SwitchableTenant(TenantA));
        await search.RemoveAsync(TenantA, Document, default);
        await search.ResetAsync(TenantA, default);
        await search.ResetAsync(TenantA, default);
        await search.RemoveAsync(TenantA, Document, default);

        es.Requests.Select(r => $"{r.Method} {r.Uri.PathAndQuery}").ShouldBe([
            $"POST /{IndexA}/_delete_by_query?conflicts=proceed&refresh=true",
            $"DELETE /{IndexA}",
            $"DELETE /{IndexA}",
            $"POST /{IndexA}/_delete_by_query?conflicts=proceed&refresh=true",
        ]);
        es.Requests[0].Json.ToJsonString().ShouldBe(Ids("""{"query":{"bool":{"filter":[{"term":{"document_id":"$Document"}}]}}}"""));
    }

    [Fact]
    public async Task TheApiKey_IsSentAsApiKeyAuthorization_AndARefusalDoesNotRepeatIt()
    {
        var es = new RecordedElasticsearch().Reply(HttpStatusCode.Unauthorized, "security-exception-401.json");
        var search = Create(es, new SwitchableTenant(TenantA), new() { ["ApiKey"] = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==" });
        var error = await Should.ThrowAsync<HttpRequestException>(() => search.SearchAsync(TenantA, new DocumentQuery("Antrag"), default));

        es.Requests.ShouldHaveSingleItem().Authorization.ShouldBe("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        error.Message.ShouldContain("security_exception");
        error.Message.ShouldNotContain("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
    }

    [Fact]
    public async Task UserAndPassword_AreSentAsBasicAuthorization_AndNoSettingMeansNoAuthorization()
    {
        var basic = new RecordedElasticsearch().Reply(HttpStatusCode.OK, "search-no-hits.json");
        await Create(basic, new SwitchableTenant(TenantA), new() { ["Username"] = "saas", ["Password"] = "geheim" }).SearchAsync(TenantA, new DocumentQuery("Antrag"), default);
        basic.Requests.ShouldHaveSingleItem().Authorization.ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("saas:geheim")));

        var none = new RecordedElasticsearch().Reply(HttpStatusCode.OK, "search-no-hits.json");
        await Create(none, new SwitchableTenant(TenantA)).SearchAsync(TenantA, new DocumentQuery("Antrag"), default);
        none.Requests.ShouldHaveSingleItem().Authorization.ShouldBeNull();
    }

    [Fact]
    public void TheIndexPrefix_NamesEachAuthoritysIndex_InLowerCase()
    {
        var search = Create(new RecordedElasticsearch(), new SwitchableTenant(TenantA), new() { ["IndexPrefix"] = "abh-test.docs" });
        search.IndexName(TenantA).ShouldBe("abh-test.docs-0f8fad5bd9cb469fa16570867728950e");
        Create(new RecordedElasticsearch(), new SwitchableTenant(TenantA)).IndexName(TenantB).ShouldBe(IndexB);
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
    public void TheElasticsearchProvider_IsRegisteredAsTheDocumentSearch()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cases:Search:Provider"] = "elasticsearch",
            ["Cases:Search:Elasticsearch:Url"] = "https://es.internal:9200",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ICurrentTenant>(new SwitchableTenant(TenantA));
        new CasesModule().ConfigureServices(services, configuration);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IDocumentSearch>().ShouldBeOfType<ElasticsearchDocumentSearch>().Provider.ShouldBe("elasticsearch");
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

    private static IEnumerable<JsonNode> Filters(JsonNode body) => body["query"]!["bool"]!["filter"]!.AsArray().Select(f => f!);

    private static IndexedDocument NewDocument(Guid tenant, params string[] pages) =>
        new(tenant, Document, CaseFile, Case, "antrag", "Antrag auf Erteilung einer Aufenthaltserlaubnis",
            new DateTimeOffset(2026, 11, 20, 10, 15, 2, TimeSpan.FromHours(1)).AddTicks(1234560), pages);

    private static ElasticsearchSettings Settings(Dictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?> { ["Cases:Search:Elasticsearch:Url"] = "http://es.test:9200" };
        foreach (var (key, value) in extra ?? [])
        {
            values["Cases:Search:Elasticsearch:" + key] = value;
        }

        // Bound as the host binds it: the Cases section into CasesOptions.
        var options = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(CasesOptions.Section).Get<CasesOptions>()!;
        return ElasticsearchSettings.From(options.Search.Elasticsearch);
    }

    private static ElasticsearchDocumentSearch Create(RecordedElasticsearch es, ICurrentTenant tenant, Dictionary<string, string?>? settings = null)
    {
        var configured = Settings(settings);
        var http = new HttpClient(es);
        configured.Configure(http);
        return new ElasticsearchDocumentSearch(http, configured, tenant);
    }
}

/// <summary>Replays recorded Elasticsearch answers in order and records every request it was sent.</summary>
internal sealed class RecordedElasticsearch : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string File)> replies = new();

    public List<RecordedRequest> Requests { get; } = [];

    public RecordedElasticsearch Reply(HttpStatusCode status, string file)
    {
        replies.Enqueue((status, file));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.MediaType, body));
        if (!replies.TryDequeue(out var reply))
        {
            throw new InvalidOperationException($"No recorded answer for {request.Method} {request.RequestUri}.");
        }

        var json = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Features", "Search", "Recorded", reply.File), cancellationToken);
        return new HttpResponseMessage(reply.Status) { RequestMessage = request, Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string? Body)
{
    public JsonNode Json => JsonNode.Parse(Body!)!;
}

/// <summary>The current authority, switched by the test (as a request or job would).</summary>
internal sealed class SwitchableTenant(Guid id) : ICurrentTenant
{
    public Guid Current { get; set; } = id;

    public TenantInfo? Tenant => new(Current, "t-" + Current.ToString("N")[..8], "Testbehörde", [], new HashSet<string> { CasesModule.ModuleName });

    public IDisposable Begin(TenantInfo tenant) => throw new NotSupportedException();

    public IDisposable BeginPlatformScope() => throw new NotSupportedException();
}
