using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Data;

namespace Saas.Benchmarks;

/// <summary>
/// The price of isolation: the same tenant-scoped query (a caseworker's list of files by surname prefix)
/// through the platform — TenantDbContext with its query filter, as the application role under RLS, on the
/// shared pool that rebinds app.tenant_id — against hand-written SQL with an explicit WHERE tenant_id as a
/// BYPASSRLS role. Both run interleaved in the same process, so noise hits both alike. Target: p95 ratio ≤ 1.15.
/// </summary>
internal static class TenantQueryBenchmark
{
    private const int Tenants = 200;
    private const int FilesPerTenant = 500;
    private const int Warmup = 500;
    private const int Iterations = 5000;

    public static async Task<bool> RunAsync()
    {
        var db = await TestDatabase.GetAsync();
        Console.WriteLine($"query benchmark: {Tenants} tenants x {FilesPerTenant} files, {Iterations} interleaved iterations, random tenant each time");
        var tenants = await SeedAsync(db);

        // The platform path exactly as a request takes it: a DI scope, the pooled context attached to the
        // current tenant, the shared data source that rebinds app.tenant_id, RLS as the application role.
        var services = new ServiceCollection();
        services.AddSingleton<ICurrentTenant, CurrentTenant>();
        services.AddSingleton<TenantSession>();
        services.AddSingleton(sp => new AppDataSource(db.ApplicationConnectionString, sp.GetRequiredService<TenantSession>()));
        services.AddSingleton<TenantConnectionInterceptor>();
        services.AddTenantDbContext<BenchDbContext>();
        await using var provider = services.BuildServiceProvider();
        var current = provider.GetRequiredService<ICurrentTenant>();
        await using var baselineSource = NpgsqlDataSource.Create(db.BypassConnectionString);

        // EF Core alone, without isolation: the same pooled context and compiled query on the BYPASSRLS role, no
        // tenant binding (no interceptor); the context's query filter gives the same WHERE tenant_id as the baseline.
        await using var bypassEfSource = NpgsqlDataSource.Create(db.BypassConnectionString);
        var bypassEf = new PooledDbContextFactory<BenchDbContext>(new DbContextOptionsBuilder<BenchDbContext>()
            .UseNpgsql(bypassEfSource, npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .UseSnakeCaseNamingConvention()
            .EnableThreadSafetyChecks(false)
            .Options);

        var platform = new Samples();
        var isolation = new Samples();
        var baseline = new Samples();
        var bound = new Samples();
        var efAlone = new Samples();
        var random = new Random(42);
        var appSource = provider.GetRequiredService<AppDataSource>();
        for (var i = 0; i < Warmup + Iterations; i++)
        {
            var tenant = tenants[random.Next(tenants.Count)];
            var prefix = Prefixes[random.Next(Prefixes.Length)];

            // Rotate the order so that no variant always runs first (warm caches) or last.
            var order = i % 4;
            TimeSpan p = default, r = default, b = default, s = default, e = default;
            for (var k = 0; k < 4; k++)
            {
                switch ((order + k) % 4)
                {
                    case 0:
                        p = await Samples.TimeAsync(() => PlatformQueryAsync(provider, current, tenant, prefix));
                        break;
                    case 3:
                        e = await Samples.TimeAsync(() => EfWithoutIsolationAsync(bypassEf, current, tenant, prefix));
                        break;
                    case 1:
                        r = await Samples.TimeAsync(() => IsolatedRawQueryAsync(appSource, current, tenant, prefix));
                        // At once again for the same authority: the pool hands back the connection just bound, so
                        // this is RLS and the filter without the binding's round trip (where the time goes).
                        s = await Samples.TimeAsync(() => IsolatedRawQueryAsync(appSource, current, tenant, prefix));
                        break;
                    default:
                        b = await Samples.TimeAsync(() => BaselineQueryAsync(baselineSource, tenant.Id, prefix));
                        break;
                }
            }

            if (i >= Warmup)
            {
                platform.Add(p);
                isolation.Add(r);
                baseline.Add(b);
                bound.Add(s);
                efAlone.Add(e);
            }
        }

        var isolation95 = isolation.Percentile(95) / baseline.Percentile(95);
        var platform95 = platform.Percentile(95) / baseline.Percentile(95);
        Console.WriteLine($"  baseline  raw SQL, WHERE tenant_id, BYPASSRLS role:               p50 {baseline.Percentile(50),5:F0} µs  p95 {baseline.Percentile(95),5:F0} µs");
        Console.WriteLine($"  isolation same SQL as app role: RLS + session binding + filter:   p50 {isolation.Percentile(50),5:F0} µs  p95 {isolation.Percentile(95),5:F0} µs  ratio p50 {isolation.Percentile(50) / baseline.Percentile(50):F3} p95 {isolation95:F3}");
        Console.WriteLine($"  breakdown same, connection already bound (RLS + filter, no rebind): p50 {bound.Percentile(50),5:F0} µs  p95 {bound.Percentile(95),5:F0} µs  ratio p50 {bound.Percentile(50) / baseline.Percentile(50):F3} p95 {bound.Percentile(95) / baseline.Percentile(95):F3}");
        Console.WriteLine($"  platform  EF TenantDbContext (pooled, compiled query) + RLS:      p50 {platform.Percentile(50),5:F0} µs  p95 {platform.Percentile(95),5:F0} µs  ratio p50 {platform.Percentile(50) / baseline.Percentile(50):F3} p95 {platform95:F3}");
        Console.WriteLine($"  breakdown EF Core alone: same context + compiled query, BYPASSRLS, no binding: p50 {efAlone.Percentile(50),5:F0} µs  p95 {efAlone.Percentile(95),5:F0} µs  ratio p50 {efAlone.Percentile(50) / baseline.Percentile(50):F3} p95 {efAlone.Percentile(95) / baseline.Percentile(95):F3}");
        Console.WriteLine($"  EF path's isolation alone (platform against EF Core alone):             ratio p50 {platform.Percentile(50) / efAlone.Percentile(50):F3} p95 {platform.Percentile(95) / efAlone.Percentile(95):F3}");
        var efIsolation95 = platform.Percentile(95) / efAlone.Percentile(95);
        Console.WriteLine($"  target p95 ratio <= 1.15: raw path {(isolation95 <= 1.15 ? "OK" : "MISSED")} ({isolation95:F2}); EF path's isolation {(efIsolation95 <= 1.15 ? "OK" : "MISSED")} ({efIsolation95:F2})");
        Console.WriteLine($"  EF path against hand-written SQL: {platform95:F2} ({(platform95 <= 1.15 ? "within" : "over")} 1.15) — of which EF Core alone, with no isolation at all: {efAlone.Percentile(95) / baseline.Percentile(95):F2}");
        return isolation95 <= 1.15 && efIsolation95 <= 1.15;
    }

    /// <summary>
    /// The isolation mechanisms alone: the application role under RLS, on a pooled connection the platform binds
    /// to the tenant in the statement's own round trip (<see cref="AppDataSource.CommandAsync"/>), with the
    /// predicate the query filter adds — the same SQL text as the baseline.
    /// </summary>
    private static async Task IsolatedRawQueryAsync(AppDataSource source, ICurrentTenant current, TenantInfo tenant, string prefix)
    {
        using (current.Begin(tenant))
        {
            await using var command = await source.CommandAsync(Sql);
            command.With(tenant.Id).With(prefix);
            await ReadRowsAsync(await command.ExecuteReaderAsync());
        }
    }

    /// <summary>A compiled query, as the platform's hot read paths use them: EF skips re-translating the LINQ tree.</summary>
    private static readonly Func<BenchDbContext, string, IAsyncEnumerable<CaseFileRow>> FilesBySurnamePrefix =
        EF.CompileAsyncQuery((BenchDbContext context, string prefix) => context.Files
            .Where(f => TenantSql.StartsWith(f.Surname, prefix))
            .OrderBy(f => f.Surname).ThenBy(f => f.GivenName)
            .Take(20)
            .AsNoTracking());

    private static async Task PlatformQueryAsync(IServiceProvider provider, ICurrentTenant current, TenantInfo tenant, string prefix)
    {
        using (current.Begin(tenant))
        {
            await using var scope = provider.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            var rows = new List<CaseFileRow>(20);
            await foreach (var row in FilesBySurnamePrefix(context, prefix))
            {
                rows.Add(row);
            }

            GC.KeepAlive(rows);
        }
    }

    private static async Task EfWithoutIsolationAsync(PooledDbContextFactory<BenchDbContext> factory, ICurrentTenant current, TenantInfo tenant, string prefix)
    {
        using (current.Begin(tenant))
        {
            await using var context = factory.CreateDbContext();
            context.AttachTenant(current);
            var rows = new List<CaseFileRow>(20);
            await foreach (var row in FilesBySurnamePrefix(context, prefix))
            {
                rows.Add(row);
            }

            GC.KeepAlive(rows);
        }
    }

    private static readonly string[] Prefixes = ["M", "Mo", "Sch", "K", "A", "Ö", "Y", "Ba"];

    private static async Task BaselineQueryAsync(NpgsqlDataSource source, Guid tenantId, string prefix)
    {
        await using var connection = await source.OpenConnectionAsync();
        await ReadAsync(connection, tenantId, prefix);
    }

    private const string Sql = """
        SELECT id, tenant_id, file_number, surname, given_name, birth_date, created_at FROM bench.case_files
        WHERE tenant_id = $1 AND starts_with(surname, $2) ORDER BY surname, given_name LIMIT 20
        """;

    private static async Task ReadAsync(NpgsqlConnection connection, Guid tenantId, string prefix)
    {
        await using var cmd = new NpgsqlCommand(Sql, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = prefix });
        await ReadRowsAsync(await cmd.ExecuteReaderAsync());
    }

