using System.Diagnostics;
using Saas.Platform.Identity;

namespace Saas.Platform.Audit;

/// <summary>
/// What happened: <paramref name="Action"/> such as <c>metadata.publish</c>, <c>signin</c> or
/// <c>casefile.read</c>, on which record. <paramref name="Details"/> is a short text, never document content.
/// <paramref name="PersonalData"/> marks reads and changes of personal data. <paramref name="Actor"/> overrides
/// the signed-in person (jobs, CLI: <c>system:&lt;job&gt;</c>).
/// </summary>
public sealed record AuditEntry(string Action, string RecordType, string? RecordId = null, string? Details = null, bool PersonalData = false, string? Actor = null);

/// <summary>The audit trail of the current authority.</summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditEntry entry, CancellationToken ct = default);

    /// <summary>Records inside the caller's transaction, so that a change and its record commit together.</summary>
    Task RecordAsync(AuditEntry entry, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct = default);

    /// <summary>
    /// Records several events, in order, inside the caller's transaction: one lock of the chain head and one insert
    /// for all of them (a bulk upload, a deletion run, an imported box), instead of two round trips per event.
    /// </summary>
    Task RecordAllAsync(IReadOnlyList<AuditEntry> entries, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct = default);
}

/// <summary>The result of walking one authority's chain; <see cref="LastHash"/> is the hash of its newest event.</summary>
public sealed record AuditVerification(bool Intact, long Events, long? FirstBrokenSeq, string? Problem)
{
    public string LastHash { get; init; } = AuditTrail.Genesis;
}

/// <summary>
/// A point of the chain known from outside the database (a signed checkpoint, <see cref="AuditCheckpoints"/>): event
/// <see cref="Seq"/> had the hash <see cref="Hash"/>. A chain that no longer reaches it, or reaches it with another
/// hash, was cut off or rewritten — even if whoever did it also rewound <c>audit.chain_heads</c>.
/// </summary>
public sealed record AuditAnchor(long Seq, string Hash);

public interface IAuditVerifier
{
    /// <summary>Walks the current authority's chain in order and reports the first broken link.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken ct = default);

    /// <summary>As <see cref="VerifyAsync(CancellationToken)"/>, and the chain must still contain <paramref name="anchor"/>.</summary>
    Task<AuditVerification> VerifyAsync(AuditAnchor? anchor, CancellationToken ct = default);
}

/// <summary>
/// Appends hash-chained events per authority (UTC, who, what, which record). Appends of one authority are
/// serialised by a row lock on its chain head; authorities do not block each other.
/// </summary>
internal sealed class AuditTrail(AppDataSource db, ICurrentTenant currentTenant, TimeProvider clock, IHttpContextAccessor http) : IAuditTrail, IAuditVerifier
{
    internal const string Genesis = "genesis";

    public async Task RecordAsync(AuditEntry entry, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await RecordAsync(entry, connection, tx, ct);
        await tx.CommitAsync(ct);
    }

    public Task RecordAsync(AuditEntry entry, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct = default) =>
        RecordAllAsync([entry], connection, transaction, ct);

    public async Task RecordAllAsync(IReadOnlyList<AuditEntry> entries, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var tenant = currentTenant.Tenant ?? throw new TenantIsolationException("Audit events belong to an authority; no authority is set.");
        // One round trip: creates the authority's chain head if needed and locks it (the no-op update takes the row
        // lock, as FOR UPDATE would), so appends of one authority are serialised.
        long seq;
        string previous;
        // The application role may not write the head or the events itself (migration 0005): both go through
        // definer functions that accept only events continuing the chain.
        // The connection may come straight from the pool, still bound to the authority it last served, when the caller's
        // unit of work sent nothing before the audit (an audited read saves no rows): a SET goes first, inside the caller's
        // transaction, and the binder forgets the connection, since a rollback would undo the SET.
        db.Session.Forget(connection);
        await using (var bind = new NpgsqlCommand(TenantSession.SetStatement(tenant.Id), connection, transaction))
        {
            await bind.ExecuteNonQueryAsync(ct);
        }

        await using (var head = new NpgsqlCommand("SELECT head_seq, head_hash FROM audit.lock_chain_head($1)", connection, transaction))
        {
            head.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
            await using var reader = await head.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            seq = reader.GetInt64(0);
            previous = reader.GetString(1);
        }

        var context = http.HttpContext;
        var user = context?.User;
        var signedIn = user?.FindFirst(SaasClaims.Subject)?.Value ?? (user?.Identity?.IsAuthenticated == true ? user.Identity.Name : null) ?? "anonymous";
        var occurredAt = Truncate(clock.GetUtcNow());
        var clientIp = context?.Connection.RemoteIpAddress?.ToString();
        var traceId = Activity.Current?.TraceId.ToString() ?? context?.TraceIdentifier;
        var rows = new List<(AuditRow Row, string Hash)>(entries.Count);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            var row = new AuditRow(tenant.Id, ++seq, occurredAt, entry.Actor ?? signedIn, user?.Identity?.Name, entry.Action, entry.RecordType,
                entry.RecordId, entry.Details, entry.PersonalData, clientIp, traceId, previous);
            previous = row.Hash();
            rows.Add((row, previous));
        }

