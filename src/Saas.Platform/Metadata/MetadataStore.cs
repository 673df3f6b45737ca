using NpgsqlTypes;

namespace Saas.Platform.Metadata;

/// <summary>Versioned configuration documents of the current tenant, on <c>metadata.versions</c> (RLS).</summary>
internal sealed class MetadataStore(AppDataSource db, ICurrentTenant currentTenant, MetadataValidator validator, Saas.Platform.Audit.IAuditTrail audit) : IMetadataStore
{
    private const string Columns = "kind, key, version, state, yaml, spec::text, sha256, source_path, created_at, created_by";

    public async Task<IReadOnlyList<MetadataDocument>> GetPublishedAsync(string kind, CancellationToken ct = default) =>
        await QueryAsync($"SELECT {Columns} FROM metadata.versions WHERE kind = $1 AND state = 'published' ORDER BY key", ct, kind);

    public async Task<MetadataDocument?> GetPublishedAsync(string kind, string key, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {Columns} FROM metadata.versions WHERE kind = $1 AND key = $2 AND state = 'published'", ct, kind, key)).SingleOrDefault();

    public async Task<MetadataDocument?> GetDraftAsync(string kind, string key, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {Columns} FROM metadata.versions WHERE kind = $1 AND key = $2 AND state = 'draft'", ct, kind, key)).SingleOrDefault();

    public async Task<IReadOnlyList<MetadataDocument>> GetHistoryAsync(string kind, string key, CancellationToken ct = default) =>
        await QueryAsync($"SELECT {Columns} FROM metadata.versions WHERE kind = $1 AND key = $2 ORDER BY version DESC", ct, kind, key);

    public async Task<MetadataDocument> SaveDraftAsync(string yaml, string author, string? sourcePath = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        RequireTenant();
        var errors = new List<MetadataError>();
        var document = validator.Validate(sourcePath ?? "(editor)", yaml, errors);
        if (document is null)
        {
            throw new MetadataValidationException(errors);
        }

        if (document.Kind == TenantKind.Name && document.Key != currentTenant.Tenant!.Key)
        {
            throw new MetadataValidationException([new MetadataError(sourcePath ?? "(editor)", "$.key", document.Locate("$.key").Line, null,
                $"The tenant document of this authority must have the key '{currentTenant.Tenant!.Key}'.")]);
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var saved = await UpsertDraftAsync(connection, tx, document, sourcePath, author, ct);
        await audit.RecordAsync(new Saas.Platform.Audit.AuditEntry("metadata.draft", saved.Kind, saved.Key, $"version {saved.Version}"), connection, tx, ct);
        await tx.CommitAsync(ct);
        return saved;
    }

    public async Task<int> PublishAsync(IEnumerable<(string Kind, string Key)>? documents, string author, CancellationToken ct = default)
    {
        RequireTenant();
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var count = await PublishAsync(connection, tx, documents?.ToList(), author, ct);
        await audit.RecordAsync(new Saas.Platform.Audit.AuditEntry("metadata.publish", "metadata", null, $"{count} documents"), connection, tx, ct);
        await tx.CommitAsync(ct);
        return count;
    }

    /// <summary>Stores a validated document as draft unless it equals the latest version. Returns the draft or the unchanged latest.</summary>
    internal static async Task<MetadataDocument> UpsertDraftAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ParsedDocument document, string? sourcePath, string author, CancellationToken ct)
    {
        var sha = Sha256(document.Yaml);
        await using (var latest = new NpgsqlCommand($"SELECT {Columns} FROM metadata.versions WHERE kind = $1 AND key = $2 ORDER BY version DESC LIMIT 1 FOR UPDATE", connection, tx))
        {
            latest.Parameters.Add(new NpgsqlParameter { Value = document.Kind });
            latest.Parameters.Add(new NpgsqlParameter { Value = document.Key });
            await using var reader = await latest.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                var existing = Read(reader);
                if (existing.Sha256 == sha && existing.SourcePath == sourcePath)
                {
                    return existing;
                }
            }
        }

        await using var cmd = new NpgsqlCommand("""
            WITH draft AS (
                UPDATE metadata.versions SET yaml = $3, spec = $4, sha256 = $5, source_path = $6, created_at = now(), created_by = $7
                WHERE kind = $1 AND key = $2 AND state = 'draft'
                RETURNING kind, key, version, state, yaml, spec::text, sha256, source_path, created_at, created_by)
            , inserted AS (
                INSERT INTO metadata.versions (tenant_id, kind, key, version, state, yaml, spec, sha256, source_path, created_by)
                SELECT platform.current_tenant_id(), $1, $2,
                       coalesce((SELECT max(version) FROM metadata.versions WHERE kind = $1 AND key = $2), 0) + 1,
                       'draft', $3, $4, $5, $6, $7
                WHERE NOT EXISTS (SELECT 1 FROM draft)
                RETURNING kind, key, version, state, yaml, spec::text, sha256, source_path, created_at, created_by)
            SELECT * FROM draft UNION ALL SELECT * FROM inserted
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = document.Kind });
        cmd.Parameters.Add(new NpgsqlParameter { Value = document.Key });
        cmd.Parameters.Add(new NpgsqlParameter { Value = document.Yaml });
        cmd.Parameters.Add(new NpgsqlParameter { Value = document.Spec.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter { Value = sha });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)sourcePath ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = author });
        await using var result = await cmd.ExecuteReaderAsync(ct);
        await result.ReadAsync(ct);
        return Read(result);
    }

    /// <summary>Flips drafts to published and their predecessors to superseded, inside the caller's transaction.</summary>
    internal static async Task<int> PublishAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<(string Kind, string Key)>? documents, string author, CancellationToken ct)
    {
        var kinds = documents?.Select(d => d.Kind).ToArray();
        var keys = documents?.Select(d => d.Key).ToArray();
        await using (var supersede = new NpgsqlCommand("""
            UPDATE metadata.versions p SET state = 'superseded'
            WHERE p.state = 'published' AND EXISTS (
                SELECT 1 FROM metadata.versions d
                WHERE d.state = 'draft' AND d.kind = p.kind AND d.key = p.key
                  AND ($1::text[] IS NULL OR (d.kind, d.key) IN (SELECT * FROM unnest($1::text[], $2::text[]))))
            """, connection, tx))
        {
            AddSelection(supersede, kinds, keys);
            await supersede.ExecuteNonQueryAsync(ct);
        }

        await using var publish = new NpgsqlCommand("""
            UPDATE metadata.versions SET state = 'published', published_at = now(), published_by = $3
            WHERE state = 'draft' AND ($1::text[] IS NULL OR (kind, key) IN (SELECT * FROM unnest($1::text[], $2::text[])))
            """, connection, tx);
        AddSelection(publish, kinds, keys);
        publish.Parameters.Add(new NpgsqlParameter { Value = author });
        return await publish.ExecuteNonQueryAsync(ct);
    }

    internal static string Sha256(string yaml) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));

    internal static MetadataDocument Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.GetString(3) switch { "draft" => MetadataState.Draft, "published" => MetadataState.Published, _ => MetadataState.Superseded },
        reader.GetString(4),
        JsonNode.Parse(reader.GetString(5)) ?? new JsonObject(),
        reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.GetFieldValue<DateTimeOffset>(8),
        reader.GetString(9));

    private static void AddSelection(NpgsqlCommand cmd, string[]? kinds, string[]? keys)
    {
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)kinds ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)keys ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
    }

    private async Task<List<MetadataDocument>> QueryAsync(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<MetadataDocument>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private void RequireTenant()
    {
        if (currentTenant.Tenant is null)
        {
            throw new TenantIsolationException("Configuration documents belong to an authority; no authority is set.");
        }
    }
}
