namespace Saas.Platform.Data;

/// <summary>
/// The application's single <see cref="NpgsqlDataSource"/> (one pool per process). Every connection it hands
/// out through <see cref="OpenAsync"/> is bound to the current tenant; EF contexts get the same through
/// <see cref="TenantConnectionInterceptor"/>.
/// </summary>
public sealed class AppDataSource : IAsyncDisposable, IDisposable
{
    private readonly TenantSession session;

    public AppDataSource(string connectionString, TenantSession session, Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        this.session = session;
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Session state survives the pool: TenantSession tracks and overwrites app.tenant_id itself,
        // which saves the DISCARD ALL and a set_config round trip on every open.
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        // Statements run again and again (a reservation, a page's reads) are prepared on each physical connection after
        // their third use, so PostgreSQL stops parsing and planning them every time (docs/adr/0041). The schema changes
        // only by migrations, before the pool is used. A connection string that sets its own value keeps it.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 128;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 3;
        }
        builder.UsePhysicalConnectionInitializer(session.InitialisePhysical, c => session.InitialisePhysicalAsync(c));
        configure?.Invoke(builder);
        DataSource = builder.Build();
    }

    public NpgsqlDataSource DataSource { get; }

    public TenantSession Session => session;

    /// <summary>Opens a pooled connection bound to the current tenant (or to no tenant).</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = await DataSource.OpenConnectionAsync(ct);
        try
        {
            await session.BindAsync(connection, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// One statement on a pooled connection bound to the current tenant in the statement's own round trip
    /// (<see cref="TenantCommand"/>): the cheap way for a single read or write outside a transaction.
    /// </summary>
    public async Task<TenantCommand> CommandAsync(string sql, CancellationToken ct = default)
    {
        var connection = await DataSource.OpenConnectionAsync(ct);
        var binds = session.NeedsBinding(connection, out var tenant);
        return new TenantCommand(connection, session, tenant, binds, sql);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
