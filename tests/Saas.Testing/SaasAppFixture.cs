using Xunit;

namespace Saas.Testing;

/// <summary>Shares one in-process host (on the test database) across the tests of a class.</summary>
public class SaasAppFixture : IAsyncLifetime
{
    private SaasAppFactory? app;

    public SaasAppFactory App => app ?? throw new InvalidOperationException("The fixture is not initialised.");

    public TestDatabase Database => App.Database;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var db = await TestDatabase.GetAsync();
        app = new SaasAppFactory(db, Settings);
        _ = app.Server; // start the host now, so that start-up failures show here
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
