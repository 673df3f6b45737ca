namespace Saas.Platform.Tests.Tenancy;

/// <summary>A tenant-owned table that exists only in the test database, to test the isolation walls themselves.</summary>
internal sealed class Note : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public string Body { get; set; } = "";
}

internal sealed class NotesDbContext(DbContextOptions<NotesDbContext> options) : TenantDbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>().ToTable("notes", "kernel_test");
        base.OnModelCreating(modelBuilder);
    }
}

internal static class KernelNotes
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool created;

    public static async Task<TestDatabase> EnsureAsync()
    {
        var db = await TestDatabase.GetAsync();
        await Gate.WaitAsync();
        try
        {
            if (!created)
            {
                await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
                await connection.OpenAsync();
                await using var cmd = new NpgsqlCommand("""
                    CREATE SCHEMA IF NOT EXISTS kernel_test;
                    GRANT USAGE ON SCHEMA kernel_test TO saas_app, saas_bench_bypass;
                    CREATE TABLE IF NOT EXISTS kernel_test.notes (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, body text NOT NULL);
                    CREATE INDEX IF NOT EXISTS notes_tenant_idx ON kernel_test.notes (tenant_id);
                    SELECT platform.enable_tenant_rls('kernel_test.notes', 'saas_app');
                    GRANT SELECT, INSERT ON kernel_test.notes TO saas_bench_bypass;
                    """, connection);
                await cmd.ExecuteNonQueryAsync();
                created = true;
            }
        }
        finally
        {
            Gate.Release();
        }

        return db;
    }

    /// <summary>Inserts notes for a tenant as the application role with that tenant bound (the normal path).</summary>
    public static async Task InsertAsync(TestDatabase db, TenantInfo tenant, params string[] bodies)
    {
        await using var connection = new NpgsqlConnection(db.ApplicationConnectionString);
        await connection.OpenAsync();
        await SetTenantAsync(connection, tenant.Id);
        foreach (var body in bodies)
        {
            await using var cmd = new NpgsqlCommand("INSERT INTO kernel_test.notes(id, tenant_id, body) VALUES ($1, $2, $3)", connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
            cmd.Parameters.Add(new NpgsqlParameter { Value = body });
            await cmd.ExecuteNonQueryAsync();
        }
    }

    public static async Task SetTenantAsync(NpgsqlConnection connection, Guid? tenantId)
    {
        await using var cmd = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenantId?.ToString() ?? "" });
        await cmd.ExecuteNonQueryAsync();
    }

    public static NotesDbContext CreateContext(string connectionString, ICurrentTenant currentTenant, TenantSession session) =>
        CreateContext(builder => builder.UseNpgsql(connectionString), currentTenant, session);

    public static NotesDbContext CreateContext(NpgsqlDataSource dataSource, ICurrentTenant currentTenant, TenantSession session) =>
        CreateContext(builder => builder.UseNpgsql(dataSource), currentTenant, session);

    private static NotesDbContext CreateContext(Action<DbContextOptionsBuilder<NotesDbContext>> provider, ICurrentTenant currentTenant, TenantSession session)
    {
        var builder = new DbContextOptionsBuilder<NotesDbContext>();
        provider(builder);
        var options = builder
            .UseSnakeCaseNamingConvention()
            .AddTenantInterceptors(session)
            .Options;
        var context = new NotesDbContext(options);
        context.AttachTenant(currentTenant);
        return context;
    }
}
