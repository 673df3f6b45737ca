namespace Saas.Platform.Data;

/// <summary>
/// Keeps the PostgreSQL session variable <c>app.tenant_id</c> equal to the current tenant on every connection
/// the application uses. Row-level security policies read that variable, so this is the database wall.
/// </summary>
/// <remarks>
/// Pooled connections keep session state (the data source turns off the reset on close), so the binder
/// remembers per physical connection (its backend process id) which tenant was last set and skips the
/// round trip when it already matches. A new physical connection is initialised to "no tenant" and its
/// entry reset before first use, so a reused process id can never carry a stale tenant. A wrong entry can
/// only cause a missing set_config for the *same* tenant; a different tenant always triggers set_config.
/// </remarks>
public sealed class TenantSession(ICurrentTenant currentTenant)
{
    private const string SetSql = "SELECT set_config('app.tenant_id', $1, false)";
    private readonly ConcurrentDictionary<int, Guid> boundTenant = new();

    internal ICurrentTenant CurrentTenant => currentTenant;

    /// <summary>Called once for each new physical connection (see <see cref="AppDataSource"/>).</summary>
    internal async Task InitialisePhysicalAsync(NpgsqlConnection connection, CancellationToken ct = default)
    {
        await using (var cmd = new NpgsqlCommand(SetSql, connection))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = "" });
            await cmd.ExecuteScalarAsync(ct);
        }

        boundTenant[connection.ProcessID] = Guid.Empty;
    }

    internal void InitialisePhysical(NpgsqlConnection connection)
    {
        using (var cmd = new NpgsqlCommand(SetSql, connection))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = "" });
            cmd.ExecuteScalar();
        }

        boundTenant[connection.ProcessID] = Guid.Empty;
    }

    /// <summary>Binds an open connection to the current tenant (or to none).</summary>
    public async Task BindAsync(DbConnection connection, CancellationToken ct = default)
    {
        var npgsql = (NpgsqlConnection)connection;
        var wanted = currentTenant.Id ?? Guid.Empty;
        if (boundTenant.TryGetValue(npgsql.ProcessID, out var bound) && bound == wanted)
        {
            return;
        }

        // Forget first: if set_config fails half-way we must not believe the old value is still right.
        boundTenant.TryRemove(npgsql.ProcessID, out _);
        await using (var cmd = new NpgsqlCommand(SetSql, npgsql))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = wanted == Guid.Empty ? "" : wanted.ToString() });
            await cmd.ExecuteScalarAsync(ct);
        }

        boundTenant[npgsql.ProcessID] = wanted;
    }

    /// <summary>
    /// A statement that binds the session to the current tenant, to prefix a command with. The value is a
    /// formatted <see cref="Guid"/> (hex digits and dashes only) or empty, so inlining it is safe.
    /// </summary>
    internal string SetStatement() => SetStatement(currentTenant.Id ?? Guid.Empty) + ";\n";

    /// <summary>The statement that binds a session to a tenant (<see cref="Guid.Empty"/>: to none).</summary>
    internal static string SetStatement(Guid tenant) =>
        tenant == Guid.Empty ? "SET app.tenant_id = ''" : "SET app.tenant_id = '" + tenant.ToString("D") + "'";

    /// <summary>
    /// The tenant a connection must be bound to now, and whether it is not already: then its old binding is
    /// forgotten at once, so that a failure on the way can never leave a stale entry behind.
    /// </summary>
    internal bool NeedsBinding(NpgsqlConnection connection, out Guid wanted)
    {
        wanted = currentTenant.Id ?? Guid.Empty;
        if (boundTenant.TryGetValue(connection.ProcessID, out var bound) && bound == wanted)
        {
            return false;
        }

        boundTenant.TryRemove(connection.ProcessID, out _);
        return true;
    }

    /// <summary>Records that a connection's session is now bound to a tenant (after the SET succeeded).</summary>
    internal void Remember(NpgsqlConnection connection, Guid tenant) => boundTenant[connection.ProcessID] = tenant;

    /// <summary>Forgets what this connection is bound to; its next raw use binds it again.</summary>
    internal void Forget(NpgsqlConnection connection) => boundTenant.TryRemove(connection.ProcessID, out _);

    public void Bind(DbConnection connection)
    {
        var npgsql = (NpgsqlConnection)connection;
        var wanted = currentTenant.Id ?? Guid.Empty;
        if (boundTenant.TryGetValue(npgsql.ProcessID, out var bound) && bound == wanted)
        {
            return;
        }

        boundTenant.TryRemove(npgsql.ProcessID, out _);
        using (var cmd = new NpgsqlCommand(SetSql, npgsql))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = wanted == Guid.Empty ? "" : wanted.ToString() });
            cmd.ExecuteScalar();
        }

        boundTenant[npgsql.ProcessID] = wanted;
    }
}
