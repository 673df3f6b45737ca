using Npgsql;

namespace Saas.Host.Tests.Database;

/// <summary>
/// Hardening item 3: the application role may run the statements the application runs, and nothing that rewrites
/// the tenant registry, the OpenID Connect clients or the audit chain. Raw SQL as that role, as an attacker with
/// its connection would send it.
/// </summary>
public sealed class LeastPrivilegeTests
{
    [Fact]
    public async Task HardeningItem3_TheApplicationRole_CannotRewriteTheTenantRegistry()
    {
        var db = await TestDatabase.GetAsync();
        var tenant = await TestTenants.CreateAsync(db);

        await ShouldBeDeniedAsync(db, null, $"UPDATE platform.tenants SET hosts = ARRAY['evil.example'], modules = '{{}}' WHERE key = '{tenant.Key}'");
        await ShouldBeDeniedAsync(db, null, "INSERT INTO platform.tenants(id, key, name) VALUES (gen_random_uuid(), 'rogue-authority', 'Rogue')");
        await ShouldBeDeniedAsync(db, null, $"DELETE FROM platform.tenants WHERE key = '{tenant.Key}'");

        // Reading it stays allowed: resolution needs it before any tenant is known.
        await using var connection = await OpenAsAppAsync(db, null);
        await using var read = new NpgsqlCommand($"SELECT count(*) FROM platform.tenants WHERE key = '{tenant.Key}'", connection);
        ((long)(await read.ExecuteScalarAsync())!).ShouldBe(1);
    }

    [Fact]
    public async Task HardeningItem3_TheApplicationRole_CannotRewriteTheOpenIdConnectClients()
    {
        var db = await TestDatabase.GetAsync();
        await ShouldBeDeniedAsync(db, null, """UPDATE identity."OpenIddictApplications" SET redirect_uris = '["https://evil.example/callback"]', client_secret = NULL""");
        await ShouldBeDeniedAsync(db, null, """INSERT INTO identity."OpenIddictApplications"(id, client_id, concurrency_token) VALUES ('rogue', 'rogue-client', 'x')""");
        await ShouldBeDeniedAsync(db, null, """DELETE FROM identity."OpenIddictApplications" """);
        await ShouldBeDeniedAsync(db, null, """UPDATE identity."OpenIddictScopes" SET name = 'x'""");
    }

    [Fact]
    public async Task HardeningItem3_TheApplicationRole_CannotMoveTheAuditChainHead_NorAppendPastIt()
    {
        var db = await TestDatabase.GetAsync();
        var tenant = await TestTenants.CreateAsync(db);

        await ShouldBeDeniedAsync(db, tenant.Id, $"UPDATE audit.chain_heads SET last_seq = 0, last_hash = 'genesis' WHERE tenant_id = '{tenant.Id}'");
        await ShouldBeDeniedAsync(db, tenant.Id, $"INSERT INTO audit.chain_heads(tenant_id, last_seq, last_hash) VALUES ('{tenant.Id}', 99, 'forged')");
        await ShouldBeDeniedAsync(db, tenant.Id,
            $"INSERT INTO audit.events(tenant_id, seq, occurred_at, actor, action, record_type, prev_hash, hash) VALUES ('{tenant.Id}', 1, now(), 'x', 'x', 'x', 'genesis', 'h')");

        // The append path refuses events that do not continue the chain from its head.
        await using var connection = await OpenAsAppAsync(db, tenant.Id);
        await using var tx = await connection.BeginTransactionAsync();
        await using (var head = new NpgsqlCommand($"SELECT head_seq FROM audit.lock_chain_head('{tenant.Id}')", connection, tx))
        {
            ((long)(await head.ExecuteScalarAsync())!).ShouldBe(0);
        }

        await using var skip = new NpgsqlCommand($"""
            SELECT audit.append_events('{tenant.Id}', ARRAY[5]::bigint[], ARRAY[now()], ARRAY['x'], ARRAY[NULL]::text[], ARRAY['x'], ARRAY['x'],
                ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY[false], ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY['genesis'], ARRAY['h'])
            """, connection, tx);
        var error = await Should.ThrowAsync<PostgresException>(() => skip.ExecuteNonQueryAsync());
        error.SqlState.ShouldBe("23514");
    }

    [Fact]
    public async Task HardeningItem3_TheAuditChainOfAnotherAuthority_CannotBeLockedOrAppended()
    {
        var db = await TestDatabase.GetAsync();
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        await using var connection = await OpenAsAppAsync(db, a.Id);
        await using var other = new NpgsqlCommand($"SELECT head_seq FROM audit.lock_chain_head('{b.Id}')", connection);
        (await Should.ThrowAsync<PostgresException>(() => other.ExecuteScalarAsync())).SqlState.ShouldBe("42501");
    }

    private static async Task ShouldBeDeniedAsync(TestDatabase db, Guid? tenant, string sql)
    {
        await using var connection = await OpenAsAppAsync(db, tenant);
        await using var cmd = new NpgsqlCommand(sql, connection);
        var error = await Should.ThrowAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync(), sql);
        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql + ": " + error.MessageText);
    }

    private static async Task<NpgsqlConnection> OpenAsAppAsync(TestDatabase db, Guid? tenant)
    {
        var connection = new NpgsqlConnection(db.ApplicationConnectionString);
        await connection.OpenAsync();
        if (tenant is not null)
        {
            await using var bind = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{tenant}', false)", connection);
            await bind.ExecuteNonQueryAsync();
        }

        return connection;
    }
}
