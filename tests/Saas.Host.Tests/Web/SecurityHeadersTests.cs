namespace Saas.Host.Tests.Web;

/// <summary>Hardening item 5: every response carries the browser hardening headers, whatever answered it.</summary>
public sealed class SecurityHeadersTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/", 200)]
    [InlineData("/t/{a}/", 200)]
    [InlineData("/css/site.css", 200)]
    [InlineData("/gibt-es-nicht", 404)]
    [InlineData("/t/{a}/api/cases/files", 405)]
    [InlineData("/language/en?returnUrl=/", 302)]
    public async Task HardeningItem5_EveryResponse_CarriesTheHardeningHeaders(string path, int status)
    {
        using var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(path.Replace("{a}", fixture.A.Key, StringComparison.Ordinal));
        ((int)response.StatusCode).ShouldBe(status);

        var csp = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("style-src 'self'");
        csp.ShouldContain("frame-ancestors 'self'");
        csp.ShouldContain("object-src 'none'");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").ShouldHaveSingleItem().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").ShouldHaveSingleItem().ShouldBe("no-referrer");
        response.Headers.GetValues("Permissions-Policy").ShouldHaveSingleItem().ShouldContain("camera=()");
        response.Headers.GetValues("X-Frame-Options").ShouldHaveSingleItem().ShouldBe("SAMEORIGIN");
    }
}
