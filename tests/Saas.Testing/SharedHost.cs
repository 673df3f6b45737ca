namespace Saas.Testing;

/// <summary>
/// The one in-process host of a test assembly (docs/adr/0013): started on first use, shared by every test class
/// that needs no settings of its own, never stopped before the process ends. Tests isolate themselves by creating
/// fresh authorities on it (<see cref="TestTenants.CreateAsync"/>) and by minting their tokens
/// (<see cref="TestTokens"/>), so classes keep running in parallel. A class that needs other settings (small
/// limits, Keycloak mode, demo users for the real sign-in) starts its own <see cref="SaasAppFactory"/>.
/// </summary>
public static class SharedHost
{
    private static readonly Lazy<Task<SaasAppFactory>> Host = new(StartAsync);

    public static Task<SaasAppFactory> GetAsync() => Host.Value;

    private static async Task<SaasAppFactory> StartAsync()
    {
        var db = await TestDatabase.GetAsync();
        var app = new SaasAppFactory(db);
        _ = app.Server; // start it now, so that start-up failures show in the first test that asks
        return app;
    }
}
