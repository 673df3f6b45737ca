namespace Saas.Modules.Cases.Tests.Features;

/// <summary>
/// A hand-over of a file caught in the middle, as Features/Transfer leaves it between its status update and its
/// commit: the file row is locked and still reads as active to everyone else. A test starts adding a document,
/// sees the addition wait for the row, and then lets the hand-over commit.
/// </summary>
internal sealed class HandOverInProgress : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private HandOverInProgress(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    public static async Task<HandOverInProgress> StartAsync(TestDatabase database, Guid fileId)
    {
        var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var update = new NpgsqlCommand("UPDATE cases.case_files SET status = 'transferred' WHERE id = $1 AND status = 'active'", connection, transaction);
        update.Parameters.Add(new NpgsqlParameter { Value = fileId });
        (await update.ExecuteNonQueryAsync()).ShouldBe(1);
        return new HandOverInProgress(connection, transaction);
    }

    /// <summary>
    /// True once another session waits for this hand-over (for the file row); false when <paramref name="finished"/>
    /// says the work is done without ever having waited. Bounded, no assertion on how long it takes.
    /// </summary>
    public async Task<bool> SomeoneWaitsAsync(Func<Task<bool>> finished)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            // pg_locks is read afresh by every statement (pg_stat_activity would be a snapshot kept for the whole transaction).
            await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))", connection, transaction);
            if ((long)(await waiting.ExecuteScalarAsync())! > 0)
            {
                return true;
            }

            if (await finished())
            {
                return false;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Nobody waited for the hand-over, and the work did not finish either.");
    }

    public Task CommitAsync() => transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}

/// <summary>
/// Everything an addition of documents could leave behind at an authority, counted directly in the database. Reads of a
/// scan batch are counted apart from the other audit records (<see cref="ScanBatchReads"/>): a test that polls a batch
/// until it is split records one read per poll, and how many polls that takes is not the test's subject.
/// </summary>
internal sealed record TenantRows(long Documents, long Pages, long TextExtractions, long Inbox, long OpenInbox, long LegacyBatches, long LegacyBatchDocuments,
    long AuditRecords, long Events, long ScanBatchReads)
{
    /// <summary>
    /// The counts once the authority's background work is done: earlier tests of the class leave scans whose text is
    /// still being read (OCR writes pages, text status and audit records), which would otherwise change the counts
    /// between a test's "before" and "after". Waits at most a minute for the outbox to be empty.
    /// </summary>
    public static async Task<TenantRows> SettledAsync(TestDatabase database, Guid tenant)
    {
        ArgumentNullException.ThrowIfNull(database);
        var until = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < until)
        {
            await using (var connection = new NpgsqlConnection(database.OwnerConnectionString))
            {
                await connection.OpenAsync();
                await using var pending = new NpgsqlCommand(
                    "SELECT count(*) FROM platform.outbox_messages WHERE tenant_id = $1 AND dispatched_at IS NULL AND dead_at IS NULL", connection);
                pending.Parameters.Add(new NpgsqlParameter { Value = tenant });
                if ((long)(await pending.ExecuteScalarAsync())! == 0)
                {
                    break;
                }
            }

            await Task.Delay(50);
        }

        return await CountAsync(database, tenant);
    }

    public static async Task<TenantRows> CountAsync(TestDatabase database, Guid tenant)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM cases.documents WHERE tenant_id = $1),
                   (SELECT count(*) FROM cases.document_pages WHERE tenant_id = $1),
                   (SELECT count(*) FROM cases.text_extractions WHERE tenant_id = $1),
                   (SELECT count(*) FROM cases.inbox_items WHERE tenant_id = $1),
                   (SELECT count(*) FROM cases.inbox_items WHERE tenant_id = $1 AND status = 'open'),
                   (SELECT count(*) FROM cases.legacy_scan_batches WHERE tenant_id = $1),
                   (SELECT count(*) FROM cases.legacy_batch_documents WHERE tenant_id = $1),
                   (SELECT count(*) FROM audit.events WHERE tenant_id = $1 AND action <> 'scanbatch.read'),
                   (SELECT count(*) FROM platform.outbox_messages WHERE tenant_id = $1),
                   (SELECT count(*) FROM audit.events WHERE tenant_id = $1 AND action = 'scanbatch.read')
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant });
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new TenantRows(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
            reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9));
    }
}