        // The events and the new chain head in one statement.
        await using var insert = new NpgsqlCommand("""
            SELECT audit.append_events($1, $2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[],
                                       $11::text[], $12::text[], $13::text[], $14::text[])
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Row.Seq).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Row.OccurredAt).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Row.Actor).ToArray() });
        foreach (var column in new Func<AuditRow, string?>[] { r => r.ActorName, r => r.Action, r => r.RecordType, r => r.RecordId, r => r.Details })
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => column(r.Row)).ToArray() });
        }

        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Row.PersonalData).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Row.ClientIp).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Row.TraceId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Row.PrevHash).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Hash).ToArray() });
        await insert.ExecuteNonQueryAsync(ct);
    }

    public Task<AuditVerification> VerifyAsync(CancellationToken ct = default) => VerifyAsync(null, ct);

    public async Task<AuditVerification> VerifyAsync(AuditAnchor? anchor, CancellationToken ct = default)
    {
        var tenant = currentTenant.Tenant ?? throw new TenantIsolationException("No authority is set.");
        await using var connection = await db.OpenAsync(ct);
        long expectedSeq = 1;
        var previous = Genesis;
        await using (var cmd = new NpgsqlCommand("""
            SELECT tenant_id, seq, occurred_at, actor, actor_name, action, record_type, record_id, details, personal_data, client_ip, trace_id, prev_hash, hash
            FROM audit.events ORDER BY seq
            """, connection))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var row = new AuditRow(
                    reader.GetGuid(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.GetBoolean(9), reader.IsDBNull(10) ? null : reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11),
                    reader.GetString(12));
                var stored = reader.GetString(13);
                if (row.Seq != expectedSeq)
                {
                    return new AuditVerification(false, expectedSeq - 1, expectedSeq, $"Event {expectedSeq} is missing (next found: {row.Seq}).");
                }

                if (row.PrevHash != previous)
                {
                    return new AuditVerification(false, expectedSeq - 1, row.Seq, $"Event {row.Seq} does not link to event {row.Seq - 1}.");
                }

                if (row.Hash() != stored || row.TenantId != tenant.Id)
                {
                    return new AuditVerification(false, expectedSeq - 1, row.Seq, $"Event {row.Seq} was changed after it was recorded.");
                }

                if (anchor is not null && row.Seq == anchor.Seq && stored != anchor.Hash)
                {
                    return new AuditVerification(false, expectedSeq - 1, row.Seq, $"Event {row.Seq} differs from the signed checkpoint.");
                }

                previous = stored;
                expectedSeq++;
            }
        }

        var count = expectedSeq - 1;
        if (anchor is not null && count < anchor.Seq)
        {
            return new AuditVerification(false, count, count + 1, $"The chain ends at event {count}, but a signed checkpoint names event {anchor.Seq}: its tail was cut off.");
        }

        await using var head = new NpgsqlCommand("SELECT last_seq, last_hash FROM audit.chain_heads", connection);
        await using var headReader = await head.ExecuteReaderAsync(ct);
        if (await headReader.ReadAsync(ct) && (headReader.GetInt64(0) != count || headReader.GetString(1) != previous))
        {
            return new AuditVerification(false, count, count + 1, $"The chain ends at event {count}, but {headReader.GetInt64(0)} were recorded.");
        }

        return new AuditVerification(true, count, null, null) { LastHash = previous };
    }

    // PostgreSQL keeps microseconds; the hash must be computed over what is stored.
    private static DateTimeOffset Truncate(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    private sealed record AuditRow(
        Guid TenantId, long Seq, DateTimeOffset OccurredAt, string Actor, string? ActorName, string Action, string RecordType,
        string? RecordId, string? Details, bool PersonalData, string? ClientIp, string? TraceId, string PrevHash)
    {
        public string Hash()
        {
            var canonical = JsonSerializer.Serialize(new object?[]
            {
                TenantId.ToString("D"), Seq, OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                Actor, ActorName, Action, RecordType, RecordId, Details, PersonalData, ClientIp, TraceId, PrevHash,
            });
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        }
    }
}
