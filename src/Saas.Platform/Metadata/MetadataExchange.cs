using System.IO.Compression;
using Saas.Platform.Audit;

namespace Saas.Platform.Metadata;

/// <summary>How much of a configuration zip from outside is read at most (docs/adr/0018).</summary>
internal static class ExchangeLimits
{
    /// <summary>The archive itself.</summary>
    public const long MaxArchiveBytes = 32L * 1024 * 1024;

    /// <summary>Entries of any kind (folders and files the import skips count too).</summary>
    public const int MaxEntries = 2_000;

    /// <summary>All configuration files together, inflated; each file is at most the parser's 1 MiB.</summary>
    public const long MaxTotalBytes = 64L * 1024 * 1024;

    /// <summary>Inflated size over compressed size of one entry.</summary>
    public const long MaxRatio = 200;
}

/// <summary>
/// An authority's configuration as a zip of the files <c>saas tenants export</c> writes (the authority folder's
/// content at the zip's root), and the import of such a zip as drafts: all or nothing, with the CLI's located errors.
/// </summary>
internal sealed class MetadataExchange(AppDataSource db, ICurrentTenant currentTenant, MetadataImporter importer, MetadataValidator validator, IAuditTrail audit) : IMetadataExchange
{
    private const string Archive = "(zip)";

    public async Task ExportAsync(Stream zip, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        RequireTenant();
        var files = await importer.ExportFilesAsync(ct);
        var archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
        await using (archive)
        {
            foreach (var file in files)
            {
                var entry = archive.CreateEntry(file.Path, CompressionLevel.Optimal);
                var stream = await entry.OpenAsync(ct);
                await using (stream)
                {
                    await stream.WriteAsync(file.Content, ct);
                }
            }
        }

        await audit.RecordAsync(new AuditEntry("metadata.export", "metadata", null, $"{files.Count} documents"), ct);
    }

    public async Task<int> ImportAsync(Stream zip, string author, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        var tenant = RequireTenant();
        var errors = new List<MetadataError>();
        var files = await ReadAsync(zip, errors, ct);
        if (errors.Count > 0)
        {
            throw new MetadataValidationException(errors);
        }

        var documents = importer.ValidateFiles(files, errors);
        var profiles = documents.Where(d => d.Document.Kind == TenantKind.Name).ToList();
        if (profiles.Count > 1)
        {
            errors.Add(new MetadataError(profiles[1].Document.File, "$", null, null, LocalizedText.Of("platform.metadata.tenant-profile-at-most-one", ("count", profiles.Count))));
        }

        if (files.Count == 0)
        {
            errors.Add(new MetadataError(Archive, "$", null, null, new LocalizedText("platform.metadata.zip.empty")));
        }

        if (errors.Count > 0)
        {
            throw new MetadataValidationException(errors);
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var records = new List<AuditEntry>();
        foreach (var (parsed, relative) in documents.OrderBy(d => d.Document.Kind, StringComparer.Ordinal).ThenBy(d => d.Document.Key, StringComparer.Ordinal))
        {
            await MetadataStore.LockDocumentAsync(connection, tx, parsed.Kind, TenantKey(parsed, tenant), ct);
            var document = parsed;
            if (parsed.Kind == TenantKind.Name)
            {
                document = await AsReceivedAsync(connection, tx, parsed, tenant, ct);
            }

            var latest = await MetadataStore.LatestAsync(connection, tx, document.Kind, document.Key, ct);
            if (latest is not null && latest.Document.Sha256 == MetadataStore.Sha256(document.Yaml))
            {
                continue;
            }

            var saved = await MetadataStore.InsertDraftAsync(connection, tx, new NewDraft(document, relative, author, [], latest?.Document.Version, null), ct);
            records.Add(new AuditEntry("metadata.draft", saved.Document.Kind, saved.Document.Key, $"version {saved.Document.Version}, imported from {relative}", Actor: author));
        }

        records.Add(new AuditEntry("metadata.import", "metadata", null, $"{records.Count} drafts from {documents.Count} documents", Actor: author));
        await audit.RecordAllAsync(records, connection, tx, ct);
        await tx.CommitAsync(ct);
        return records.Count - 1;
    }

    private static string TenantKey(ParsedDocument document, TenantInfo tenant) => document.Kind == TenantKind.Name ? tenant.Key : document.Key;

    /// <summary>
    /// A tenant document as the receiving authority takes it: its key, and the hosts and modules the registry gives
    /// this authority (in the order its own latest tenant document lists them, when it lists the same).
    /// </summary>
    private async Task<ParsedDocument> AsReceivedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ParsedDocument document, TenantInfo tenant, CancellationToken ct)
    {
        var own = await MetadataStore.LatestAsync(connection, tx, TenantKind.Name, tenant.Key, ct);
        var hosts = InOwnOrder(tenant.Hosts.Select(h => h.ToLowerInvariant()), own?.Document.Spec["hosts"]);
        var modules = InOwnOrder(tenant.EnabledModules, own?.Document.Spec["modules"]);
        var yaml = TenantIdentity.Rewrite(document.Yaml, tenant.Key, hosts, modules);
        var errors = new List<MetadataError>();
        var received = validator.Validate(document.File, yaml, errors);
        if (received is null)
        {
            throw new MetadataValidationException(errors);
        }

        return received;
    }

