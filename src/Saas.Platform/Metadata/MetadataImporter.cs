namespace Saas.Platform.Metadata;

/// <summary>The outcome of importing one authority's folder.</summary>
public sealed record ImportResult(string TenantKey, Guid TenantId, bool Created, int NewVersions, int Unchanged, int Published);

/// <summary>How one document in a folder compares with what the database holds.</summary>
public sealed record DocumentDiff(string Kind, string Key, string Status, string? File, string Diff);

/// <summary>
/// Moves an authority's configuration between its folder (<c>tenants/&lt;key&gt;/</c>, reviewed like code) and the
/// database. Import validates every file first and writes nothing if any is wrong; otherwise all changed documents
/// become new versions and are published in one transaction, so nothing half-imported is ever visible.
/// Export writes the stored text back byte for byte.
/// </summary>
public sealed class MetadataImporter(AppDataSource db, ICurrentTenant currentTenant, ITenantCatalog catalog, IMetadataKindRegistry kinds, Saas.Platform.Audit.IAuditTrail audit, Microsoft.Extensions.Options.IOptions<DatabaseOptions> database, ILogger<MetadataImporter> logger, IEnumerable<Saas.Platform.Modules.IConfigurationSetCheck> setChecks)
{
    private readonly MetadataValidator validator = new(kinds);

