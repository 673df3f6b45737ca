using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.Search;
using Saas.Platform.Hosting;

namespace Saas.Modules.Cases.Tests.Features.Search;

/// <summary><c>saas search reindex</c>'s work for one authority, on the real database with a recording search.</summary>
public sealed class SearchIndexRebuilderTests
{
    [Fact]
    public async Task Rebuilding_ResetsTheAuthoritysIndex_ThenIndexesEachOfItsDocumentsWithText_InPageOrder_AndNoOtherAuthoritys()
    {
        var db = await TestDatabase.GetAsync();
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        // More documents than one batch reads, so that the keyset paging is exercised.
        var documents = await TestDocuments.SeedAsync(db, a.Id, documents: 120, pages: 2);
        await TestDocuments.SeedAsync(db, a.Id, documents: 1, pages: 0);
        await TestDocuments.SeedAsync(db, b.Id, documents: 3, pages: 1);
        var search = new RecordingSearch("elasticsearch");

        var result = await RebuildAsync(db, a, search);

        search.Calls.First().ShouldBe($"reset {a.Id}");
        search.Calls.Count(c => c.StartsWith("reset", StringComparison.Ordinal)).ShouldBe(1);
        search.Indexed.Select(d => d.DocumentId).Order().ShouldBe(documents.Order());
        search.Indexed.ShouldAllBe(d => d.TenantId == a.Id);
        var one = search.Indexed.Single(d => d.DocumentId == documents[7]);
        one.Pages.ShouldBe([$"Seite 1 von {documents[7]}", $"Seite 2 von {documents[7]}"]);
        one.DocumentType.ShouldBe("antrag");
        one.Title.ShouldBe("Antrag 7");
        result.Provider.ShouldBe("elasticsearch");
        result.Rebuilt.ShouldBeTrue();
        result.Documents.ShouldBe(120);
        result.Pages.ShouldBe(240);
        result.Mismatched.ShouldBe(0);
    }

    [Fact]
    public async Task WithPostgres_TheRebuildOnlyCounts_AndReportsDocumentsWhosePagesDisagreeWithTheirExtraction()
    {
        var db = await TestDatabase.GetAsync();
        var a = await TestTenants.CreateAsync(db);
        await TestDocuments.SeedAsync(db, a.Id, documents: 2, pages: 3);
        await TestDocuments.SeedAsync(db, a.Id, documents: 1, pages: 2, reportedPages: 4);
        var search = new RecordingSearch("postgres");

        var result = await RebuildAsync(db, a, search);

        search.Calls.ShouldBeEmpty();
        result.Provider.ShouldBe("postgres");
        result.Rebuilt.ShouldBeFalse();
        result.Documents.ShouldBe(3);
        result.Pages.ShouldBe(8);
        result.Mismatched.ShouldBe(1);
    }

    private static async Task<SearchReindexResult> RebuildAsync(TestDatabase db, TenantInfo tenant, IDocumentSearch search)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Application"] = db.ApplicationConnectionString,
            ["Database:Owner"] = db.OwnerConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSaasPlatform(configuration, [new CasesModule()]);
        await using var provider = services.BuildServiceProvider();
        using (provider.GetRequiredService<ICurrentTenant>().Begin(tenant))
        {
            await using var scope = provider.CreateAsyncScope();
            return await new SearchIndexRebuilder(scope.ServiceProvider.GetRequiredService<CasesDbContext>(), search).RebuildAsync(default);
        }
    }

    private sealed class RecordingSearch(string provider) : IDocumentSearch
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public ConcurrentBag<IndexedDocument> Indexed { get; } = [];

        public string Provider => provider;

        public Task<IReadOnlyList<SearchHit>> SearchAsync(Guid tenantId, DocumentQuery query, CancellationToken ct) => throw new NotSupportedException();

        public Task IndexAsync(IndexedDocument document, CancellationToken ct)
        {
            Calls.Enqueue($"index {document.DocumentId}");
            Indexed.Add(document);
            return Task.CompletedTask;
        }

        public Task RemoveAsync(Guid tenantId, Guid documentId, CancellationToken ct) => throw new NotSupportedException();

        public Task ResetAsync(Guid tenantId, CancellationToken ct)
        {
            Calls.Enqueue($"reset {tenantId}");
            return Task.CompletedTask;
        }
    }
}
