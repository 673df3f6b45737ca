using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Saas.Testing;

namespace Saas.Browser.Tests;

/// <summary>
/// The real host on Kestrel (a browser cannot reach the in-memory test server) and Debian's Chromium driven by
/// Playwright. No browser is downloaded: <c>scripts/browser.sh</c> installs Debian's package.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private SaasAppFactory? app;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public SaasAppFactory App => app!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("SAAS_CHROMIUM") ?? "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        var db = await TestDatabase.GetAsync();
        app = new SaasAppFactory(db, new Dictionary<string, string?>
        {
            ["Saas:ImportTenantsFrom"] = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants"),
            ["Saas:TenantsPath"] = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants"),
        });
        app.UseKestrel(0);
        app.StartServer();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        app.ServerAddress = BaseAddress;

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Chromium's fake camera and microphone, granted without a prompt: the video rooms' tests (docs/adr/0039).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required"],
        });
    }

    /// <summary>
    /// A page in a context of its own, watched for CSP violations (Hardening item 5), with the cookies of
    /// <paramref name="storageState"/> (a context's <c>StorageStateAsync</c>) when given.
    /// </summary>
    public async Task<IPage> NewPageAsync(string locale, string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, StorageState = storageState });
        return await ContentPolicy.WatchAsync(await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
