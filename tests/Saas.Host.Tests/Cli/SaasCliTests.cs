using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Hosting;
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Saas.Host.Tests.Cli;

/// <summary>The `saas` command as an operator runs it: a real process, exit codes, located errors.</summary>
public sealed class SaasCliTests
{
    private static readonly string Root = SaasAppFactory.RepositoryRoot;

    [Fact]
    public async Task Validate_OfTheRealAuthorities_Succeeds()
    {
        var (code, output, _) = await RunAsync("tenants", "validate", Path.Combine(Root, "tenants"));
        code.ShouldBe(0);
        output.ShouldContain("rhein-sieg-kreis: 42 documents, 0 errors");
    }

    [Fact]
    public async Task Validate_OfABrokenDocument_ExitsWithOneAndNamesFileLineAndPath()
    {
        var folder = Path.Combine(Path.GetTempPath(), "saas-cli-" + Guid.NewGuid().ToString("N"), "aachen");
        CopyDirectory(Path.Combine(Root, "tenants", "aachen"), folder);
        var file = Path.Combine(folder, "locations", "rwth.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("postalCode: \"52062\"", "postalCode: 52062x", StringComparison.Ordinal));

        var (code, _, errors) = await RunAsync("tenants", "validate", folder);
        code.ShouldBe(1);
        errors.ShouldContain("aachen/locations/rwth.yaml:");
        errors.ShouldContain("$.spec.address.postalCode");
    }

    [Fact]
    public async Task Validate_OfAStaffDocumentWithAUnitNoDocumentDefines_ExitsWithOneAndNamesFileLineAndPath()
    {
        var folder = Path.Combine(Path.GetTempPath(), "saas-cli-" + Guid.NewGuid().ToString("N"), "rhein-sieg-kreis");
        CopyDirectory(Path.Combine(Root, "tenants", "rhein-sieg-kreis"), folder);
        var file = Path.Combine(folder, "staff", "rsk.becker.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("\"30-24\"", "\"30-99\"", StringComparison.Ordinal));

        var (code, _, errors) = await RunAsync("tenants", "validate", folder);
        code.ShouldBe(1);
        errors.ShouldContain("rhein-sieg-kreis/staff/rsk.becker.yaml:6:20: $.spec.units[1]:");
    }

    [Fact]
    public async Task HardeningItem1_Validate_OfADocumentNested50000Deep_ExitsWithOneAndNamesFileLineAndColumn()
    {
        // Before: YamlDotNet's recursive node tree overflowed the stack and the process ended with 134.
        var folder = Path.Combine(Path.GetTempPath(), "saas-cli-" + Guid.NewGuid().ToString("N"), "aachen");
        CopyDirectory(Path.Combine(Root, "tenants", "aachen"), folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "locations", "tief.yaml"), Metadata.UntrustedDocumentTests.DeepYaml("tief"));

        // The CLI writes in the operator's language (LANG), German when it names none the platform has.
        var (code, _, errors) = await RunAsync(new Dictionary<string, string> { ["LANG"] = "en_US.UTF-8", ["LC_ALL"] = "en_US.UTF-8" }, "tenants", "validate", folder);
        code.ShouldBe(1, errors);
        errors.ShouldContain("aachen/locations/tief.yaml:3:72: $: The document is nested more than 66 levels deep.");
        (code, _, errors) = await RunAsync(new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8" }, "tenants", "validate", folder);
        code.ShouldBe(1, errors);
        errors.ShouldContain("aachen/locations/tief.yaml:3:72: $: Das Dokument ist tiefer als 66 Ebenen verschachtelt.");
    }

    [Fact]
    public async Task SearchReindex_WithPostgres_CountsTheAuthoritysDocumentsAndPages_AndSaysNothingNeededRebuilding()
    {
        var db = await TestDatabase.GetAsync();
        var tenant = await TestTenants.CreateAsync(db);
        await TestDocuments.SeedAsync(db, tenant.Id, documents: 2, pages: 3);

        var (code, output, errors) = await RunAsync(DatabaseEnvironment(db), "search", "reindex", "--tenant", tenant.Key);

        code.ShouldBe(0, errors);
        output.ShouldContain($"{tenant.Key}: 2 documents, 6 pages, ");
        output.ShouldContain("the page table is the index, nothing needed rebuilding");
    }

    [Fact]
    public async Task HardeningItem7_AuditCheckpoint_SignsEachChainHead_AndVerifyFindsATailCutWithTheHeadRewound()
    {
        var db = await TestDatabase.GetAsync();
        var tenant = await TestTenants.CreateAsync(db);
        var folder = Directory.CreateTempSubdirectory("saas-cli-checkpoints-").FullName;
        try
        {
            using (var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), key.ExportECPrivateKeyPem());
            }

            var environment = DatabaseEnvironment(db);
            environment["Audit__Checkpoints__Directory"] = Path.Combine(folder, "checkpoints");
            environment["Audit__Checkpoints__KeyPath"] = Path.Combine(folder, "key.pem");
            await RecordAsync(db, tenant, count: 3);
            var (code, output, errors) = await RunAsync(environment, "audit", "checkpoint");
            output.ShouldContain($"{tenant.Key}: signed event ", Case.Sensitive, errors);
            (code, output, errors) = await RunAsync(environment, "audit", "verify");
            output.ShouldContain($"{tenant.Key}: OK (", Case.Sensitive, errors);

            await OwnerSqlAsync(db, tenant.Id, """
                ALTER TABLE audit.events DISABLE TRIGGER events_append_only;
                DELETE FROM audit.events WHERE tenant_id = current_setting('app.tenant_id')::uuid
                    AND seq = (SELECT max(seq) FROM audit.events WHERE tenant_id = current_setting('app.tenant_id')::uuid);
                ALTER TABLE audit.events ENABLE TRIGGER events_append_only;
                UPDATE audit.chain_heads SET last_seq = last_seq - 1,
                    last_hash = coalesce((SELECT hash FROM audit.events WHERE tenant_id = current_setting('app.tenant_id')::uuid ORDER BY seq DESC LIMIT 1), 'genesis')
                    WHERE tenant_id = current_setting('app.tenant_id')::uuid;
                """);
            (code, output, _) = await RunAsync(environment, "audit", "verify");
            code.ShouldBe(1);
            output.ShouldContain($"{tenant.Key}: BROKEN at event ");
            output.ShouldContain("cut off");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Events recorded as the platform records them (the kernel's audit trail over the application role).</summary>
    private static async Task RecordAsync(TestDatabase db, Saas.Platform.Tenancy.TenantInfo tenant, int count)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Application"] = db.ApplicationConnectionString,
            ["Database:Owner"] = db.OwnerConnectionString,
        }).Build();
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration);
        services.AddSaasPlatform(configuration, HostModules.All, HostModules.HostMigrations);
        await using var provider = services.BuildServiceProvider();
        using (provider.GetRequiredService<Saas.Platform.Tenancy.ICurrentTenant>().Begin(tenant))
        {
            for (var i = 0; i < count; i++)
            {
                await provider.GetRequiredService<Saas.Platform.Audit.IAuditTrail>().RecordAsync(new("cli.test", "test", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Actor: "test"));
            }
        }
    }

    private static async Task OwnerSqlAsync(TestDatabase db, Guid tenant, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand($"SELECT set_config('app.tenant_id', '{tenant}', false); {sql}", connection);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task SearchReindex_OfAnUnknownAuthority_ExitsWithOne()
    {
        var db = await TestDatabase.GetAsync();
        var (code, _, errors) = await RunAsync(DatabaseEnvironment(db), "search", "reindex", "--tenant", "no-such-authority");
        code.ShouldBe(1);
        errors.ShouldContain("no-such-authority: no such authority");
    }

    [Fact]
    public async Task SearchReindex_WithElasticsearch_RebuildsOnlyTheAuthoritysIndex_ThroughTheOfficialClient()
    {
        var db = await TestDatabase.GetAsync();
        var tenant = await TestTenants.CreateAsync(db);
        var documents = await TestDocuments.SeedAsync(db, tenant.Id, documents: 3, pages: 2);
        await using var elasticsearch = await ReplayingElasticsearch.StartAsync();
        var environment = DatabaseEnvironment(db);
        environment["Cases__Search__Provider"] = "elasticsearch";
        environment["Cases__Search__Elasticsearch__Url"] = elasticsearch.Url;
        environment["Cases__Search__Elasticsearch__ApiKey"] = "cmVpbmRleDp0ZXN0";

        var (code, output, errors) = await RunAsync(environment, "search", "reindex", "--tenant", tenant.Key);

        code.ShouldBe(0, errors);
        output.ShouldContain($"{tenant.Key}: 3 documents, 6 pages, ");
        var index = $"saas-documents-{tenant.Id:N}";
        var requests = elasticsearch.Requests.ToList();
        requests[0].ShouldStartWith($"DELETE /{index} ");
        requests.ShouldAllBe(r => r.Contains($" /{index}", StringComparison.Ordinal) && r.Contains("ApiKey cmVpbmRleDp0ZXN0", StringComparison.Ordinal));
        requests.Count(r => r.StartsWith("PUT ", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(1);
        var bulks = requests.Where(r => r.StartsWith("POST ", StringComparison.Ordinal) && r.Contains("/_bulk?refresh=wait_for", StringComparison.Ordinal)).ToList();
        bulks.Count.ShouldBe(3);
        foreach (var document in documents)
        {
            bulks.ShouldContain(b => b.Contains($"{{\"index\":{{\"_id\":\"{document}:2\"}}}}", StringComparison.Ordinal));
        }
    }

    private static Dictionary<string, string> DatabaseEnvironment(TestDatabase db) => new()
    {
        ["Database__Application"] = db.ApplicationConnectionString,
        ["Database__Owner"] = db.OwnerConnectionString,
    };

    private static Task<(int Code, string Output, string Errors)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    private static async Task<(int Code, string Output, string Errors)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "saas.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

/// <summary>
/// An in-process stand-in for Elasticsearch that answers with the recorded Elasticsearch bodies of the cases
/// module's contract tests (index missing until it is created, then created; bulk and delete-by-query succeed)
/// and keeps every request as "METHOD /path?query Authorization" plus its body.
/// </summary>
internal sealed class ReplayingElasticsearch : IAsyncDisposable
{
    private static readonly string Recorded = Path.Combine(SaasAppFactory.RepositoryRoot, "modules", "Cases", "Saas.Modules.Cases.Tests", "Features", "Search", "Recorded");
    private readonly WebApplication app;
    private int created;

    private ReplayingElasticsearch(WebApplication app)
    {
        this.app = app;
    }

    public ConcurrentQueue<string> Requests { get; } = new();

    public string Url => app.Urls.First();

    public static async Task<ReplayingElasticsearch> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath(), EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ReplayingElasticsearch(app);
        app.Run(server.AnswerAsync);
        await app.StartAsync();
        return server;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        // The official client compresses request bodies, and checks that the answer says it comes from Elasticsearch.
        var gzip = string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase);
        await using var content = gzip ? new System.IO.Compression.GZipStream(request.Body, System.IO.Compression.CompressionMode.Decompress) : request.Body;
        using var reader = new StreamReader(content);
        var body = await reader.ReadToEndAsync();
        context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
        Requests.Enqueue($"{request.Method} {request.Path}{request.QueryString} {request.Headers.Authorization}\n{body}");
        var path = request.Path.Value ?? "";
        var (status, file) = request.Method switch
        {
            "DELETE" => Interlocked.Exchange(ref created, 0) == 1 ? (200, "delete-index.json") : (404, "index-not-found.json"),
            "PUT" => Interlocked.Exchange(ref created, 1) == 0 ? (200, "create-index.json") : (400, "resource-already-exists.json"),
            "POST" when path.EndsWith("/_delete_by_query", StringComparison.Ordinal) => Volatile.Read(ref created) == 1 ? (200, "delete-by-query.json") : (404, "index-not-found.json"),
            "POST" when path.EndsWith("/_bulk", StringComparison.Ordinal) => (200, "bulk-ok.json"),
            _ => (500, "search-shard-failure-500.json"),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(await File.ReadAllTextAsync(Path.Combine(Recorded, file)));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
