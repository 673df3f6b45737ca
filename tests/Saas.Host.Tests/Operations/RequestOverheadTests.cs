using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Server.AspNetCore;
using Saas.Host.Tests.Identity;

namespace Saas.Host.Tests.Operations;

/// <summary>
/// What every request costs (docs/adr/0041), on the platform's host with the embedded provider: the embedded OpenID
/// server is asked only about its own paths, and one logger per category is built once.
/// </summary>
public sealed class RequestOverheadTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    private async Task<IEnumerable<string>> RequestHandlersForAsync(string path)
    {
        var accessor = fixture.App.Services.GetRequiredService<IHttpContextAccessor>();
        var previous = accessor.HttpContext;
        accessor.HttpContext = new DefaultHttpContext { Request = { Path = path } };
        try
        {
            return (await fixture.App.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetRequestHandlerSchemesAsync()).Select(s => s.Name).ToList();
        }
        finally
        {
            accessor.HttpContext = previous;
        }
    }

    [Theory]
    [InlineData("/connect/token", true)]
    [InlineData("/connect/authorize", true)]
    [InlineData("/.well-known/openid-configuration", true)]
    [InlineData("/t/aachen/api/appointments/reservations", false)]
    [InlineData("/connectx", false)]
    [InlineData("/", false)]
    public async Task TheEmbeddedServer_HandlesOnlyItsOwnPaths(string path, bool handled) =>
        (await RequestHandlersForAsync(path)).Contains(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme).ShouldBe(handled);

    [Fact]
    public async Task SigningInAndTheDiscoveryDocument_StillWork()
    {
        var token = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.A.Key, "cw-" + fixture.A.Key, "pw-cw");
        token.ShouldNotBeNullOrEmpty();
        using var client = fixture.App.CreateClient();
        (await client.GetAsync("/.well-known/openid-configuration")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void ALoggerPerCategory_IsBuiltOnce()
    {
        var factory = fixture.App.Services.GetRequiredService<ILoggerFactory>();
        factory.CreateLogger("Saas.Probe").ShouldBeSameAs(factory.CreateLogger("Saas.Probe"));
        factory.CreateLogger("Saas.Probe").ShouldNotBeSameAs(factory.CreateLogger("Saas.Other"));
    }
}
