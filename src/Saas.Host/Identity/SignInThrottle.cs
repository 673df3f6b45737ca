using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Saas.Host.Identity;

/// <summary>What is counted: an account (the user name), a client address, or an OAuth client (a device secret).</summary>
internal sealed record ThrottleKey(string Scope, string Key, int Limit);

/// <summary>One key's failures in its current window after a failed attempt, and until when it is locked (if it is).</summary>
internal sealed record ThrottleCount(ThrottleKey Key, int Failures, DateTimeOffset? BlockedUntil)
{
    /// <summary>The first failure of the window: the one the audit trail records for this key.</summary>
    public bool FirstInWindow => Failures == 1;

    /// <summary>This failure reached the limit: the audit trail records the lockout once.</summary>
    public bool JustBlocked => Failures == Key.Limit;
}

/// <summary>
/// Counts failed sign-ins in the database (hardening item 4, docs/adr/0004): per account, per client address and
/// per device client, in a fixed window from the first failure. A key that reaches its limit is locked for
/// <see cref="SignInSettings.Lockout"/>; while locked, attempts are refused before any password is checked, so the
/// right password is refused too. Successful sign-ins are never counted. The counters are one table shared by all
/// replicas, so a lockout on one holds on every other.
/// </summary>
internal sealed class SignInThrottle(AppDataSource db, IOptions<SignInSettings> options, TimeProvider clock)
{
    /// <summary>Longer user names cannot exist; they are refused without a look-up (and counted as failures).</summary>
    public const int MaxUsernameLength = 256;

    private SignInSettings Settings => options.Value;

    /// <summary>The account: the user name as the directory normalises it, hashed so that the key is bounded.</summary>
    public ThrottleKey Account(string? username) =>
        new("account", Hash((username ?? "").Trim().ToLowerInvariant()), Settings.MaxFailuresPerAccount);

    /// <summary>The client address of the request; none when the server does not know it (in-memory test hosts).</summary>
    public ThrottleKey? Address(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress is { } address
            ? new("address", (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString(), Settings.MaxFailuresPerAddress)
            : null;
    }

    public ThrottleKey Client(string clientId) => new("client", Hash(clientId), Settings.MaxFailuresPerClient);

    /// <summary>
    /// Until when the first locked one of <paramref name="keys"/> is locked, or null when none is. A refused attempt is
    /// counted on the locked keys (column <c>refused</c>), in the same statement.
    /// </summary>
    public async Task<DateTimeOffset?> BlockedUntilAsync(IEnumerable<ThrottleKey?> keys, CancellationToken ct = default)
    {
        var present = keys.OfType<ThrottleKey>().ToList();
        await using var connection = await db.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            UPDATE identity.sign_in_failures f SET refused = f.refused + 1
            FROM unnest($1::text[], $2::text[]) AS k(scope, key)
            WHERE f.scope = k.scope AND f.key = k.key AND f.blocked_until > $3
            RETURNING f.blocked_until
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = present.Select(k => k.Scope).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = present.Select(k => k.Key).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        DateTimeOffset? until = null;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var value = reader.GetFieldValue<DateTimeOffset>(0);
            until = until is null || value > until ? value : until;
        }

        return until;
    }

    /// <summary>Counts one failed attempt on each key; a key that reaches its limit is locked from now on.</summary>
    public async Task<IReadOnlyList<ThrottleCount>> RecordFailureAsync(IEnumerable<ThrottleKey?> keys, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var present = keys.OfType<ThrottleKey>().ToList();
        await using var connection = await db.OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var key in present)
        {
            // A window that has passed starts again with this failure; reaching the limit locks from now.
            var command = new NpgsqlBatchCommand("""
                INSERT INTO identity.sign_in_failures AS f (scope, key, window_started_at, failures, refused, blocked_until)
                VALUES ($1, $2, $3, 1, 0, CASE WHEN $4 <= 1 THEN $3 + $6 END)
                ON CONFLICT (scope, key) DO UPDATE SET
                    failures = CASE WHEN f.window_started_at <= $3 - $5 THEN 1 ELSE f.failures + 1 END,
                    window_started_at = CASE WHEN f.window_started_at <= $3 - $5 THEN $3 ELSE f.window_started_at END,
                    refused = CASE WHEN f.window_started_at <= $3 - $5 THEN 0 ELSE f.refused END,
                    blocked_until = CASE WHEN (CASE WHEN f.window_started_at <= $3 - $5 THEN 1 ELSE f.failures + 1 END) >= $4
                                         THEN $3 + $6 ELSE f.blocked_until END
                RETURNING failures, blocked_until
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = key.Scope });
            command.Parameters.Add(new NpgsqlParameter { Value = key.Key });
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            command.Parameters.Add(new NpgsqlParameter { Value = key.Limit });
            command.Parameters.Add(new NpgsqlParameter { Value = Settings.Window });
            command.Parameters.Add(new NpgsqlParameter { Value = Settings.Lockout });
            batch.BatchCommands.Add(command);
        }

        if (Random.Shared.Next(100) == 0)
        {
            // Now and then, forget windows that passed long ago (one row per address or name ever tried otherwise).
            var prune = new NpgsqlBatchCommand("""
                DELETE FROM identity.sign_in_failures WHERE window_started_at < $1 AND (blocked_until IS NULL OR blocked_until < $2)
                """);
            prune.Parameters.Add(new NpgsqlParameter { Value = now - Settings.Window - Settings.Window });
            prune.Parameters.Add(new NpgsqlParameter { Value = now });
            batch.BatchCommands.Add(prune);
        }

        var counts = new List<ThrottleCount>(present.Count);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        foreach (var key in present)
        {
            await reader.ReadAsync(ct);
            var failures = reader.GetInt32(0);
            DateTimeOffset? until = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
            counts.Add(new ThrottleCount(key, failures, until > now ? until : null));
            await reader.NextResultAsync(ct);
        }

        return counts;
    }

    /// <summary>A successful sign-in forgets its account's failures (never an address's: one good account must not reset it).</summary>
    public async Task ForgetAsync(ThrottleKey key, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await db.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("DELETE FROM identity.sign_in_failures WHERE scope = $1 AND key = $2 AND (blocked_until IS NULL OR blocked_until <= $3)", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = key.Scope });
        cmd.Parameters.Add(new NpgsqlParameter { Value = key.Key });
        cmd.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Whole seconds until <paramref name="until"/>, at least one (the Retry-After header).</summary>
    public int SecondsUntil(DateTimeOffset until) => Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalSeconds));

    /// <summary>
    /// A typed user name as the audit trail keeps it: at most <see cref="SignInSettings.AuditNameLength"/> characters
    /// without control characters; a longer or altered name is cut and followed by the start of its SHA-256, so that
    /// floods of long names stay small and the same name is still recognisable.
    /// </summary>
    public string AuditName(string? username)
    {
        var name = username ?? "";
        var limit = Math.Max(8, Settings.AuditNameLength);
        var clean = new string(name.Take(limit).Where(c => !char.IsControl(c)).ToArray());
        return clean.Length == name.Length ? clean : clean + "…#" + Hash(name)[..16];
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
