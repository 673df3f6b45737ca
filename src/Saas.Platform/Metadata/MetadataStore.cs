using NpgsqlTypes;

namespace Saas.Platform.Metadata;

/// <summary>Versioned configuration documents of the current tenant, on <c>metadata.versions</c> (RLS).</summary>
internal sealed class MetadataStore(AppDataSource db, ICurrentTenant currentTenant, MetadataValidator validator, Saas.Platform.Audit.IAuditTrail audit) : IMetadataStore
{
    /// <summary>The columns <see cref="Read"/> and <see cref="ReadStored"/> expect, in this order.</summary>
    internal const string Columns = "kind, key, version, state, yaml, spec::text, sha256, source_path, created_at, created_by, "
                                    + "published_at, published_by, discarded_at, discarded_by, restored_from, errors::text, based_on_version";

    public async Task<IReadOnlyList<MetadataDocument>> GetPublishedAsync(string kind, CancellationToken ct = default) =>
        await QueryAsync($"SELECT {Columns} FROM metadata.versions WHERE kind = $1 AND state = 'published' ORDER BY key", ct, kind);

    public async Task<MetadataDocument?> GetPublishedAsync(string kind, string key, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {Columns} FROM metadata.versions WHERE kind = $1 AND key = $2 AND state = 'published'", ct, kind, key)).SingleOrDefault();

    public async Task<MetadataDocument?> GetDraftAsync(string kind, string key, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {Columns} FROM metadata.versions WHERE kind = $1 AND key = $2 AND state = 'draft'", ct, kind, key)).SingleOrDefault();

    public async Task<IReadOnlyList<MetadataDocument>> GetHistoryAsync(string kind, string key, CancellationToken ct = default) =>
        await QueryAsync($"SELECT {Columns} FROM metadata.versions WHERE kind = $1 AND key = $2 ORDER BY version DESC", ct, kind, key);

    public async Task<MetadataDocument?> GetVersionAsync(string kind, string key, int version, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {Columns} FROM metadata.versions WHERE kind = $1 AND key = $2 AND version = $3", ct, kind, key, version)).SingleOrDefault();

    public async Task<MetadataDocument> SaveDraftAsync(string yaml, string author, string? sourcePath = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        var tenant = RequireTenant();
        var errors = new List<MetadataError>();
        var document = validator.Validate(sourcePath ?? "(editor)", yaml, errors);
        if (document is null)
        {
            throw new MetadataValidationException(errors);
        }

        if (TenantIdentity.KeyError(document, tenant.Key) is { } wrongKey)
        {
            throw new MetadataValidationException([wrongKey]);
        }

        errors.AddRange(TenantIdentity.RegistryErrors(document, tenant));
        if (errors.Count > 0)
        {
            throw new MetadataValidationException(errors);
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var saved = await UpsertDraftAsync(connection, tx, document, sourcePath, author, ct);
        await audit.RecordAsync(new Saas.Platform.Audit.AuditEntry("metadata.draft", saved.Kind, saved.Key, $"version {saved.Version}", Actor: author), connection, tx, ct);
        await tx.CommitAsync(ct);
        return saved;
    }

    public async Task<int> PublishAsync(IEnumerable<(string Kind, string Key)>? documents, string author, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        var tenant = RequireTenant();
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var count = await PublishAsync(connection, tx, documents?.ToList(), author, (draft, errors) => CheckForPublish(validator, draft, tenant, errors), ct);
        if (count == 0)
        {
            return 0;
        }

        await audit.RecordAsync(new Saas.Platform.Audit.AuditEntry("metadata.publish", "metadata", null, $"{count} documents", Actor: author), connection, tx, ct);
        await tx.CommitAsync(ct);
        return count;
    }

    /// <summary>
    /// Serialises every change of one document (save, discard, restore, import) across transactions and replicas:
    /// a transaction-scoped advisory lock on the authority, kind and key. Taken before the document's rows are locked,
    /// so a new document's first two saves cannot both see "no version yet"; publishing takes the same locks in
    /// order of kind and key first, so two publishes of overlapping selections do not deadlock.
    /// </summary>
    internal static async Task LockDocumentAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string kind, string key, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(hashtext('metadata:' || current_setting('app.tenant_id', true) || ':' || $1), hashtext($2))", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = kind });
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The document's latest version (its open draft, else its published version), locked for the transaction.</summary>
    internal static async Task<StoredVersion?> LatestAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string kind, string key, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"SELECT {Columns} FROM metadata.versions WHERE kind = $1 AND key = $2 AND state IN ('draft', 'published') ORDER BY version DESC LIMIT 1 FOR UPDATE",
            connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = kind });
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadStored(reader) : null;
    }

    /// <summary>Stores a validated document as draft unless it equals the latest version. Returns the draft or the unchanged latest.</summary>
    internal static async Task<MetadataDocument> UpsertDraftAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ParsedDocument document, string? sourcePath, string author, CancellationToken ct)
    {
        await LockDocumentAsync(connection, tx, document.Kind, document.Key, ct);
        var latest = await LatestAsync(connection, tx, document.Kind, document.Key, ct);
        if (latest is not null && latest.Document.Sha256 == Sha256(document.Yaml) && latest.Document.SourcePath == sourcePath)
        {
            return latest.Document;
        }

        return (await InsertDraftAsync(connection, tx, new NewDraft(document, sourcePath, author, [], latest?.Document.Version, null), ct)).Document;
    }

