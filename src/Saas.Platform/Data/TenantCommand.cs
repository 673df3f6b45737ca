namespace Saas.Platform.Data;

/// <summary>
/// One SQL statement on a pooled connection of its own, bound to the current tenant in the same round trip:
/// when the connection was last bound to another tenant (or its binding is unknown), <c>SET app.tenant_id</c>
/// travels in the same batch, in front of the statement, followed by an error barrier so that it holds even when
/// the statement fails. A separate <c>set_config</c> per tenant switch was the whole of the raw path's isolation
/// overhead (docs/adr/0002, tests/Saas.Benchmarks <c>query</c>). Disposing the command returns the connection.
/// </summary>
/// <remarks>
/// Made by <see cref="AppDataSource.CommandAsync"/>. For several statements in one transaction, use
/// <see cref="AppDataSource.OpenAsync"/>: it binds once, before the transaction.
/// </remarks>
public sealed class TenantCommand : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlBatch batch;
    private readonly NpgsqlBatchCommand statement;
    private readonly TenantSession session;
    private readonly Guid tenant;
    private readonly bool binds;

    internal TenantCommand(NpgsqlConnection connection, TenantSession session, Guid tenant, bool binds, string sql)
    {
        this.connection = connection;
        this.session = session;
        this.tenant = tenant;
        this.binds = binds;
        batch = new NpgsqlBatch(connection);
        if (binds)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(TenantSession.SetStatement(tenant)) { AppendErrorBarrier = true });
        }

        statement = new NpgsqlBatchCommand(sql);
        batch.BatchCommands.Add(statement);
    }

    /// <summary>The statement's parameters (positional: <c>$1</c>, <c>$2</c>, …).</summary>
    public NpgsqlParameterCollection Parameters => statement.Parameters;

    /// <summary>Adds a positional parameter and returns the command, for one-line set-up.</summary>
    public TenantCommand With(object? value, NpgsqlTypes.NpgsqlDbType? type = null)
    {
        var parameter = new NpgsqlParameter { Value = value ?? DBNull.Value };
        if (type is { } t)
        {
            parameter.NpgsqlDbType = t;
        }

        statement.Parameters.Add(parameter);
        return this;
    }

    public async Task<NpgsqlDataReader> ExecuteReaderAsync(CancellationToken ct = default)
    {
        var reader = await batch.ExecuteReaderAsync(ct);
        // The reader stands on the statement's rows, so the SET before it has run and, behind its barrier, holds.
        Bound();
        return reader;
    }

    public async Task<int> ExecuteNonQueryAsync(CancellationToken ct = default)
    {
        var affected = await batch.ExecuteNonQueryAsync(ct);
        Bound();
        return affected;
    }

    public async Task<object?> ExecuteScalarAsync(CancellationToken ct = default)
    {
        var value = await batch.ExecuteScalarAsync(ct);
        Bound();
        return value is DBNull ? null : value;
    }

    public async ValueTask DisposeAsync()
    {
        await batch.DisposeAsync();
        await connection.DisposeAsync();
    }

    /// <summary>
    /// Only after success does the session remember the binding; it forgot the old one before the batch was sent
    /// (<see cref="AppDataSource.CommandAsync"/>), so a failure leaves the connection to be bound again next time.
    /// </summary>
    private void Bound()
    {
        if (binds)
        {
            session.Remember(connection, tenant);
        }
    }
}
