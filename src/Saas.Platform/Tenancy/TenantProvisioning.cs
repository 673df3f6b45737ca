using Saas.Platform.Metadata;

namespace Saas.Platform.Tenancy;

/// <summary>What a new authority starts from: a template folder (<c>tenants/_templates/&lt;name&gt;/</c>) or another authority's published configuration.</summary>
public sealed record TenantSource(string? Template, string? CopyOf);

/// <summary>The registry facts the platform operator sets for a new authority; the rest comes from the source.</summary>
public sealed record NewTenant(string Key, string Name, string OfficialKey, string FederalState, IReadOnlyList<string> Hosts, IReadOnlyList<string> Modules);

/// <summary>
/// The platform operator's changes to the authorities themselves, as configuration: a new authority is its source's
/// documents with the profile's key, name, official key, federal state, hosts and modules set in place; switching
/// modules or hosts is a new published version of the profile. Every path ends in <see cref="MetadataImporter"/>,
/// which writes the registry row with the owner role (migration 0005), stores the documents through the
/// application role's wall and audits the import — the same as <c>saas tenants import</c>. Checks of the operator's
/// input belong to the caller (the operator feature); this class only does what was checked.
/// </summary>
public sealed class TenantProvisioning(MetadataImporter importer, ITenantCatalog catalog, IMetadataStore store, ICurrentTenant currentTenant, IConfiguration configuration)
{
    private const string ProfileFile = "tenant.yaml";

    /// <summary>Where templates live: <c>Saas:TenantTemplates</c>, else <c>_templates</c> beside the imported authorities.</summary>
    public string? TemplatesRoot =>
        configuration["Saas:TenantTemplates"] is { Length: > 0 } configured ? configured
        : configuration["Saas:ImportTenantsFrom"] is { Length: > 0 } root ? Path.Combine(root, "_templates")
        : null;

    /// <summary>The templates there are (folders with a profile), by name.</summary>
    public IReadOnlyList<string> Templates() =>
        TemplatesRoot is { } root && Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).Where(d => File.Exists(Path.Combine(d, ProfileFile)))
                .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    public async Task<ImportResult> CreateAsync(NewTenant tenant, TenantSource source, string author, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(source);
        var work = Path.Combine(Path.GetTempPath(), "saas-provision-" + Guid.NewGuid().ToString("N"));
        var folder = Path.Combine(work, tenant.Key);
        try
        {
            if (source.Template is { } template)
            {
                var from = Path.Combine(TemplatesRoot ?? throw new InvalidOperationException("No template folder is configured."), template);
                foreach (var file in MetadataImporter.DocumentFiles(from))
                {
                    var target = Path.Combine(folder, Path.GetRelativePath(from, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target);
                }
            }
            else
            {
                await importer.ExportAsync(source.CopyOf ?? throw new ArgumentException("A source is needed.", nameof(source)), folder, ct);
            }

            var profile = Path.Combine(folder, ProfileFile);
            var yaml = (await File.ReadAllTextAsync(profile, ct)).Replace("\r\n", "\n", StringComparison.Ordinal);
            yaml = TenantIdentity.Rewrite(yaml, tenant.Key, tenant.Hosts, tenant.Modules);
            yaml = YamlValueEdit.SetString(yaml, "spec.name", tenant.Name);
            yaml = YamlValueEdit.SetString(yaml, "spec.officialKey", tenant.OfficialKey);
            yaml = YamlValueEdit.SetString(yaml, "spec.federalState", tenant.FederalState);
            await File.WriteAllTextAsync(profile, yaml, ct);
            return await importer.ImportAsync(folder, author, publish: true, ct);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>
    /// Sets an authority's hosts and modules: a new published version of its profile, everything else of the text
    /// kept. Null when the authority has an open draft of its profile (the admin's work would be overwritten).
    /// </summary>
    public async Task<ImportResult?> ChangeProfileAsync(string key, IReadOnlyList<string> hosts, IReadOnlyList<string> modules, string author, CancellationToken ct = default)
    {
        var tenant = await catalog.FindByKeyAsync(key, ct) ?? throw new InvalidOperationException($"No authority with the key '{key}'.");
        MetadataDocument profile;
        using (currentTenant.Begin(tenant))
        {
            if (await store.GetDraftAsync(TenantKind.Name, key, ct) is not null)
            {
                return null;
            }

            profile = await store.GetPublishedAsync(TenantKind.Name, key, ct)
                      ?? throw new InvalidOperationException($"The authority '{key}' has no published profile.");
        }

        var yaml = TenantIdentity.Rewrite(profile.Yaml, key, hosts, modules);
        if (yaml == profile.Yaml)
        {
            return new ImportResult(key, tenant.Id, false, 0, 1, 0);
        }

        return await importer.ApplyProfileAsync(key, yaml, profile.SourcePath ?? ProfileFile, author, ct);
    }
}