    /// <summary>
    /// Stores a new version as the document's draft; the open draft it replaces (if any) becomes superseded. A draft is
    /// never changed in place, so a version number always names one text. The caller holds <see cref="LockDocumentAsync"/>.
    /// </summary>
    internal static async Task<StoredVersion> InsertDraftAsync(NpgsqlConnection connection, NpgsqlTransaction tx, NewDraft draft, CancellationToken ct)
    {
        await using (var replace = new NpgsqlCommand("UPDATE metadata.versions SET state = 'superseded' WHERE kind = $1 AND key = $2 AND state = 'draft'", connection, tx))
        {
            replace.Parameters.Add(new NpgsqlParameter { Value = draft.Document.Kind });
            replace.Parameters.Add(new NpgsqlParameter { Value = draft.Document.Key });
            await replace.ExecuteNonQueryAsync(ct);
        }

        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO metadata.versions (tenant_id, kind, key, version, state, yaml, spec, sha256, source_path, created_by, errors, based_on_version, restored_from)
            SELECT platform.current_tenant_id(), $1, $2,
                   coalesce((SELECT max(version) FROM metadata.versions WHERE kind = $1 AND key = $2), 0) + 1,
                   'draft', $3, $4, $5, $6, $7, $8, $9, $10
            RETURNING {Columns}
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = draft.Document.Kind });
        cmd.Parameters.Add(new NpgsqlParameter { Value = draft.Document.Key });
        cmd.Parameters.Add(new NpgsqlParameter { Value = draft.Document.Yaml });
        cmd.Parameters.Add(new NpgsqlParameter { Value = draft.Document.Spec.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Sha256(draft.Document.Yaml) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)draft.SourcePath ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = draft.Author });
        cmd.Parameters.Add(new NpgsqlParameter { Value = StoredErrors.Write(draft.Errors), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)draft.BasedOnVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)draft.RestoredFrom ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        await using var result = await cmd.ExecuteReaderAsync(ct);
        await result.ReadAsync(ct);
        return ReadStored(result);
    }

    /// <summary>
    /// Publishes open drafts (all when <paramref name="documents"/> is null) inside the caller's transaction: locks
    /// them, validates each again with <paramref name="check"/> and refuses all (nothing changed) if any is invalid,
    /// then flips them to published and their predecessors to superseded.
    /// </summary>
    internal static async Task<int> PublishAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<(string Kind, string Key)>? documents, string author,
        Action<MetadataDocument, List<MetadataError>> check, CancellationToken ct)
    {
        var drafts = new List<MetadataDocument>();
        await using (var select = new NpgsqlCommand($"""
            SELECT {Columns} FROM metadata.versions
            WHERE state = 'draft' AND ($1::text[] IS NULL OR (kind, key) IN (SELECT * FROM unnest($1::text[], $2::text[])))
            ORDER BY kind, key FOR UPDATE
            """, connection, tx))
        {
            AddSelection(select, documents?.Select(d => d.Kind).ToArray(), documents?.Select(d => d.Key).ToArray());
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                drafts.Add(Read(reader));
            }
        }

        var errors = new List<MetadataError>();
        foreach (var draft in drafts)
        {
            check(draft, errors);
        }

        if (errors.Count > 0)
        {
            throw new MetadataValidationException(errors);
        }

        return await FlipAsync(connection, tx, drafts, author, ct);
    }

    /// <summary>Makes exactly these locked, validated drafts the published versions; their predecessors become superseded.</summary>
    internal static async Task<int> FlipAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<MetadataDocument> drafts, string author, CancellationToken ct)
    {
        if (drafts.Count == 0)
        {
            return 0;
        }

        var kinds = drafts.Select(d => d.Kind).ToArray();
        var keys = drafts.Select(d => d.Key).ToArray();
        await using (var supersede = new NpgsqlCommand("""
            UPDATE metadata.versions SET state = 'superseded'
            WHERE state = 'published' AND (kind, key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
            """, connection, tx))
        {
            AddSelection(supersede, kinds, keys);
            await supersede.ExecuteNonQueryAsync(ct);
        }

        await using var publish = new NpgsqlCommand("""
            UPDATE metadata.versions SET state = 'published', published_at = now(), published_by = $4
            WHERE state = 'draft' AND (kind, key, version) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::integer[]))
            """, connection, tx);
        AddSelection(publish, kinds, keys);
        publish.Parameters.Add(new NpgsqlParameter { Value = drafts.Select(d => d.Version).ToArray() });
        publish.Parameters.Add(new NpgsqlParameter { Value = author });
        return await publish.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// What publishing asks of a draft of the current authority: it validates as the CLI validates (the kinds'
    /// schemas and rules as they are now), and a tenant document names this authority with the hosts and modules the
    /// platform operator gave it. Errors name the draft by its file, or kind/key when it came from the editor.
    /// </summary>
    internal static void CheckForPublish(MetadataValidator validator, MetadataDocument draft, TenantInfo tenant, List<MetadataError> errors)
    {
        var document = validator.Validate(Label(draft.Kind, draft.Key, draft.SourcePath), draft.Yaml, errors);
        if (document is null)
        {
            return;
        }

        if (TenantIdentity.KeyError(document, tenant.Key) is { } wrongKey)
        {
            errors.Add(wrongKey);
        }

        errors.AddRange(TenantIdentity.RegistryErrors(document, tenant));
    }

    /// <summary>How errors name a stored document: its file in the authority's folder, or kind/key if it has none.</summary>
    internal static string Label(string kind, string key, string? sourcePath) => sourcePath ?? $"{kind}/{key}";

    internal static string Sha256(string yaml) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));

    internal static MetadataDocument Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.GetString(3) switch
        {
            "draft" => MetadataState.Draft,
            "published" => MetadataState.Published,
            "discarded" => MetadataState.Discarded,
            _ => MetadataState.Superseded,
        },
        reader.GetString(4),
        JsonNode.Parse(reader.GetString(5)) ?? new JsonObject(),
        reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.GetFieldValue<DateTimeOffset>(8),
        reader.GetString(9))
    {
        PublishedAt = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
        PublishedBy = reader.IsDBNull(11) ? null : reader.GetString(11),
        DiscardedAt = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
        DiscardedBy = reader.IsDBNull(13) ? null : reader.GetString(13),
        RestoredFrom = reader.IsDBNull(14) ? null : reader.GetInt32(14),
    };

    /// <summary>A version with what only drafts carry: the stored errors (as data) and the version the editor opened.</summary>
    internal static StoredVersion ReadStored(NpgsqlDataReader reader) =>
        new(Read(reader), reader.GetString(15), reader.IsDBNull(16) ? null : reader.GetInt32(16));

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

    private TenantInfo RequireTenant() =>
        currentTenant.Tenant ?? throw new TenantIsolationException("Configuration documents belong to an authority; no authority is set.");
}

/// <summary>A stored version with its errors as stored (JSON) and the version its editor opened.</summary>
internal sealed record StoredVersion(MetadataDocument Document, string Errors, int? BasedOnVersion)
{
    public MetadataDraft ToDraft() => new(Document, StoredErrors.Read(Errors), BasedOnVersion);
}

/// <summary>What <see cref="MetadataStore.InsertDraftAsync"/> stores.</summary>
internal sealed record NewDraft(ParsedDocument Document, string? SourcePath, string Author, IReadOnlyList<MetadataError> Errors, int? BasedOnVersion, int? RestoredFrom);
