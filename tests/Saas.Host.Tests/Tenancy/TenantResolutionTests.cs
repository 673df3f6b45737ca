namespace Saas.Host.Tests.Tenancy;

/// <summary>How a request finds its authority: path prefix, host name, header — and what happens when it can't.</summary>
public sealed class TenantResolutionTests(SaasAppFixture fixture) : IClassFixture<SaasAppFixture>
{
    private const string Ping = "/api/organization/ping";

    [Fact]
    public async Task PathPrefix_ResolvesTheTenantAndReachesTheModule()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        var response = await fixture.App.CreateClient().GetAsync($"/t/{tenant.Key}{Ping}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task HostName_ResolvesTheTenant()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Ping);
        request.Headers.Host = tenant.Hosts[0];
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Header_ResolvesTheTenantForMachineClients()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Ping);
        request.Headers.Add("X-Tenant", tenant.Key);
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ModuleEndpoint_WithoutATenant_IsNotFound()
    {
        var response = await fixture.App.CreateClient().GetAsync(Ping);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task ModuleEndpoint_OfAModuleTheTenantDisabled_IsNotFound()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database, modules: []);
        var response = await fixture.App.CreateClient().GetAsync($"/t/{tenant.Key}{Ping}");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnknownTenant_IsNotFoundWithProblemDetailsInTheRequestedLanguage()
    {
        var client = fixture.App.CreateClient();
        using var german = new HttpRequestMessage(HttpMethod.Get, $"/t/gibt-es-nicht{Ping}");
        var response = await client.SendAsync(german);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(404);
        problem.GetProperty("type").GetString()!.ShouldEndWith("/tenant-not-found");
        problem.GetProperty("title").GetString()!.ShouldContain("Behörde");

        using var english = new HttpRequestMessage(HttpMethod.Get, $"/t/gibt-es-nicht{Ping}");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishProblem = JsonDocument.Parse(await (await client.SendAsync(english)).Content.ReadAsStringAsync()).RootElement;
        englishProblem.GetProperty("title").GetString()!.ShouldContain("authority");
    }

    [Fact]
    public async Task HostAndPathNamingDifferentTenants_IsABadRequest()
    {
        var a = await TestTenants.CreateAsync(fixture.Database);
        var b = await TestTenants.CreateAsync(fixture.Database);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{b.Key}{Ping}");
        request.Headers.Host = a.Hosts[0];
        (await fixture.App.CreateClient().SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task HeaderNamingAnotherTenantThanThePath_IsABadRequest()
    {
        var a = await TestTenants.CreateAsync(fixture.Database);
        var b = await TestTenants.CreateAsync(fixture.Database);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{a.Key}{Ping}");
        request.Headers.Add("X-Tenant", b.Key);
        (await fixture.App.CreateClient().SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task HealthEndpoints_AnswerWithoutATenant()
    {
        var client = fixture.App.CreateClient();
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApiDocument_IsServed()
    {
        var response = await fixture.App.CreateClient().GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("/api/organization/locations");
    }

    [Fact]
    public async Task UnknownPage_ForABrowser_IsAFriendlyGermanPage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/gibt-es-nicht");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await fixture.App.CreateClient().SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("Diese Seite gibt es hier nicht");
        body.ShouldContain("lang=\"de\"");
    }
}
