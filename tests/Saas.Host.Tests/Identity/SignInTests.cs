namespace Saas.Host.Tests.Identity;

/// <summary>The sign-in is the subject here: a host of its own that reads the two authorities' people from users.yaml.</summary>
public sealed class SignInFixture : TwoTenantsFixture
{
    protected override bool OwnHost => true;

    /// <summary>The sign-in reads A's and B's people from users.yaml once, when this host starts.</summary>
    protected override bool FreshPerTest => false;
}

/// <summary>OpenID Connect sign-in with the embedded provider, and what a token may do where.</summary>
public sealed class SignInTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    private string Responsible(string key) => $"/t/{key}/api/organization/responsible?unit=30.20&surname=Yilmaz";

    [Fact]
    public async Task CodeFlow_IssuesATokenForExactlyTheChosenAuthority()
    {
        var token = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.A.Key, "cw-" + fixture.A.Key, "pw-cw");
        var claims = TestSignIn.Payload(token);
        claims.GetProperty("tenant").GetString().ShouldBe(fixture.A.Key);
        claims.GetProperty("role").ToString().ShouldContain("caseworker");
        claims.GetProperty("signing_authority").ToString().ShouldContain("AufenthG-18a");
    }

    [Fact]
    public async Task APersonInTwoAuthorities_GetsATokenForTheOneChosen()
    {
        var forB = TestSignIn.Payload(await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.B.Key, "both-" + fixture.A.Key, "pw-both"));
        forB.GetProperty("tenant").GetString().ShouldBe(fixture.B.Key);
    }

    [Fact]
    public async Task Token_OnItsOwnAuthority_IsAccepted()
    {
        var token = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.A.Key, "cw-" + fixture.A.Key, "pw-cw");
        var response = await Send(HttpMethod.Get, Responsible(fixture.A.Key), token);
        // Signed in and allowed: the lookup runs (this fresh authority has no surname ranges yet).
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Code(response)).ShouldBe("organization-entry-not-found");
    }

    [Fact]
    public async Task TokenOfA_OnBsPath_IsRefusedWithProblemDetails()
    {
        var token = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.A.Key, "admin-" + fixture.A.Key, "pw-admin");
        var response = await Send(HttpMethod.Get, Responsible(fixture.B.Key), token);
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Code(response)).ShouldBe("tenant-mismatch");
    }

    [Fact]
    public async Task TokenOfA_OnBsHost_IsRefused()
    {
        var token = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.A.Key, "admin-" + fixture.A.Key, "pw-admin");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/organization/responsible?unit=1&surname=x");
        request.Headers.Host = fixture.B.Hosts[0];
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await fixture.App.CreateClient().SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task WrongPassword_GivesAClearMessageAndNoToken()
    {
        var result = await TestSignIn.TrySignInAsync(fixture.App, fixture.A.Key, "cw-" + fixture.A.Key, "falsch");
        result.AccessToken.ShouldBeNull();
        result.LoginPage.ShouldContain("Benutzername oder Passwort ist falsch");
    }

    [Fact]
    public async Task SigningInToAnAuthorityOneDoesNotBelongTo_IsRefused()
    {
        var result = await TestSignIn.TrySignInAsync(fixture.App, fixture.B.Key, "cw-" + fixture.A.Key, "pw-cw");
        result.AccessToken.ShouldBeNull();
        result.LoginPage.ShouldContain("Sie gehören nicht zu dieser Behörde");
    }

    [Fact]
    public async Task StaffTokenWithoutAnAuthority_IsRefusedOnEveryAuthority()
    {
        var token = await TestSignIn.GetAccessTokenAsync(fixture.App, null, "op", "pw-op");
        TestSignIn.Payload(token).TryGetProperty("tenant", out _).ShouldBeFalse();
        (await Send(HttpMethod.Get, $"/t/{fixture.A.Key}/api/organization/locations", token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Send(HttpMethod.Get, $"/t/{fixture.B.Key}/api/organization/locations", token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ApplicantToken_CarriesNoAuthority_AndMayTurnToAnyAuthority_ButNotToStaffEndpoints()
    {
        var token = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.A.Key, "app-" + fixture.A.Key, "pw-app");
        TestSignIn.Payload(token).TryGetProperty("tenant", out _).ShouldBeFalse();
        (await Send(HttpMethod.Get, $"/t/{fixture.B.Key}/api/organization/locations", token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Send(HttpMethod.Get, Responsible(fixture.B.Key), token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnApplicant_SignsInAtAnAuthorityWhoseFileDoesNotNameThem_AsAtTheirOwn()
    {
        // Applicants turn to any authority (BundID in production; docs/adr/0043): A's demo applicant signs in at B.
        var token = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.B.Key, "app-" + fixture.A.Key, "pw-app");
        var claims = TestSignIn.Payload(token);
        claims.TryGetProperty("tenant", out _).ShouldBeFalse();
        claims.GetProperty("role").ToString().ShouldContain("applicant");
        (await Send(HttpMethod.Get, $"/t/{fixture.B.Key}/api/applications/mine", token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Staff still sign in only where they belong.
        (await TestSignIn.TrySignInAsync(fixture.App, fixture.B.Key, "cw-" + fixture.A.Key, "pw-cw")).AccessToken.ShouldBeNull();
    }

    [Fact]
    public async Task StaffEndpoint_WithoutAToken_Is401ProblemDetails()
    {
        var response = await Send(HttpMethod.Get, Responsible(fixture.A.Key), null);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task ForgedToken_IsRefused()
    {
        var token = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.A.Key, "cw-" + fixture.A.Key, "pw-cw");
        var parts = token.Split('.');
        var forged = parts[0] + "." + parts[1].Replace(parts[1][^4..], "AAAA", StringComparison.Ordinal) + "." + parts[2];
        (await Send(HttpMethod.Get, Responsible(fixture.A.Key), forged)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DeviceClient_GetsADeviceTokenForItsAuthority()
    {
        Directory.Exists(fixture.UsersFolder).ShouldBeTrue();
        var claims = TestSignIn.Payload(await TestSignIn.GetDeviceTokenAsync(fixture.App, fixture.A.Key));
        claims.GetProperty("role").ToString().ShouldContain("device");
        claims.GetProperty("tenant").GetString().ShouldBe(fixture.A.Key);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string url, string? token)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await fixture.App.CreateClient().SendAsync(request);
    }

    private static async Task<string?> Code(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
}

public sealed class ProductionSafetyTests
{
    [Fact]
    public async Task TheEmbeddedProvider_IsRefusedInProduction()
    {
        var db = await TestDatabase.GetAsync();
        await using var app = new ProductionApp(db);
        var error = Should.Throw<InvalidOperationException>(() => app.Server);
        error.Message.ShouldContain("refused in Production");
    }

    private sealed class ProductionApp(TestDatabase db) : SaasAppFactory(db)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
