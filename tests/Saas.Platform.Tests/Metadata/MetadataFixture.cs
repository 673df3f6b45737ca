using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Saas.Host;
using Saas.Platform.Hosting;
using Saas.Platform.Metadata;

namespace Saas.Platform.Tests.Metadata;

/// <summary>The platform's real services (all host modules' kinds registered) on the test database.</summary>
public sealed class MetadataFixture : IAsyncLifetime
{
    public ServiceProvider Services { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public MetadataImporter Importer => Services.GetRequiredService<MetadataImporter>();

    public IMetadataStore Store => Services.GetRequiredService<IMetadataStore>();

    public ICurrentTenant CurrentTenant => Services.GetRequiredService<ICurrentTenant>();

    public ITenantCatalog Catalog => Services.GetRequiredService<ITenantCatalog>();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.GetAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Application"] = Database.ApplicationConnectionString,
            // The importer writes the tenant registry as the owner role (Hardening item 3).
            ["Database:Owner"] = Database.OwnerConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSaasPlatform(configuration, HostModules.All, HostModules.HostMigrations);
        Services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync() => await Services.DisposeAsync();

    /// <summary>A fresh authority folder under a temp root, named like its tenant key.</summary>
    public static TenantFolder NewFolder() => new();
}

public sealed class TenantFolder : IDisposable
{
    public TenantFolder()
    {
        Key = "m-" + Guid.NewGuid().ToString("N")[..10];
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "saas-tests", Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Root, Key);
        Directory.CreateDirectory(Path);
        Write("tenant.yaml", $"""
            # Testbehörde
            kind: tenant
            key: {Key}
            spec:
              name: Testbehörde {Key}
              officialKey: "05334000"
              federalState: NW
              hosts: ["{Key}.test.localhost"]
              modules: [organization]
            """);
    }

    public string Key { get; }

    public string Root { get; }

    public string Path { get; }

    public string Write(string relative, string text)
    {
        var file = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
