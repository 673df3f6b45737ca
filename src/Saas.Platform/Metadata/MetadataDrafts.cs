using NpgsqlTypes;
using Saas.Platform.Audit;

namespace Saas.Platform.Metadata;

/// <summary>
/// The admin studio's drafts on <c>metadata.versions</c> (RLS): kept with their errors as data, saved against the
/// version the editor opened, published as a chosen set after validating each again (docs/adr/0018).
/// </summary>
internal sealed class MetadataDrafts(AppDataSource db, ICurrentTenant currentTenant, MetadataValidator validator, IAuditTrail audit,
    ITenantCatalog catalog, Microsoft.Extensions.Options.IOptions<DatabaseOptions> database, IEnumerable<Saas.Platform.Modules.IConfigurationSetCheck> setChecks) : IMetadataDrafts
{
    private const string Editor = "(editor)";

    public async Task<IReadOnlyList<MetadataEntry>> ListAsync(CancellationToken ct = default)
    {
        RequireTenant();
        var rows = await QueryAsync($"SELECT {MetadataStore.Columns} FROM metadata.versions WHERE state IN ('draft', 'published') ORDER BY kind, key, version", ct);
        return rows.GroupBy(r => (r.Document.Kind, r.Document.Key)).Select(Entry).ToList();
    }

    public async Task<MetadataEntry?> GetAsync(string kind, string key, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(key);
        RequireTenant();
        var rows = await QueryAsync($"SELECT {MetadataStore.Columns} FROM metadata.versions WHERE kind = $1 AND key = $2 AND state IN ('draft', 'published') ORDER BY version", ct, kind, key);
        return rows.Count == 0 ? null : Entry(rows.GroupBy(r => (r.Document.Kind, r.Document.Key)).Single());
    }

    public async Task<MetadataDraft> SaveAsync(string yaml, int? basedOnVersion, string author, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        var tenant = RequireTenant();
        var (document, errors) = Check(Editor, yaml, tenant);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await MetadataStore.LockDocumentAsync(connection, tx, document.Kind, document.Key, ct);
        var latest = await MetadataStore.LatestAsync(connection, tx, document.Kind, document.Key, ct);
        if (latest is not null && latest.Document.Sha256 == MetadataStore.Sha256(yaml))
        {
            // The same text as the latest version: nothing to store, whatever the editor opened.
            return latest.ToDraft();
        }

        if (basedOnVersion != latest?.Document.Version)
        {
            // Another admin saved, published or discarded since this editor opened the document (or it is not new).
            var current = latest?.Document ?? await NewestAsync(connection, tx, document.Kind, document.Key, ct);
            if (current is not null)
            {
                throw new MetadataConflictException(document.Kind, document.Key, basedOnVersion, current);
            }
        }

        var saved = await MetadataStore.InsertDraftAsync(connection, tx,
            new NewDraft(document, latest?.Document.SourcePath, author, Relabel(errors, document, latest?.Document.SourcePath), latest?.Document.Version, null), ct);
        await audit.RecordAsync(Audited("metadata.draft", saved), connection, tx, ct);
        await tx.CommitAsync(ct);
        return saved.ToDraft();
    }

    public async Task<bool> DiscardAsync(string kind, string key, string author, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        RequireTenant();
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await MetadataStore.LockDocumentAsync(connection, tx, kind, key, ct);
        int? version = null;
        await using (var cmd = new NpgsqlCommand("""
            UPDATE metadata.versions SET state = 'discarded', discarded_at = now(), discarded_by = $3
            WHERE kind = $1 AND key = $2 AND state = 'draft'
            RETURNING version
            """, connection, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = kind });
            cmd.Parameters.Add(new NpgsqlParameter { Value = key });
            cmd.Parameters.Add(new NpgsqlParameter { Value = author });
            version = (int?)await cmd.ExecuteScalarAsync(ct);
        }

        if (version is null)
        {
            return false;
        }

        await audit.RecordAsync(new AuditEntry("metadata.discard", kind, key, $"version {version}", Actor: author), connection, tx, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<MetadataDraft> RestoreAsync(string kind, string key, int version, string author, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        var tenant = RequireTenant();
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await MetadataStore.LockDocumentAsync(connection, tx, kind, key, ct);
        MetadataDocument old;
        await using (var cmd = new NpgsqlCommand($"SELECT {MetadataStore.Columns} FROM metadata.versions WHERE kind = $1 AND key = $2 AND version = $3", connection, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = kind });
            cmd.Parameters.Add(new NpgsqlParameter { Value = key });
            cmd.Parameters.Add(new NpgsqlParameter { Value = version });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            old = await reader.ReadAsync(ct) ? MetadataStore.Read(reader) : throw new MetadataNotFoundException(kind, key, version);
        }

        var (document, errors) = Check(MetadataStore.Label(kind, key, old.SourcePath), old.Yaml, tenant);
        var latest = await MetadataStore.LatestAsync(connection, tx, kind, key, ct);
        if (latest is not null && latest.Document.Sha256 == old.Sha256)
        {
            return latest.ToDraft();
        }

        var saved = await MetadataStore.InsertDraftAsync(connection, tx,
            new NewDraft(document, latest?.Document.SourcePath ?? old.SourcePath, author, Relabel(errors, document, latest?.Document.SourcePath ?? old.SourcePath),
                latest?.Document.Version, version), ct);
        await audit.RecordAsync(Audited("metadata.restore", saved) with { Details = $"version {saved.Document.Version} from version {version}" }, connection, tx, ct);
        await tx.CommitAsync(ct);
        return saved.ToDraft();
    }

    public async Task<int> PublishAsync(IReadOnlyList<(string Kind, string Key, int Version)> drafts, string author, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        var tenant = RequireTenant();
        var chosen = drafts.Distinct().OrderBy(d => d.Kind, StringComparer.Ordinal).ThenBy(d => d.Key, StringComparer.Ordinal).ThenBy(d => d.Version).ToList();
        if (chosen.Count == 0)
        {
            return 0;
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Advisory locks in order of kind and key first (as every save takes them), then the rows.
        foreach (var (kind, key) in chosen.Select(d => (d.Kind, d.Key)).Distinct())
        {
            await MetadataStore.LockDocumentAsync(connection, tx, kind, key, ct);
        }

        var locked = new List<StoredVersion>();
        await using (var select = new NpgsqlCommand($"""
            SELECT {MetadataStore.Columns} FROM metadata.versions
            WHERE state IN ('draft', 'published') AND (kind, key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
            ORDER BY kind, key, version FOR UPDATE
            """, connection, tx))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = chosen.Select(d => d.Kind).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            select.Parameters.Add(new NpgsqlParameter { Value = chosen.Select(d => d.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                locked.Add(MetadataStore.ReadStored(reader));
            }
        }

        var toPublish = new List<MetadataDocument>();
        foreach (var (kind, key, version) in chosen)
        {
            var draft = locked.FirstOrDefault(r => r.Document.Kind == kind && r.Document.Key == key && r.Document.State == MetadataState.Draft);
            if (draft is null || draft.Document.Version != version)
            {
                // Published, replaced or discarded meanwhile: the admin chose a text that is not the draft now.
                var current = locked.Where(r => r.Document.Kind == kind && r.Document.Key == key).MaxBy(r => r.Document.Version)?.Document
                              ?? await NewestAsync(connection, tx, kind, key, ct)
                              ?? throw new MetadataNotFoundException(kind, key, version);
                throw new MetadataConflictException(kind, key, version, current);
            }

            toPublish.Add(draft.Document);
        }

        var errors = new List<MetadataError>();
        foreach (var draft in toPublish)
        {
            MetadataStore.CheckForPublish(validator, draft, tenant, errors);
        }

        if (errors.Count == 0)
        {
            errors.AddRange(await SetErrorsAsync(connection, tx, toPublish, ct));
        }

        if (errors.Count > 0)
        {
            throw new MetadataValidationException(errors);
        }

        var count = await MetadataStore.FlipAsync(connection, tx, toPublish, author, ct);
        await audit.RecordAllAsync(toPublish.Select(d => new AuditEntry("metadata.publish", d.Kind, d.Key, $"version {d.Version}", Actor: author)).ToList(), connection, tx, ct);

        // A published profile renames the authority or changes its default language: the registry row follows, written
        // by the owner role as an import writes it (hosts and modules cannot differ, see TenantIdentity), committed right
        // after the documents and rolled back if they fail.
        var profile = toPublish.FirstOrDefault(d => d.Kind == TenantKind.Name);
        await using var registry = profile is null ? null : await OpenRegistryAsync(ct);
        await using var registryTx = registry is null ? null : await registry.BeginTransactionAsync(ct);
        if (registry is not null)
        {
            await using var rename = new NpgsqlCommand(
                "UPDATE platform.tenants SET name = $2, default_language = $3, updated_at = now() WHERE id = $1", registry, registryTx);
            rename.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
            rename.Parameters.Add(new NpgsqlParameter { Value = profile!.Spec["name"]?.GetValue<string>() ?? tenant.Name });
            rename.Parameters.Add(new NpgsqlParameter { Value = profile.Spec["defaultLanguage"]?.GetValue<string>() ?? "de" });
            await rename.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        if (registryTx is not null)
        {
            await registryTx.CommitAsync(ct);
            catalog.Invalidate();
        }

        return count;
    }

    /// <summary>
    /// The modules' checks across the authority's documents (a process names a unit or document type no document
    /// defines, docs/adr/0022), as <c>saas tenants import</c> runs them, on the published set as it will be after this
    /// publication. Only errors this publication brings are refused: what was published before, under older rules, does
    /// not block an unrelated fix.
    /// </summary>
    private async Task<List<MetadataError>> SetErrorsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, List<MetadataDocument> toPublish, CancellationToken ct)
    {
        var checks = setChecks.ToList();
        if (checks.Count == 0)
        {
            return [];
        }

        var published = new List<Saas.Platform.Modules.ConfigurationFile>();
        await using (var select = new NpgsqlCommand("SELECT kind, key, source_path, yaml FROM metadata.versions WHERE state = 'published'", connection, tx))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var (kind, key) = (reader.GetString(0), reader.GetString(1));
                published.Add(new(MetadataStore.Label(kind, key, reader.IsDBNull(2) ? null : reader.GetString(2)), kind, key, reader.GetString(3)));
            }
        }

        var replaced = toPublish.Select(d => (d.Kind, d.Key)).ToHashSet();
        var after = published.Where(f => !replaced.Contains((f.Kind, f.Key)))
            .Concat(toPublish.Select(d => new Saas.Platform.Modules.ConfigurationFile(MetadataStore.Label(d.Kind, d.Key, d.SourcePath), d.Kind, d.Key, d.Yaml)))
            .ToList();
        var before = checks.SelectMany(c => c.Check(published)).Select(e => (e.File, e.Path, e.Message)).ToHashSet();
        return [.. checks.SelectMany(c => c.Check(after)).Where(e => !before.Contains((e.File, e.Path, e.Message)))];
    }

    /// <summary>The owner role's connection for the registry row, or null where none is configured (then the name waits for the next import).</summary>
    private async Task<NpgsqlConnection?> OpenRegistryAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(database.Value.Owner))
        {
            return null;
        }

        var connection = new NpgsqlConnection(database.Value.Owner);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>
    /// Validates a text as a draft of the current authority: refused (nothing stored) when it cannot be a draft at all,
    /// or when a tenant document names another authority; otherwise the document with every error it has, a tenant
    /// document's hosts and modules that differ from the registry's among them.
    /// </summary>
    private (ParsedDocument Document, List<MetadataError> Errors) Check(string file, string yaml, TenantInfo tenant)
    {
        var errors = new List<MetadataError>();
        var (document, refused) = validator.ValidateDraft(file, yaml, errors);
        if (refused || document is null)
        {
            throw new MetadataValidationException(errors);
        }

        if (TenantIdentity.KeyError(document, tenant.Key) is { } wrongKey)
        {
            throw new MetadataValidationException([wrongKey]);
        }

        errors.AddRange(TenantIdentity.RegistryErrors(document, tenant));
        return (document, errors);
    }

    /// <summary>Errors of a stored draft name it as every stored document is named (its file, or kind/key).</summary>
    private static List<MetadataError> Relabel(List<MetadataError> errors, ParsedDocument document, string? sourcePath)
    {
        var label = MetadataStore.Label(document.Kind, document.Key, sourcePath);
        return errors.Select(e => e with { File = label }).ToList();
    }

    private static AuditEntry Audited(string action, StoredVersion saved)
    {
        var errors = StoredErrors.Read(saved.Errors).Count;
        return new AuditEntry(action, saved.Document.Kind, saved.Document.Key,
            errors == 0 ? $"version {saved.Document.Version}" : $"version {saved.Document.Version}, {errors} errors", Actor: saved.Document.CreatedBy);
    }

    private static MetadataEntry Entry(IGrouping<(string Kind, string Key), StoredVersion> rows) => new(
        rows.Key.Kind,
        rows.Key.Key,
        rows.LastOrDefault(r => r.Document.State == MetadataState.Published)?.Document,
        rows.LastOrDefault(r => r.Document.State == MetadataState.Draft)?.ToDraft());

    /// <summary>The newest version of a document in any state (a discarded draft too), or null when it has none.</summary>
    private static async Task<MetadataDocument?> NewestAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string kind, string key, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {MetadataStore.Columns} FROM metadata.versions WHERE kind = $1 AND key = $2 ORDER BY version DESC LIMIT 1", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = kind });
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? MetadataStore.Read(reader) : null;
    }

    private async Task<List<StoredVersion>> QueryAsync(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<StoredVersion>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(MetadataStore.ReadStored(reader));
        }

        return rows;
    }

    private TenantInfo RequireTenant() =>
        currentTenant.Tenant ?? throw new TenantIsolationException("Configuration documents belong to an authority; no authority is set.");
}
