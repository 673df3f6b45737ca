using Saas.Host;
using Saas.Platform.Tenancy;

namespace Saas.Testing;

/// <summary>Creates a fresh tenant for one test, directly in the tenant registry.</summary>
public static class TestTenants
{
    public static async Task<TenantInfo> CreateAsync(TestDatabase db, IEnumerable<string>? modules = null, string? key = null, IEnumerable<string>? hosts = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = Guid.NewGuid();
        key ??= "t-" + id.ToString("N")[..10];
        var moduleList = (modules ?? HostModules.All.Select(m => m.Name)).ToArray();
        var hostList = (hosts ?? [key + ".test.localhost"]).ToArray();
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("INSERT INTO platform.tenants(id, key, name, hosts, modules) VALUES ($1, $2, $3, $4, $5)", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        cmd.Parameters.Add(new NpgsqlParameter { Value = "Testbehörde " + key });
        cmd.Parameters.Add(new NpgsqlParameter { Value = hostList });
        cmd.Parameters.Add(new NpgsqlParameter { Value = moduleList });
        await cmd.ExecuteNonQueryAsync();
        return new TenantInfo(id, key, "Testbehörde " + key, hostList, moduleList.ToHashSet(StringComparer.Ordinal));
    }
}
