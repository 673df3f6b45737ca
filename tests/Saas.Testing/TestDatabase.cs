using Microsoft.Extensions.Logging.Abstractions;
using Saas.Platform.Data;
using Saas.Host;

namespace Saas.Testing;

/// <summary>
/// One fresh PostgreSQL database per test process on the local cluster that <c>scripts/postgres.sh</c> starts
/// (real PostgreSQL, never an in-memory stand-in), migrated with the kernel's and all host modules' migrations.
/// Tests isolate themselves by creating a fresh tenant each, so they need no cleanup and can run in parallel.
/// </summary>
public sealed class TestDatabase
{
    private static readonly Lazy<Task<TestDatabase>> Shared = new(CreateAsync);

    private TestDatabase(string name)
    {
        Name = name;
    }

    public static Task<TestDatabase> GetAsync() => Shared.Value;

    /// <summary>
    /// A database of its own, migrated the same way and dropped when the process ends: for tests that run hosts as
    /// separate processes (the replicas test), whose background work must not pick up other tests' messages.
    /// </summary>
    public static Task<TestDatabase> CreateSeparateAsync() => CreateAsync();

    public string Name { get; }

    public static string Host => Environment.GetEnvironmentVariable("SAAS_TEST_PGHOST") ?? "127.0.0.1";

    public static string Port => Environment.GetEnvironmentVariable("SAAS_TEST_PGPORT") ?? Environment.GetEnvironmentVariable("SAAS_PGPORT") ?? "55432";

    public string OwnerConnectionString => Build("saas_owner", Environment.GetEnvironmentVariable("SAAS_PG_OWNER_PASSWORD") ?? "saas_owner_dev");

    public string ApplicationConnectionString => Build("saas_app", Environment.GetEnvironmentVariable("SAAS_PG_APP_PASSWORD") ?? "saas_app_dev");

    /// <summary>A role with BYPASSRLS, used only as the baseline in benchmarks and for test set-up.</summary>
    public string BypassConnectionString => Build("saas_bench_bypass", Environment.GetEnvironmentVariable("SAAS_PG_BYPASS_PASSWORD") ?? "saas_bench_dev");

    /// <summary>All migrations the host's modules bring, kernel first.</summary>
    public static IEnumerable<SqlMigration> AllMigrations() => HostModules.AllMigrations();

    private string Build(string user, string password) =>
        $"Host={Host};Port={Port};Database={Name};Username={user};Password={password};Maximum Pool Size=40;Include Error Detail=true";

    private static async Task<TestDatabase> CreateAsync()
    {
        var name = "saas_test_" + Guid.NewGuid().ToString("N")[..12];
        var admin = $"Host={Host};Port={Port};Database=postgres;Username=saas_owner;Password={Environment.GetEnvironmentVariable("SAAS_PG_OWNER_PASSWORD") ?? "saas_owner_dev"}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await cmd.ExecuteNonQueryAsync();
        }

        var db = new TestDatabase(name);
        await using (var connection = new NpgsqlConnection(db.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;", connection);
            await cmd.ExecuteNonQueryAsync();
        }

        await new SqlMigrator(db.OwnerConnectionString, "saas_app", NullLogger.Instance).MigrateAsync(AllMigrations());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => db.TryDrop(admin);
        return db;
    }

    private void TryDrop(string admin)
    {
        if (Environment.GetEnvironmentVariable("SAAS_TEST_KEEP_DB") == "1")
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
            cmd.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // Best effort: a leftover test database is harmless and removed with the cluster.
        }
    }
}
