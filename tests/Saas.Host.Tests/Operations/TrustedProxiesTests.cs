namespace Saas.Host.Tests.Operations;

/// <summary>Hardening item 12: which proxies the host believes is written down, and a wrong entry stops the start.</summary>
public sealed class TrustedProxiesTests
{
    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.internal")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.42.0.0")]
    public async Task Item12_AProxyEntryThatIsNoAddressOrNetwork_StopsTheStart(string setting, string value)
    {
        var db = await TestDatabase.GetAsync();
        await using var app = new SaasAppFactory(db, new Dictionary<string, string?> { [setting] = value });
        var error = Should.Throw<Exception>(() => _ = app.Server);
        error.ToString().ShouldContain(setting.Split(':')[0] + ":" + setting.Split(':')[1]);
        error.ToString().ShouldContain(value);
    }
}