    /// <summary>Files in a tenant folder that are configuration documents.</summary>
    public static IEnumerable<string> DocumentFiles(string tenantDirectory)
    {
        var root = Path.GetFullPath(tenantDirectory);
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => IsDocumentFile(Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether a file of an authority's folder (path relative to it, with '/') is a configuration document: YAML, but
    /// not users.yaml (the embedded sign-in's people), not under templates/ (reviewed layouts), nothing starting with
    /// '_' or '.'. The folder, the CLI and the studio's zip import read the same files.
    /// </summary>
    public static bool IsDocumentFile(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        return (relative.EndsWith(".yaml", StringComparison.Ordinal) || relative.EndsWith(".yml", StringComparison.Ordinal))
               && relative != "users.yaml" && !relative.StartsWith("templates/", StringComparison.Ordinal)
               && !relative.Split('/').Any(part => part.StartsWith('_') || part.StartsWith('.'));
    }

    /// <summary>
    /// Where a document lies in its authority's folder: the file it was imported from, else <c>tenant.yaml</c> for the
    /// profile and <c>&lt;kind&gt;s/&lt;key&gt;.yaml</c> for the rest (a kind whose name ends in s keeps it).
    /// </summary>
    public static string ExportPath(MetadataDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.SourcePath is { } path)
        {
            return path;
        }

        return document.Kind == TenantKind.Name ? "tenant.yaml"
            : $"{document.Kind}{(document.Kind.EndsWith('s') ? "" : "s")}/{document.Key}.yaml";
    }

    /// <summary>Tenant folders below a root (<c>tenants/</c>); folders starting with '_' are not authorities.</summary>
    public static IEnumerable<string> TenantDirectories(string root) =>
        Directory.EnumerateDirectories(root)
            .Where(d => !Path.GetFileName(d).StartsWith('_') && !Path.GetFileName(d).StartsWith('.'))
            .Where(d => File.Exists(Path.Combine(d, "tenant.yaml")))
            .Order(StringComparer.Ordinal);

    /// <summary>Reads and validates every document of one authority's folder.</summary>
    public (IReadOnlyList<(ParsedDocumentInfo Info, string RelativePath)> Documents, IReadOnlyList<MetadataError> Errors) Validate(string tenantDirectory)
    {
        var (documents, errors) = ValidateInternal(tenantDirectory);
        return (documents.Select(d => (new ParsedDocumentInfo(d.Document.Kind, d.Document.Key), d.RelativePath)).ToList(), errors);
    }

    public async Task<ImportResult> ImportAsync(string tenantDirectory, string author, bool publish = true, CancellationToken ct = default)
    {
        var (documents, errors) = ValidateInternal(tenantDirectory);
        if (errors.Count > 0)
        {
            throw new MetadataValidationException(errors);
        }

        var key = Path.GetFileName(Path.GetFullPath(tenantDirectory).TrimEnd(Path.DirectorySeparatorChar));
        return await ImportDocumentsAsync(key, documents, author, publish, ct);
    }

    /// <summary>
    /// Stores and publishes a new version of an authority's profile (the platform operator's change of its hosts
    /// or modules) and writes the registry row from it, in the import's two transactions. Only this document is
    /// published; the authority's other drafts stay drafts.
    /// </summary>
    public async Task<ImportResult> ApplyProfileAsync(string tenantKey, string yaml, string sourcePath, string author, CancellationToken ct = default)
    {
        var errors = new List<MetadataError>();
        var document = validator.Validate(tenantKey + "/" + sourcePath, yaml, errors);
        if (document is not null && (document.Kind != TenantKind.Name || document.Key != tenantKey))
        {
            errors.Add(new MetadataError(tenantKey + "/" + sourcePath, "$.key", document.Locate("$.key").Line, null,
                LocalizedText.Of("platform.metadata.tenant-key-folder", ("key", tenantKey))));
        }

        if (errors.Count > 0)
        {
            throw new MetadataValidationException(errors);
        }

        return await ImportDocumentsAsync(tenantKey, [(document!, sourcePath)], author, publish: true, ct);
    }

    private async Task<ImportResult> ImportDocumentsAsync(string key, List<(ParsedDocument Document, string RelativePath)> documents, string author, bool publish, CancellationToken ct)
    {
        var profile = documents.Single(d => d.Document.Kind == TenantKind.Name).Document;

        // One transaction for every document, and one for the registry row: a failure leaves no trace of this import.
        int newVersions = 0, unchanged = 0, published = 0;
        TenantInfo tenant;
        bool created;
        using (currentTenant.BeginPlatformScope())
        {
            // The registry row (hosts, modules) may be written by the owner role only (migration 0005): an import is
            // an operator's act, the running application only reads the registry. The owner bypasses row-level
            // security, so it writes that row only; the documents go through the application role's wall as before.
            // The registry's transaction commits right after the documents' one, and rolls back if that fails.
            var owner = database.Value.Owner;
            if (string.IsNullOrWhiteSpace(owner))
            {
                throw new InvalidOperationException(
                    "Importing an authority writes the tenant registry, which only the owner role may: configure Database:Owner (as for `saas db migrate`).");
            }

            await using var registry = new NpgsqlConnection(owner);
            await registry.OpenAsync(ct);
            await using var registryTx = await registry.BeginTransactionAsync(ct);
            (tenant, created) = await UpsertTenantAsync(registry, registryTx, key, profile, ct);

            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);

            // Transaction-local: at commit or rollback the session returns to "no tenant", as bound.
            await using (var bind = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, true)", connection, tx))
            {
                bind.Parameters.Add(new NpgsqlParameter { Value = tenant.Id.ToString() });
                await bind.ExecuteNonQueryAsync(ct);
            }

            foreach (var (document, relative) in documents)
            {
                var saved = await MetadataStore.UpsertDraftAsync(connection, tx, document, relative, author, ct);
                if (saved.State == MetadataState.Draft)
                {
                    newVersions++;
                }
                else
                {
                    unchanged++;
                }
            }

            if (publish)
            {
                // The folder's documents only: a draft someone keeps in the admin studio (valid or not) is not the
                // folder's to publish. Each is validated again as every publish validates.
                published = await MetadataStore.PublishAsync(connection, tx, documents.Select(d => (d.Document.Kind, d.Document.Key)).ToList(), author,
                    (draft, found) =>
                    {
                        var document = validator.Validate(MetadataStore.Label(draft.Kind, draft.Key, draft.SourcePath), draft.Yaml, found);
                        if (document is not null && TenantIdentity.KeyError(document, key) is { } wrongKey)
                        {
                            found.Add(wrongKey);
                        }
                    }, ct);
            }

            using (currentTenant.Begin(tenant))
            {
                await audit.RecordAsync(new Saas.Platform.Audit.AuditEntry("metadata.import", "tenant", key,
                    $"{newVersions} new versions, {published} published", Actor: author), connection, tx, ct);
            }

            await tx.CommitAsync(ct);
            await registryTx.CommitAsync(ct);
        }

        catalog.Invalidate();
        logger.LogInformation("Imported {Tenant}: {New} new versions, {Unchanged} unchanged, {Published} published", key, newVersions, unchanged, published);
        return new ImportResult(key, tenant.Id, created, newVersions, unchanged, published);
    }

    /// <summary>Imports every authority below a root folder; stops at the first invalid one.</summary>
    public async Task<IReadOnlyList<ImportResult>> ImportAllAsync(string root, string author, bool publish = true, CancellationToken ct = default)
    {
        var results = new List<ImportResult>();
        foreach (var directory in TenantDirectories(root))
        {
            results.Add(await ImportAsync(directory, author, publish, ct));
        }

        return results;
    }

