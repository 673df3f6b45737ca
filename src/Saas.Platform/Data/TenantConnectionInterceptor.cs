using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Saas.Platform.Data;

/// <summary>
/// Binds every command an EF context sends to the current tenant. Queries are prefixed with
/// <c>SET app.tenant_id = '…'</c>. The statement travels in the same round trip as the query, so isolation costs
/// no extra network hop (a separate <c>set_config</c> per tenant switch measured as the largest part of the
/// overhead, see tests/Saas.Benchmarks). Npgsql sends the statements together and the reader skips the SET, which
/// returns no rows. If the command fails, or its transaction rolls back, PostgreSQL undoes the SET with it — so
/// every EF command binds anew, and the binder's memory of this connection is dropped, which makes the next raw
/// use (<see cref="AppDataSource.OpenAsync"/>) rebind it as well.
/// </summary>
internal sealed class TenantConnectionInterceptor(TenantSession session) : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Bind(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await BindAsync(command, eventData, cancellationToken);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Bind(command, null);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await BindAsync(command, null, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Bind(command, null);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await BindAsync(command, null, cancellationToken);
        return result;
    }

    /// <summary>
    /// Only plain queries get the prefix: SaveChanges batches and non-queries read per-statement row counts,
    /// which an extra statement would shift. Those bind with a separate round trip instead (and forget it,
    /// because a rolled-back transaction undoes it).
    /// </summary>
    private static bool IsQuery(CommandEventData? readerEvent) =>
        readerEvent?.CommandSource is CommandSource.LinqQuery or CommandSource.FromSqlQuery or CommandSource.Unknown;

    private void Bind(DbCommand command, CommandEventData? readerEvent)
    {
        if (IsQuery(readerEvent))
        {
            Prefix(command);
            return;
        }

        session.Bind(command.Connection!);
        session.Forget((NpgsqlConnection)command.Connection!);
    }

    private async ValueTask BindAsync(DbCommand command, CommandEventData? readerEvent, CancellationToken ct)
    {
        if (IsQuery(readerEvent))
        {
            Prefix(command);
            return;
        }

        await session.BindAsync(command.Connection!, ct);
        session.Forget((NpgsqlConnection)command.Connection!);
    }

    private void Prefix(DbCommand command)
    {
        command.CommandText = session.SetStatement() + command.CommandText;
        session.Forget((NpgsqlConnection)command.Connection!);
    }
}
