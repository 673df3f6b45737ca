using System.Net.Http.Headers;

namespace Saas.Benchmarks;

/// <summary>The platform in-process, with one caseworker of one authority signed in (its client's base is the authority's path).</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly string users;

    private BenchHost(string users, SaasAppFactory app, HttpClient client)
    {
        this.users = users;
        App = app;
        Client = client;
    }

    public SaasAppFactory App { get; }

    public HttpClient Client { get; }

    public static async Task<BenchHost> StartAsync(TestDatabase db, TenantInfo tenant, IDictionary<string, string?>? settings = null)
    {
        var users = Path.Combine(Path.GetTempPath(), "saas-bench-users-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(users, tenant.Key));
        await File.WriteAllTextAsync(Path.Combine(users, tenant.Key, "users.yaml"),
            "users:\n  - { username: cw, displayName: Caseworker, password: pw, roles: [caseworker] }\n");
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Saas:TenantsPath"] = users };
        var app = new SaasAppFactory(db, all);
        var token = await TestSignIn.GetAccessTokenAsync(app, tenant.Key, "cw", "pw");
        var client = app.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant.Key}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new BenchHost(users, app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        Directory.Delete(users, recursive: true);
    }
}
