using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Saas.Host;
using Saas.Platform.Hosting;

namespace Saas.Modules.Appointments.Tests;

/// <summary>The demo authorities' folders, copies of them to break on purpose, and the importer that validates them as the CLI does.</summary>
internal static class TenantFolders
{
    public static readonly string Tenants = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants");

    /// <summary>A copy of the authority's folder in a temporary directory (named like the original).</summary>
    public static string Copy(string key)
    {
        var source = Path.Combine(Tenants, key);
        var target = Path.Combine(Path.GetTempPath(), "appointments-" + Guid.NewGuid().ToString("N"), key);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    /// <summary>Replaces a text that must be in the file.</summary>
    public static void Edit(string folder, string file, string from, string to)
    {
        var path = Path.Combine(folder, file);
        var text = File.ReadAllText(path);
        text.ShouldContain(from);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>The importer as the CLI builds it (no database is touched by validation).</summary>
    public static readonly Lazy<MetadataImporter> Importer = new(() =>
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Application"] = "Host=127.0.0.1;Port=55432;Database=saas;Username=saas_app",
            ["Saas:TenantsPath"] = Tenants,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSaasPlatform(configuration, HostModules.All, HostModules.HostMigrations);
        return services.BuildServiceProvider().GetRequiredService<MetadataImporter>();
    });
}
