using Xunit;

namespace Saas.Testing;

/// <summary>
/// The host for a test class: the assembly's shared host (<see cref="SharedHost"/>), or one of the class's own when it
/// needs <see cref="Settings"/> of its own.
/// </summary>
public class SaasAppFixture : IAsyncLifetime
{
    private SaasAppFactory? app;
    private bool own;

    public SaasAppFactory App => app ?? throw new InvalidOperationException("The fixture is not initialised.");

    public TestDatabase Database => App.Database;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var settings = Settings;
        if (settings.Count == 0)
        {
            app = await SharedHost.GetAsync();
            return;
        }

        own = true;
        app = new SaasAppFactory(await TestDatabase.GetAsync(), settings);
        _ = app.Server; // start the host now, so that start-up failures show here
    }

    public async Task DisposeAsync()
    {
        if (own && app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
