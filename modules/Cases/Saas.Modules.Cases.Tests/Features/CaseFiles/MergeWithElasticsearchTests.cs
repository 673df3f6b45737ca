using Saas.Modules.Cases.Tests.Features.Search;

namespace Saas.Modules.Cases.Tests.Features.CaseFiles;

/// <summary>A host whose search is Elasticsearch, the official client talking to the stand-in (issue 10, item 11).</summary>
public sealed class ElasticsearchHostFixture : TwoTenantsFixture
{
    internal ElasticsearchStandIn Elasticsearch { get; private set; } = null!;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Cases:Search:Provider"] = "elasticsearch",
        ["Cases:Search:Elasticsearch:Url"] = Elasticsearch.Url,
        ["Cases:Search:Elasticsearch:ApiKey"] = "bWVyZ2U6dGVzdA==",
    };

    public override async Task InitializeAsync()
    {
        Elasticsearch = await ElasticsearchStandIn.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Elasticsearch.DisposeAsync();
    }
}

/// <summary>
/// Elasticsearch keeps each page's file in the index: after two files are merged, the merged-away file's documents
/// must be found under the target and no longer under the source (MergeCaseFiles re-indexes them after its commit).
/// </summary>
public sealed partial class MergeWithElasticsearchTests(ElasticsearchHostFixture fixture) : IClassFixture<ElasticsearchHostFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AfterAMerge_TheMergedAwayFilesPages_AreIndexedUnderTheTargetFile_AndFoundOnlyThere()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var word = "Verpflichtungserklaerung" + new string([.. Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + (c % 26)))]);
        var surname = "Bondarenko" + word[^6..];
        var target = (await a.CreateFileAsync(surname, "Oksana", "1990-04-05")).GetProperty("id").GetGuid();
        var (created, sourceFile) = await a.PostJsonAsync("api/cases/files", new { surname, givenNames = "Oxana", birthDate = "1990-04-05", confirmDuplicate = true });
        created.ShouldBe(HttpStatusCode.Created, sourceFile.ToString());
        var source = sourceFile.GetProperty("id").GetGuid();
        var (uploaded, document) = await a.PostFileAsync($"api/cases/files/{source}/documents", TestPdf.Create([$"Erklaerung {word}", $"Unterschrift {word}"]),
            "application/pdf", "erklaerung.pdf", new Dictionary<string, string> { ["documentType"] = "antrag" });
        uploaded.ShouldBe(HttpStatusCode.Created, document.ToString());
        var documentId = document.GetProperty("id").GetGuid();
        await a.WaitAsync($"api/cases/documents/{documentId}/text", s => s.GetProperty("status").GetString() != "pending");

        var index = fixture.Elasticsearch.Indices[$"saas-documents-{fixture.A.Id:N}"];
        Pages(index, documentId).ShouldBe([(1, source.ToString()), (2, source.ToString())]);
        (await HitsAsync(a, word, source)).ShouldBe([(documentId, 1), (documentId, 2)]);
        var before = fixture.Elasticsearch.Requests.Count;

        var (merged, result) = await a.PostJsonAsync($"api/cases/files/{source}/merge", new { targetId = target });
        merged.ShouldBe(HttpStatusCode.OK, result.ToString());

        // The same two pages, by the same ids, now under the target; nothing is left under the source.
        Pages(index, documentId).ShouldBe([(1, target.ToString()), (2, target.ToString())]);
        index.Documents.Values.ShouldNotContain(p => (string?)p["case_file_id"] == source.ToString());
        (await HitsAsync(a, word, target)).ShouldBe([(documentId, 1), (documentId, 2)]);
        (await HitsAsync(a, word, source)).ShouldBeEmpty();
        // The re-index went to the authority's own index only, through the client's bulk API. This host's outbox
        // dispatcher also serves the other test classes' authorities in the shared database, whose documents go to
        // their own indices meanwhile: only requests naming neither of them, or one of this test's two, are looked at.
        var others = OtherAuthoritiesIndex();
        var reindex = fixture.Elasticsearch.Requests.Skip(before).Select(r => r.Line)
            .Where(l => others.Match(l) is not { Success: true } m || m.Groups[1].Value == $"{fixture.A.Id:N}" || m.Groups[1].Value == $"{fixture.B.Id:N}").ToList();
        reindex.ShouldAllBe(l => l.Contains($" /saas-documents-{fixture.A.Id:N}/", StringComparison.Ordinal));
        reindex.ShouldContain($"POST /saas-documents-{fixture.A.Id:N}/_bulk?refresh=wait_for");
    }

    [System.Text.RegularExpressions.GeneratedRegex(" /saas-documents-([0-9a-f]{32})")]
    private static partial System.Text.RegularExpressions.Regex OtherAuthoritiesIndex();

    private static List<(int Page, string File)> Pages(StandInIndex index, Guid document) =>
        [.. index.Documents.Values.Where(p => (string?)p["document_id"] == document.ToString())
            .Select(p => ((int)p["page"]!, (string)p["case_file_id"]!)).Order()];

    private static async Task<List<(Guid Document, int Page)>> HitsAsync(CasesApi api, string word, Guid file)
    {
        var hits = await api.GetJsonAsync($"api/cases/search?q={word}&file={file}");
        return [.. hits.EnumerateArray().Select(h => (h.GetProperty("documentId").GetGuid(), h.GetProperty("page").GetInt32())).Order()];
    }
}
