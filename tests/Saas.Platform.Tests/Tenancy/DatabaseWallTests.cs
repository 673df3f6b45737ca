namespace Saas.Platform.Tests.Tenancy;

/// <summary>The database wall: row-level security as the application role, with raw SQL and no ORM in between.</summary>
public sealed class DatabaseWallTests
{
    [Fact]
    public async Task RawSql_AsApplicationRoleWithNoTenantSet_ReturnsNoRows()
    {
        var db = await KernelNotes.EnsureAsync();
        var a = await TestTenants.CreateAsync(db);
        await KernelNotes.InsertAsync(db, a, "Akte Mustermann");

        await using var connection = new NpgsqlConnection(db.ApplicationConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM kernel_test.notes", connection);
        ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0);
    }

    [Fact]
    public async Task RawSql_WithTenantBSet_ReturnsNoneOfTenantARows()
    {
        var db = await KernelNotes.EnsureAsync();
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        await KernelNotes.InsertAsync(db, a, "A1", "A2");
        await KernelNotes.InsertAsync(db, b, "B1");

        await using var connection = new NpgsqlConnection(db.ApplicationConnectionString);
        await connection.OpenAsync();
        await KernelNotes.SetTenantAsync(connection, b.Id);
        await using var cmd = new NpgsqlCommand("SELECT tenant_id, body FROM kernel_test.notes", connection);
        var rows = new List<(Guid, string)>();
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        rows.ShouldAllBe(r => r.Item1 == b.Id);
        rows.Select(r => r.Item2).ShouldBe(["B1"]);
    }

    [Fact]
    public async Task RawSql_InsertingARowForAnotherTenant_IsRejected()
    {
        var db = await KernelNotes.EnsureAsync();
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);

        await using var connection = new NpgsqlConnection(db.ApplicationConnectionString);
        await connection.OpenAsync();
        await KernelNotes.SetTenantAsync(connection, b.Id);
        await using var cmd = new NpgsqlCommand("INSERT INTO kernel_test.notes(id, tenant_id, body) VALUES (gen_random_uuid(), $1, 'fremd')", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = a.Id });

        var error = await Should.ThrowAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task RawSql_UpdatingAnotherTenantsRowsOrMovingARowToAnotherTenant_ChangesNothing()
    {
        var db = await KernelNotes.EnsureAsync();
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        await KernelNotes.InsertAsync(db, a, "A1");
        await KernelNotes.InsertAsync(db, b, "B1");

        await using var connection = new NpgsqlConnection(db.ApplicationConnectionString);
        await connection.OpenAsync();
        await KernelNotes.SetTenantAsync(connection, b.Id);
        await using (var update = new NpgsqlCommand("UPDATE kernel_test.notes SET body = 'überschrieben' WHERE tenant_id = $1", connection))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = a.Id });
            (await update.ExecuteNonQueryAsync()).ShouldBe(0);
        }

        await using var move = new NpgsqlCommand("UPDATE kernel_test.notes SET tenant_id = $1", connection);
        move.Parameters.Add(new NpgsqlParameter { Value = a.Id });
        (await Should.ThrowAsync<PostgresException>(() => move.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task ApplicationRole_OwnsNoTableAndCannotBypassRowLevelSecurity()
    {
        var db = await KernelNotes.EnsureAsync();
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        await connection.OpenAsync();
        await using (var role = new NpgsqlCommand("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'saas_app'", connection))
        await using (var reader = await role.ExecuteReaderAsync())
        {
            (await reader.ReadAsync()).ShouldBeTrue();
            reader.GetBoolean(0).ShouldBeFalse();
            reader.GetBoolean(1).ShouldBeFalse();
        }

        await using var owned = new NpgsqlCommand("SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = 'saas_app'", connection);
        ((long)(await owned.ExecuteScalarAsync())!).ShouldBe(0);
    }

    [Fact]
    public async Task EveryTenantOwnedTable_HasForcedRowLevelSecurityWithATenantPolicy()
    {
        var db = await KernelNotes.EnsureAsync();
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT n.nspname || '.' || c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation')
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE a.attname = 'tenant_id' AND NOT a.attisdropped
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            """, connection);
        var tables = new List<(string Name, bool Enabled, bool Forced, bool Policy)>();
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3)));
            }
        }

        tables.ShouldNotBeEmpty();
        foreach (var table in tables.Where(t => !PlatformTablesWithoutRls.Contains(t.Name)))
        {
            table.ShouldSatisfyAllConditions(
                () => table.Enabled.ShouldBeTrue($"{table.Name} has no row-level security"),
                () => table.Forced.ShouldBeTrue($"{table.Name} does not FORCE row-level security"),
                () => table.Policy.ShouldBeTrue($"{table.Name} has no tenant_isolation policy"));
        }
    }

    /// <summary>
    /// Tables with a tenant_id column that hold no tenant content and must be readable without a tenant.
    /// Each entry needs a reason.
    /// </summary>
    private static readonly HashSet<string> PlatformTablesWithoutRls =
    [
        // Only the ids of tenants with undelivered outbox messages, so the dispatcher knows where to look.
        "platform.outbox_pending",
    ];
}