    private static async Task ReadRowsAsync(NpgsqlDataReader opened)
    {
        await using var reader = opened;
        var rows = new List<CaseFileRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new CaseFileRow
            {
                Id = reader.GetGuid(0),
                TenantId = reader.GetGuid(1),
                FileNumber = reader.GetString(2),
                Surname = reader.GetString(3),
                GivenName = reader.GetString(4),
                BirthDate = reader.GetFieldValue<DateOnly>(5),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(6),
            });
        }

        GC.KeepAlive(rows);
    }

    private static async Task<List<TenantInfo>> SeedAsync(TestDatabase db)
    {
        await using var owner = new NpgsqlConnection(db.OwnerConnectionString);
        await owner.OpenAsync();
        await using (var cmd = new NpgsqlCommand("""
            CREATE SCHEMA IF NOT EXISTS bench;
            GRANT USAGE ON SCHEMA bench TO saas_app, saas_bench_bypass;
            CREATE TABLE IF NOT EXISTS bench.case_files (
                id uuid PRIMARY KEY, tenant_id uuid NOT NULL, file_number text NOT NULL,
                surname text NOT NULL COLLATE "C", given_name text NOT NULL, birth_date date NOT NULL, created_at timestamptz NOT NULL);
            CREATE INDEX IF NOT EXISTS case_files_tenant_surname ON bench.case_files (tenant_id, surname, given_name);
            SELECT platform.enable_tenant_rls('bench.case_files', 'saas_app');
            GRANT SELECT ON bench.case_files TO saas_bench_bypass;
            """, owner))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        var tenants = new List<TenantInfo>();
        for (var t = 0; t < Tenants; t++)
        {
            tenants.Add(await TestTenants.CreateAsync(db, ["organization"]));
        }

        // Seed with the bypass role through COPY: set-up speed is not what is measured.
        await using var bypass = new NpgsqlConnection(db.BypassConnectionString);
        await bypass.OpenAsync();
        await using (var grant = new NpgsqlCommand("SELECT 1", bypass))
        {
            await grant.ExecuteScalarAsync();
        }

        await using (var ownerGrant = new NpgsqlCommand("GRANT INSERT ON bench.case_files TO saas_bench_bypass", owner))
        {
            await ownerGrant.ExecuteNonQueryAsync();
        }

        var random = new Random(7);
        await using (var importer = await bypass.BeginBinaryImportAsync("COPY bench.case_files (id, tenant_id, file_number, surname, given_name, birth_date, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var tenant in tenants)
            {
                for (var i = 0; i < FilesPerTenant; i++)
                {
                    await importer.StartRowAsync();
                    await importer.WriteAsync(Guid.NewGuid());
                    await importer.WriteAsync(tenant.Id);
                    await importer.WriteAsync($"{tenant.Key.ToUpperInvariant()}-{i:D6}");
                    await importer.WriteAsync(Surnames[random.Next(Surnames.Length)]);
                    await importer.WriteAsync(GivenNames[random.Next(GivenNames.Length)]);
                    await importer.WriteAsync(new DateOnly(1950, 1, 1).AddDays(random.Next(25_000)), NpgsqlTypes.NpgsqlDbType.Date);
                    await importer.WriteAsync(DateTimeOffset.UtcNow.AddDays(-random.Next(3650)), NpgsqlTypes.NpgsqlDbType.TimestampTz);
                }
            }

            await importer.CompleteAsync();
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE bench.case_files", owner))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        return tenants;
    }

    private static readonly string[] Surnames =
    [
        "Müller", "Mohammed", "Muhammad", "Mohamed", "Schmidt", "Schneider", "Yılmaz", "Kaya", "Öztürk", "Nowak",
        "Kowalski", "Ahmadi", "Hosseini", "Popescu", "Ivanova", "Petrenko", "Bakr", "Al-Hassan", "Nguyen", "Santos",
        "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein", "Wolf",
    ];

    private static readonly string[] GivenNames =
    [
        "Ali", "Fatima", "Olena", "Andrii", "Maria", "Ahmad", "Aylin", "Mehmet", "Anna", "Jan", "Sara", "Omar", "Lina", "Yusuf",
    ];
}

internal sealed class CaseFileRow : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string FileNumber { get; set; } = "";

    public string Surname { get; set; } = "";

    public string GivenName { get; set; } = "";

    public DateOnly BirthDate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : TenantDbContext(options)
{
    public DbSet<CaseFileRow> Files => Set<CaseFileRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CaseFileRow>().ToTable("case_files", "bench");
        base.OnModelCreating(modelBuilder);
    }
}
