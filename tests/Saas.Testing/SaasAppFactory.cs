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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var values = new Dictionary<string, string?>
            {
                ["Database:Application"] = Database.ApplicationConnectionString,
                ["Database:Owner"] = Database.OwnerConnectionString,
                ["Database:MigrateOnStart"] = "false",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }

            config.AddInMemoryCollection(values);
        });
    }
}
