using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Saas.Modules.Cases.Features.Search;
using Saas.Platform.Hosting;
using Saas.Platform.Tenancy;
using Saas.Testing;

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
        var documents = await SeedAsync(db, a.Id, documents: 120, pages: 2);
        await SeedAsync(db, a.Id, documents: 1, pages: 0);
        await SeedAsync(db, b.Id, documents: 3, pages: 1);
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
        await SeedAsync(db, a.Id, documents: 2, pages: 3);
        await SeedAsync(db, a.Id, documents: 1, pages: 2, reportedPages: 4);
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

    /// <summary>Documents with extracted pages, written as the owner with the tenant bound (as retention or a migration would).</summary>
    private static async Task<List<Guid>> SeedAsync(TestDatabase db, Guid tenant, int documents, int pages, int? reportedPages = null)
    {
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        await connection.OpenAsync();
        await using (var bind = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection))
        {
            bind.Parameters.Add(new NpgsqlParameter { Value = tenant.ToString() });
            await bind.ExecuteNonQueryAsync();
        }

        var file = Guid.NewGuid();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO cases.case_files (tenant_id, id, file_number, surname, search_name, created_by)
            VALUES ($1, $2, $3, 'Kowalski', 'kowalski', 'test')
            """, connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = tenant });
            insert.Parameters.Add(new NpgsqlParameter { Value = file });
            insert.Parameters.Add(new NpgsqlParameter { Value = "AZ-" + file.ToString("N")[..10] });
            await insert.ExecuteNonQueryAsync();
        }

        var ids = new List<Guid>();
        for (var i = 0; i < documents; i++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            await using var insert = new NpgsqlCommand("""
                INSERT INTO cases.documents (tenant_id, id, case_file_id, document_type, title, source, content_type, sha256, length, created_by)
                VALUES (@tenant, @id, @file, 'antrag', @title, 'upload', 'application/pdf', repeat('a', 64), 1000, 'test');
                INSERT INTO cases.document_pages (tenant_id, document_id, page, text)
                SELECT @tenant, @id, n, 'Seite ' || n || ' von ' || @id::text FROM generate_series(1, @pages) n;
                INSERT INTO cases.text_extractions (tenant_id, document_id, status, attempts, pages) VALUES (@tenant, @id, 'done', 1, @reported);
                """, connection);
            insert.Parameters.AddWithValue("tenant", tenant);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("file", file);
            insert.Parameters.AddWithValue("title", $"Antrag {i}");
            insert.Parameters.AddWithValue("pages", pages);
            insert.Parameters.AddWithValue("reported", reportedPages ?? pages);
            await insert.ExecuteNonQueryAsync();
        }

        return ids;
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