    private static List<string> InOwnOrder(IEnumerable<string> registry, JsonNode? own)
    {
        var values = registry.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var listed = own is JsonArray array ? array.Select(v => v?.ToString() ?? "").ToList() : [];
        return listed.Count == values.Count && listed.ToHashSet(StringComparer.Ordinal).SetEquals(values) ? listed : values;
    }

    /// <summary>
    /// The configuration files of a zip, within the limits: every entry's name a plain relative path, no symbolic
    /// links, at most <see cref="ExchangeLimits.MaxEntries"/> entries, each file at most the parser's size, all of
    /// them at most <see cref="ExchangeLimits.MaxTotalBytes"/> inflated (counted as inflated, not as declared), none
    /// compressed more than <see cref="ExchangeLimits.MaxRatio"/> times. The authority folder may be the zip's root or
    /// its one top folder (beside <c>tenant.yaml</c>). Files the CLI would skip (users.yaml, templates/, not YAML) are
    /// skipped. Errors name the entry.
    /// </summary>
    private static async Task<List<(string Relative, string Display, byte[]? Content)>> ReadAsync(Stream zip, List<MetadataError> errors, CancellationToken ct)
    {
        var files = new List<(string, string, byte[]?)>();
        var buffered = await BufferAsync(zip, ct);
        if (buffered is null)
        {
            errors.Add(new MetadataError(Archive, "$", null, null, LocalizedText.Of("platform.metadata.zip.too-large", ("mib", ExchangeLimits.MaxArchiveBytes / 1024 / 1024))));
            return files;
        }

        ZipArchive archive;
        try
        {
            archive = await ZipArchive.CreateAsync(buffered, ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, ct);
        }
        catch (InvalidDataException)
        {
            errors.Add(new MetadataError(Archive, "$", null, null, new LocalizedText("platform.metadata.zip.unreadable")));
            return files;
        }

        await using (archive)
        {
            if (archive.Entries.Count > ExchangeLimits.MaxEntries)
            {
                errors.Add(new MetadataError(Archive, "$", null, null,
                    LocalizedText.Of("platform.metadata.zip.too-many-entries", ("count", archive.Entries.Count), ("max", ExchangeLimits.MaxEntries))));
                return files;
            }

            foreach (var entry in archive.Entries)
            {
                if (!ArchiveNames.IsPlainRelative(entry.FullName))
                {
                    errors.Add(new MetadataError(entry.FullName, "$", null, null, new LocalizedText("platform.metadata.zip.unsafe-name")));
                }
                else if (((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000)
                {
                    errors.Add(new MetadataError(entry.FullName, "$", null, null, new LocalizedText("platform.metadata.zip.symlink")));
                }
            }

            if (errors.Count > 0)
            {
                return files;
            }

            var names = archive.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e => e.FullName).ToList();
            var top = names.Count > 0 && names.All(n => n.Contains('/', StringComparison.Ordinal)) ? names[0][..(names[0].IndexOf('/', StringComparison.Ordinal) + 1)] : null;
            var prefix = top is not null && names.All(n => n.StartsWith(top, StringComparison.Ordinal)) && names.Contains(top + "tenant.yaml") ? top : "";

            long total = 0;
            foreach (var entry in archive.Entries.Where(e => !e.FullName.EndsWith('/')).OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var relative = entry.FullName[prefix.Length..];
                if (!MetadataImporter.IsDocumentFile(relative))
                {
                    continue;
                }

                if (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > ExchangeLimits.MaxRatio)
                {
                    errors.Add(new MetadataError(entry.FullName, "$", null, null, LocalizedText.Of("platform.metadata.zip.ratio", ("ratio", ExchangeLimits.MaxRatio))));
                    continue;
                }

                var content = await InflateAsync(entry, ct);
                if (content is null)
                {
                    files.Add((relative, entry.FullName, null));
                    continue;
                }

                total += content.Length;
                if (total > ExchangeLimits.MaxTotalBytes)
                {
                    errors.Add(new MetadataError(entry.FullName, "$", null, null, LocalizedText.Of("platform.metadata.zip.total-too-large", ("mib", ExchangeLimits.MaxTotalBytes / 1024 / 1024))));
                    return files;
                }

                files.Add((relative, entry.FullName, content));
            }
        }

        return files;
    }

    /// <summary>The entry's bytes, or null once it inflates beyond the parser's limit (the declared size can lie).</summary>
    private static async Task<byte[]?> InflateAsync(ZipArchiveEntry entry, CancellationToken ct)
    {
        if (entry.Length > YamlDocumentParser.MaxBytes)
        {
            return null;
        }

        var source = await entry.OpenAsync(ct);
        await using (source)
        {
            using var target = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                if (target.Length + read > YamlDocumentParser.MaxBytes)
                {
                    return null;
                }

                target.Write(buffer, 0, read);
            }

            return target.ToArray();
        }
    }

    /// <summary>The archive in memory (it must be seekable to be read), or null when it is larger than the limit.</summary>
    private static async Task<MemoryStream?> BufferAsync(Stream zip, CancellationToken ct)
    {
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await zip.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > ExchangeLimits.MaxArchiveBytes)
            {
                await copy.DisposeAsync();
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        copy.Position = 0;
        return copy;
    }

    private TenantInfo RequireTenant() =>
        currentTenant.Tenant ?? throw new TenantIsolationException("Configuration documents belong to an authority; no authority is set.");
}
