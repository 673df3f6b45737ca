using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Saas.Host.Tests.Identity;

/// <summary>
/// Hardening item 9: what an independent OpenID Connect client found in the embedded provider — silent sign-in,
/// PKCE methods, the published claims, and one name for roles in tokens and userinfo.
/// </summary>
public sealed class OpenIdConnectConformanceTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    [Fact]
    public async Task HardeningItem9_PromptNone_WithoutASession_ReturnsLoginRequired_NotTheLoginPage()
    {
        var response = await Authorize(new() { ["prompt"] = "none" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe(TestSignIn.RedirectUri);
        var query = QueryHelpers.ParseQuery(location.Query);
        query["error"].ToString().ShouldBe("login_required");
        query["state"].ToString().ShouldBe("conformance");
    }

    [Fact]
    public async Task HardeningItem9_ThePlainPkceMethod_IsRefused_AndNotAdvertised()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var response = await Authorize(new() { ["code_challenge"] = verifier, ["code_challenge_method"] = "plain" });

        // Refused before the client is trusted, so OpenIddict answers itself rather than redirecting.
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        body.ShouldContain("invalid_request");
        body.ShouldContain("code_challenge_method");

        var discovery = await Discovery();
        discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()).ShouldBe(["S256"]);
    }

    [Fact]
    public async Task HardeningItem9_Discovery_PublishesTheClaimsTheTokensCarry()
    {
        var supported = (await Discovery()).GetProperty("claims_supported").EnumerateArray().Select(c => c.GetString()).ToList();
        foreach (var claim in new[] { "sub", "name", "role", "tenant", "signing_authority", "federal_state" })
        {
            supported.ShouldContain(claim);
        }
    }

    [Fact]
    public async Task HardeningItem9_Userinfo_NamesRolesAsTheTokensDo()
    {
        var token = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.A.Key, "cw-" + fixture.A.Key, "pw-cw");
        TestSignIn.Payload(token).GetProperty("role").ToString().ShouldContain("caseworker");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await fixture.App.CreateClient().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var userinfo = JsonDocument.Parse(body).RootElement;
        userinfo.GetProperty("role").ToString().ShouldContain("caseworker");
        userinfo.TryGetProperty("roles", out _).ShouldBeFalse();
        userinfo.GetProperty("tenant").GetString().ShouldBe(fixture.A.Key);
    }

    private async Task<JsonElement> Discovery()
    {
        var response = await fixture.App.CreateClient().GetAsync("/.well-known/openid-configuration");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<HttpResponseMessage> Authorize(Dictionary<string, string?> extra)
    {
        using var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(Base64Url(RandomNumberGenerator.GetBytes(32)))));
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = TestSignIn.Client,
            ["response_type"] = "code",
            ["redirect_uri"] = TestSignIn.RedirectUri,
            ["scope"] = "openid profile roles saas-api",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = "conformance",
            ["tenant"] = fixture.A.Key,
        };
        foreach (var (key, value) in extra)
        {
            query[key] = value;
        }

        return await client.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", query));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
