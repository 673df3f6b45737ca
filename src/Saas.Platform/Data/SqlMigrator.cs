namespace Saas.Platform.Data;

/// <summary>
/// Applies modules' SQL migrations as the owner role, each in its own transaction, under an advisory lock so
/// that several replicas starting at once do not race. Applied migrations are recorded with their hash;
/// a changed migration is refused rather than silently skipped.
/// </summary>
public sealed class SqlMigrator(string ownerConnectionString, string applicationRole, ILogger logger)
{
    private const long LockKey = 0x5AA5_0001;

    public async Task<int> MigrateAsync(IEnumerable<SqlMigration> migrations, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        // The role name is spliced into migration text (as identifier and as string literal), so it must be plain.
        if (!System.Text.RegularExpressions.Regex.IsMatch(applicationRole, "^[a-z_][a-z0-9_]{0,62}$"))
        {
            throw new InvalidOperationException($"The application role name '{applicationRole}' must be lower-case letters, digits and underscores.");
        }

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        await CheckApplicationRoleAsync(connection, ct);

        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            var app = QuoteIdentifier(applicationRole);
            await ExecuteAsync(connection, $"""
                CREATE SCHEMA IF NOT EXISTS platform;
                CREATE TABLE IF NOT EXISTS platform.schema_migrations (
                    module text NOT NULL,
                    id text NOT NULL,
                    sha256 text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (module, id));
                GRANT USAGE ON SCHEMA platform TO {app};
                GRANT SELECT ON platform.schema_migrations TO {app};
                """, ct);

            var applied = new Dictionary<(string, string), string>();
            await using (var cmd = new NpgsqlCommand("SELECT module, id, sha256 FROM platform.schema_migrations", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    applied[(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
                }
            }

            var count = 0;
            foreach (var migration in migrations)
            {
                if (applied.TryGetValue((migration.Module, migration.Id), out var sha))
                {
                    if (sha != migration.Sha256)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Module}/{migration.Id} was changed after it was applied. Add a new migration instead.");
                    }

                    continue;
                }

                await using var tx = await connection.BeginTransactionAsync(ct);
                var sql = migration.Sql.Replace("${app_role}", applicationRole, StringComparison.Ordinal);
                await using (var cmd = new NpgsqlCommand(sql, connection, tx))
                {
                    await cmd.ExecuteNonQueryAsync(ct);
                }

                await using (var cmd = new NpgsqlCommand("INSERT INTO platform.schema_migrations(module, id, sha256) VALUES ($1, $2, $3)", connection, tx))
                {
                    cmd.Parameters.Add(new NpgsqlParameter { Value = migration.Module });
                    cmd.Parameters.Add(new NpgsqlParameter { Value = migration.Id });
                    cmd.Parameters.Add(new NpgsqlParameter { Value = migration.Sha256 });
                    await cmd.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Module}/{Id}", migration.Module, migration.Id);
                count++;
            }

            return count;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private async Task CheckApplicationRoleAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = applicationRole });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new InvalidOperationException($"The application role '{applicationRole}' does not exist. Create it (LOGIN NOSUPERUSER NOBYPASSRLS) before migrating.");
        }

        if (reader.GetBoolean(0) || reader.GetBoolean(1))
        {
            throw new InvalidOperationException($"The application role '{applicationRole}' is a superuser or has BYPASSRLS; row-level security would not protect tenants.");
        }

        await reader.CloseAsync();

        // Search functions run as the schema owner and apply the tenant themselves (ADR 0007): without BYPASSRLS
        // they would still be correct, but read every row of an authority instead of using the text indexes.
        await using var owner = new NpgsqlCommand("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user", connection);
        if (await owner.ExecuteScalarAsync(ct) is not true)
        {
            logger.LogWarning("The migration role {Role} has no BYPASSRLS: full-text and name search will not use their indexes (see docs/adr/0007).", connection.UserName);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
