using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saas.Host;
using Saas.Platform.Data;
using Saas.Platform.Hosting;

namespace Saas.Cli;

/// <summary>
/// The platform's services for the command line, configured like the host: environment variables
/// (<c>Database__Application</c>, <c>Database__Owner</c>) over the embedded defaults.
/// </summary>
internal static class CliServices
{
    public static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Application"] = "Host=127.0.0.1;Port=55432;Database=saas;Username=saas_app;Password=saas_app_dev",
                ["Database:Owner"] = "Host=127.0.0.1;Port=55432;Database=saas;Username=saas_owner;Password=saas_owner_dev",
                ["Database:ApplicationRole"] = "saas_app",
            })
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(log => log.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSaasPlatform(configuration, HostModules.All, HostModules.HostMigrations);
        return services.BuildServiceProvider();
    }

    public static async Task<int> MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var migrator = new SqlMigrator(options.Owner, options.ApplicationRole, services.GetRequiredService<ILoggerFactory>().CreateLogger("migrate"));
        return await migrator.MigrateAsync(HostModules.AllMigrations(), ct);
    }

    /// <summary>A path is either one authority's folder (it has tenant.yaml) or a root of such folders.</summary>
    public static IReadOnlyList<string> TenantFolders(string path) =>
        File.Exists(Path.Combine(path, "tenant.yaml")) ? [Path.GetFullPath(path)] : Saas.Platform.Metadata.MetadataImporter.TenantDirectories(path).ToList();
}