    /// <summary>Writes the authority's published documents into a folder, byte for byte as stored.</summary>
    public async Task<int> ExportAsync(string tenantKey, string targetDirectory, CancellationToken ct = default)
    {
        var tenant = await catalog.FindByKeyAsync(tenantKey, ct)
                     ?? throw new InvalidOperationException($"No authority with the key '{tenantKey}'.");
        var root = Path.GetFullPath(targetDirectory);
        IReadOnlyList<ExportedFile> files;
        using (currentTenant.Begin(tenant))
        {
            files = await ExportFilesAsync(ct);
        }

        foreach (var file in files)
        {
            var path = Path.GetFullPath(Path.Combine(root, file.Path));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, file.Content, ct);
        }

        return files.Count;
    }

    /// <summary>
    /// The current authority's published documents as the files of its folder (<see cref="ExportPath"/>), byte for
    /// byte as stored, ordered by path: what <c>saas tenants export</c> writes and the admin studio zips. A stored path
    /// that is not a plain relative one (<c>..</c>, absolute, backslashes) is refused, so nothing lands outside.
    /// </summary>
    internal async Task<IReadOnlyList<ExportedFile>> ExportFilesAsync(CancellationToken ct)
    {
        var files = new List<ExportedFile>();
        foreach (var document in await PublishedAsync(ct))
        {
            var relative = ExportPath(document);
            if (!ArchiveNames.IsPlainRelative(relative))
            {
                throw new InvalidOperationException($"Refusing to write outside the export folder: {relative}");
            }

            files.Add(new ExportedFile(relative, Encoding.UTF8.GetBytes(document.Yaml)));
        }

        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>Compares a folder with the authority's published documents.</summary>
    public async Task<IReadOnlyList<DocumentDiff>> DiffAsync(string tenantDirectory, CancellationToken ct = default)
    {
        var (documents, errors) = ValidateInternal(tenantDirectory);
        if (errors.Count > 0)
        {
            throw new MetadataValidationException(errors);
        }

        var key = Path.GetFileName(Path.GetFullPath(tenantDirectory).TrimEnd(Path.DirectorySeparatorChar));
        var tenant = await catalog.FindByKeyAsync(key, ct);
        var stored = new List<MetadataDocument>();
        if (tenant is not null)
        {
            using (currentTenant.Begin(tenant))
            {
                stored = await PublishedAsync(ct);
            }
        }

        var result = new List<DocumentDiff>();
        foreach (var (document, relative) in documents)
        {
            var existing = stored.FirstOrDefault(s => s.Kind == document.Kind && s.Key == document.Key);
            if (existing is null)
            {
                result.Add(new DocumentDiff(document.Kind, document.Key, "added", relative, LineDiff.Unified("", document.Yaml, "/dev/null", relative)));
            }
            else if (existing.Sha256 != MetadataStore.Sha256(document.Yaml))
            {
                result.Add(new DocumentDiff(document.Kind, document.Key, "changed", relative,
                    LineDiff.Unified(existing.Yaml, document.Yaml, $"database v{existing.Version}", relative)));
            }
            else
            {
                result.Add(new DocumentDiff(document.Kind, document.Key, "unchanged", relative, ""));
            }
        }

        foreach (var gone in stored.Where(s => !documents.Any(d => d.Document.Kind == s.Kind && d.Document.Key == s.Key)))
        {
            result.Add(new DocumentDiff(gone.Kind, gone.Key, "removed", gone.SourcePath, LineDiff.Unified(gone.Yaml, "", $"database v{gone.Version}", "/dev/null")));
        }

        return result;
    }

    private (List<(ParsedDocument Document, string RelativePath)> Documents, List<MetadataError> Errors) ValidateInternal(string tenantDirectory)
    {
        var root = Path.GetFullPath(tenantDirectory);
        var key = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar));
        var errors = new List<MetadataError>();
        if (!Directory.Exists(root))
        {
            errors.Add(new MetadataError(key, "$", null, null, new LocalizedText("platform.metadata.folder-missing")));
            return ([], errors);
        }

        var files = new List<(string Relative, string Display, byte[]? Content)>();
        foreach (var file in DocumentFiles(root))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            // A file over the limit is not read at all.
            var content = new FileInfo(file).Length > YamlDocumentParser.MaxBytes ? null : File.ReadAllBytes(file);
            files.Add((relative, key + "/" + relative, content));
        }

        var documents = ValidateFiles(files, errors);
        var profiles = documents.Where(d => d.Document.Kind == TenantKind.Name).ToList();
        if (profiles.Count != 1)
        {
            errors.Add(new MetadataError(key + "/tenant.yaml", "$", null, null, LocalizedText.Of("platform.metadata.tenant-profile-count", ("count", profiles.Count))));
        }
        else if (profiles[0].Document.Key != key)
        {
            var (line, column) = profiles[0].Document.Locate("$.key");
            errors.Add(new MetadataError(profiles[0].Document.File, "$.key", line, column, LocalizedText.Of("platform.metadata.tenant-key-folder", ("key", key))));
        }

        if (!YamlDocumentParser.IsSlug(key))
        {
            errors.Add(new MetadataError(key, "$", null, null, new LocalizedText("platform.metadata.tenant-folder-name")));
        }

        // The modules' checks across the authority's documents (a staff document's units and surname ranges exist,
        // docs/adr/0022): once every document is valid on its own, for the CLI, the start-up import and the operator alike.
        if (errors.Count == 0)
        {
            var set = documents.Select(d => new Saas.Platform.Modules.ConfigurationFile(d.Document.File, d.Document.Kind, d.Document.Key, d.Document.Yaml) { Folder = root }).ToList();
            errors.AddRange(setChecks.SelectMany(check => check.Check(set)));
        }

        return (documents, errors);
    }

    /// <summary>
    /// Validates the files of one authority's configuration (a folder, or the entries of a zip) as the CLI does: size,
    /// UTF-8, YAML, schema, rules, no document defined twice. Errors name each file by its display name (the folder's
    /// <c>aachen/locations/x.yaml</c>, the zip's entry), with line and column. A file whose content is null was too large
    /// to be read.
    /// </summary>
    internal List<(ParsedDocument Document, string RelativePath)> ValidateFiles(IEnumerable<(string Relative, string Display, byte[]? Content)> files, List<MetadataError> errors)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(errors);
        var documents = new List<(ParsedDocument Document, string RelativePath)>();
        foreach (var (relative, display, content) in files)
        {
            if (content is null || content.Length > YamlDocumentParser.MaxBytes)
            {
                errors.Add(new MetadataError(display, "$", null, null, LocalizedText.Of("platform.metadata.file-too-large", ("kib", YamlDocumentParser.MaxBytes / 1024))));
                continue;
            }

            string text;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            }
            catch (DecoderFallbackException)
            {
                errors.Add(new MetadataError(display, "$", null, null, new LocalizedText("platform.metadata.not-utf8")));
                continue;
            }

            var document = validator.Validate(display, text, errors);
            if (document is not null)
            {
                documents.Add((document, relative));
            }
        }

        foreach (var duplicate in documents.GroupBy(d => (d.Document.Kind, d.Document.Key)).Where(g => g.Count() > 1))
        {
            foreach (var (document, _) in duplicate.Skip(1))
            {
                var (line, column) = document.Locate("$.key");
                errors.Add(new MetadataError(document.File, "$.key", line, column,
                    LocalizedText.Of("platform.metadata.defined-twice", ("kind", document.Kind), ("key", document.Key), ("file", duplicate.First().Document.File))));
            }
        }

        return documents;
    }

    private async Task<List<MetadataDocument>> PublishedAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"SELECT {MetadataStore.Columns} FROM metadata.versions WHERE state = 'published' ORDER BY kind, key", connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<MetadataDocument>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(MetadataStore.Read(reader));
        }

        return list;
    }

    private static async Task<(TenantInfo Tenant, bool Created)> UpsertTenantAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string key, ParsedDocument profile, CancellationToken ct)
    {
        var spec = profile.Spec;
        var name = spec["name"]!.GetValue<string>();
        var hosts = spec["hosts"]?.AsArray().Select(h => h!.GetValue<string>().ToLowerInvariant()).ToArray() ?? [];
        var modules = spec["modules"]?.AsArray().Select(m => m!.GetValue<string>()).ToArray() ?? [];
        var language = spec["defaultLanguage"]?.GetValue<string>() ?? "de";
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO platform.tenants (id, key, name, hosts, modules, default_language) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (key) DO UPDATE SET name = excluded.name, hosts = excluded.hosts, modules = excluded.modules,
                default_language = excluded.default_language, updated_at = now()
            RETURNING id, (xmax = 0) AS created
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        cmd.Parameters.Add(new NpgsqlParameter { Value = name });
        cmd.Parameters.Add(new NpgsqlParameter { Value = hosts });
        cmd.Parameters.Add(new NpgsqlParameter { Value = modules });
        cmd.Parameters.Add(new NpgsqlParameter { Value = language });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var id = reader.GetGuid(0);
        var created = reader.GetBoolean(1);
        return (new TenantInfo(id, key, name, hosts, modules.ToHashSet(StringComparer.Ordinal)) { DefaultLanguage = language }, created);
    }
}

/// <summary>One file of an authority's folder as exported: its path inside the folder and its bytes.</summary>
internal sealed record ExportedFile(string Path, byte[] Content);

/// <summary>Kind and key of a validated document.</summary>
public sealed record ParsedDocumentInfo(string Kind, string Key);
