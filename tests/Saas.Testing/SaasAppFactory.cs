using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Saas.Testing;

/// <summary>
/// The real host, in process, on the test database. Extra settings can be passed per test class
/// (e.g. to turn on the import of tenants/ at start-up).
/// </summary>
public class SaasAppFactory(TestDatabase db, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = db;

    /// <summary>Where clients reach the host: in memory by default, the Kestrel address when it runs on a real port (browser tests).</summary>
    public Uri ServerAddress { get; set; } = new("http://localhost");

    /// <summary>The checkout's root (where Saas.sln is), found from the running test's directory.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Saas.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Saas.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Every test host's <c>Saas:PublicBaseUrl</c> (the default the identity provider and run.sh use).</summary>
    public const string PublicBaseUrl = "http://localhost:5080/";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseContentRoot(Path.Combine(RepositoryRoot, "src", "Saas.Host"));
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var values = new Dictionary<string, string?>
            {
                ["Database:Application"] = Database.ApplicationConnectionString,
                ["Database:Owner"] = Database.OwnerConnectionString,
                ["Database:MigrateOnStart"] = "false",
                ["Saas:TenantTemplates"] = Path.Combine(RepositoryRoot, "tenants", "_templates"),
                // The same public address for every host of a test process: they share one database, and any host's
                // outbox may send another's e-mail, whose link it checks against its own address (docs/adr/0034).
                ["Saas:PublicBaseUrl"] = PublicBaseUrl,
            };
            // Cheap ALTCHA challenges of the production format, which the tests solve as the widget would (TestAltcha).
            foreach (var (key, value) in TestAltcha.Settings)
            {
                values[key] = value;
            }

            // E-mail goes to this process's maildev (docs/adr/0034), unless the test names a server of its own.
            foreach (var (key, value) in TestMail.Current?.Settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }

            config.AddInMemoryCollection(values);
        });

        // Settings that Program.cs reads while registering services must be host settings to be seen in time.
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
