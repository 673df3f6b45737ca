namespace Saas.Platform.Tenancy;

/// <summary>Finds tenants by key, host name or id. Platform data, read without a tenant.</summary>
public interface ITenantCatalog
{
    ValueTask<TenantInfo?> FindByKeyAsync(string key, CancellationToken ct = default);

    ValueTask<TenantInfo?> FindByHostAsync(string host, CancellationToken ct = default);

    ValueTask<TenantInfo?> FindByIdAsync(Guid id, CancellationToken ct = default);

    Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken ct = default);

    /// <summary>Forgets cached entries, e.g. after an import changed a tenant.</summary>
    void Invalidate();
}

/// <summary>
/// Caches tenants for a short time so that resolution costs no query on a warm path, while a change made by
/// another replica becomes visible within <see cref="Ttl"/>. An entry is a few hundred bytes, so a thousand
/// idle tenants cost well under a megabyte.
/// </summary>
internal sealed class TenantCatalog(AppDataSource db, ICurrentTenant currentTenant, TimeProvider clock) : ITenantCatalog
{
    internal static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private const string Columns = "id, key, name, hosts, modules, default_language";
    private readonly ConcurrentDictionary<string, Entry> byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> byHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Guid, Entry> byId = new();

    public ValueTask<TenantInfo?> FindByKeyAsync(string key, CancellationToken ct = default) =>
        FindAsync(byKey, key.ToLowerInvariant(), $"SELECT {Columns} FROM platform.tenants WHERE key = $1", key.ToLowerInvariant(), ct);

    public ValueTask<TenantInfo?> FindByHostAsync(string host, CancellationToken ct = default) =>
        FindAsync(byHost, host, $"SELECT {Columns} FROM platform.tenants WHERE hosts @> ARRAY[$1]", host.ToLowerInvariant(), ct);

    public ValueTask<TenantInfo?> FindByIdAsync(Guid id, CancellationToken ct = default) =>
        FindAsync(byId, id, $"SELECT {Columns} FROM platform.tenants WHERE id = $1", id, ct);

    public async Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken ct = default)
    {
        using var platformScope = currentTenant.BeginPlatformScope();
        await using var cmd = await db.CommandAsync($"SELECT {Columns} FROM platform.tenants ORDER BY key", ct);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<TenantInfo>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    public void Invalidate()
    {
        byKey.Clear();
        byHost.Clear();
        byId.Clear();
    }

    private async ValueTask<TenantInfo?> FindAsync<TKey>(ConcurrentDictionary<TKey, Entry> cache, TKey cacheKey, string sql, object parameter, CancellationToken ct)
        where TKey : notnull
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(cacheKey, out var entry) && entry.Expires > now)
        {
            return entry.Tenant;
        }

        TenantInfo? tenant = null;
        using (currentTenant.BeginPlatformScope())
        {
            await using var cmd = await db.CommandAsync(sql, ct);
            cmd.With(parameter);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                tenant = Read(reader);
            }
        }

        cache[cacheKey] = new Entry(tenant, now + Ttl);
        return tenant;
    }

    private static TenantInfo Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetFieldValue<string[]>(3),
        reader.GetFieldValue<string[]>(4).ToHashSet(StringComparer.Ordinal))
    {
        DefaultLanguage = reader.GetString(5),
    };

    private sealed record Entry(TenantInfo? Tenant, DateTimeOffset Expires);
}
