using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace Saas.Modules.Workflows.Tests;

/// <summary>
/// Two fresh authorities per test on a host of their own whose clock the tests move (<see cref="Clock"/>, a
/// FakeTimeProvider starting at the real now), so deadlines and escalations run on controlled days. Each pair gets
/// document types, a unit, staff with signing authorities and the test process (<see cref="TestProcess"/>) published.
/// </summary>
public sealed class ProcessFixture : TwoTenantsFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    // A host of its own (for the clock); its background deadline run waits a day, the tests run deadlines themselves.
    // Letters' templates come from the repository's tenants/ (the shared layout in tenants/_platform/templates).
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Workflows:DeadlineIntervalMinutes"] = "1440",
        ["Letters:TenantsPath"] = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants"),
    };

    protected override SaasAppFactory CreateApp(TestDatabase database, IDictionary<string, string?> settings) => new ClockedApp(database, settings, Clock);

    protected override async Task PrepareAuthoritiesAsync()
    {
        foreach (var tenant in new[] { A, B })
        {
            await PublishAsync(tenant, TestProcess.Supporting(tenant.Key).Append(TestProcess.Yaml));
        }
    }

    /// <summary>Saves and publishes documents in an authority, as its admin would.</summary>
    public async Task PublishAsync(TenantInfo tenant, IEnumerable<string> documents)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(documents);
        using var scope = App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        foreach (var yaml in documents)
        {
            await store.SaveDraftAsync(yaml, "test");
        }

        await store.PublishAsync(null, "test");
    }

    private sealed class ClockedApp(TestDatabase db, IDictionary<string, string?> settings, TimeProvider clock) : SaasAppFactory(db, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}
