using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Saas.Host.Tests.Identity;

/// <summary>
/// The production path: tokens in Keycloak's shape (realm and client roles as JSON, the tenant attribute as an
/// array), signed with a key the test makes and hands to the host as the realm's JWKS. Keycloak itself cannot
/// run here; this checks our validation and claim mapping against its token format.
/// </summary>
public sealed class KeycloakFixture : TwoTenantsFixture
{
    public const string Realm = "https://keycloak.test/realms/saas";

    public RSA Key { get; } = RSA.Create(2048);

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Identity:Mode"] = "Keycloak",
        ["Identity:Authority"] = Realm,
        ["Identity:ClientId"] = "saas-web",
        ["Identity:ClientSecret"] = "unused-in-this-test",
        ["Identity:Audience"] = "saas-api",
        ["Identity:SigningKeysJwks"] = JsonSerializer.Serialize(new { keys = new[] { Jwk() } }),
    };

    public string Token(string[] realmRoles, string[] clientRoles, string[] tenants, RSA? signer = null)
    {
        var payload = new Dictionary<string, object>
        {
            ["iss"] = Realm,
            ["aud"] = "saas-api",
            ["sub"] = Guid.NewGuid().ToString(),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds(),
            ["preferred_username"] = "kc.user",
            ["realm_access"] = new { roles = realmRoles },
            ["resource_access"] = new Dictionary<string, object> { ["saas-web"] = new { roles = clientRoles }, ["account"] = new { roles = new[] { "manage-account" } } },
            ["tenant"] = tenants,
        };
        return new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(payload), new SigningCredentials(new RsaSecurityKey(signer ?? Key) { KeyId = "kc-test" }, SecurityAlgorithms.RsaSha256));
    }

    private object Jwk()
    {
        var parameters = Key.ExportParameters(false);
        return new { kty = "RSA", use = "sig", alg = "RS256", kid = "kc-test", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) };
    }
}

public sealed class KeycloakTokenTests(KeycloakFixture fixture) : IClassFixture<KeycloakFixture>
{
    [Fact]
    public async Task RealmRole_AndTenantAttribute_AreMapped()
    {
        var token = fixture.Token(["caseworker", "offline_access"], [], [fixture.A.Key]);
        var response = await Send(HttpMethod.Get, $"/t/{fixture.A.Key}/api/organization/responsible?unit=1&surname=x", token);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound); // signed in as staff; this authority has no ranges
    }

    [Fact]
    public async Task ClientRole_GrantsAdministration()
    {
        var admin = fixture.Token([], ["tenant-admin"], [fixture.A.Key]);
        (await Send(HttpMethod.Post, $"/t/{fixture.A.Key}/api/organization/admin/publish", admin)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var caseworker = fixture.Token(["caseworker"], [], [fixture.A.Key]);
        (await Send(HttpMethod.Post, $"/t/{fixture.A.Key}/api/organization/admin/publish", caseworker)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task APersonWithTwoTenantAttributes_WorksInEither_ButNotInAThird()
    {
        var token = fixture.Token(["caseworker"], [], [fixture.A.Key, fixture.B.Key]);
        (await Send(HttpMethod.Get, $"/t/{fixture.B.Key}/api/organization/responsible?unit=1&surname=x", token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var other = await TestTenants.CreateAsync(await TestDatabase.GetAsync());
        (await Send(HttpMethod.Get, $"/t/{other.Key}/api/organization/responsible?unit=1&surname=x", token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ATokenSignedByAnotherKey_IsRefused()
    {
        using var stranger = RSA.Create(2048);
        var token = fixture.Token(["caseworker"], [], [fixture.A.Key], stranger);
        (await Send(HttpMethod.Get, $"/t/{fixture.A.Key}/api/organization/responsible?unit=1&surname=x", token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MyInbox_FindsTheItemsOfTheUserName_ThoughTheSubjectIsAUuid()
    {
        // The surname ranges name staff by user name; Keycloak's subject is a UUID, its user name preferred_username.
        var mine = Guid.NewGuid();
        var others = Guid.NewGuid();
        await using (var owner = new Npgsql.NpgsqlConnection(fixture.App.Database.OwnerConnectionString))
        {
            await owner.OpenAsync();
            foreach (var (id, responsible) in new[] { (mine, "kc.user"), (others, "kc.someone-else") })
            {
                await using var insert = new Npgsql.NpgsqlCommand(
                    "INSERT INTO cases.inbox_items (tenant_id, id, source, reason, title, content_type, sha256, length, responsible_caseworkers) " +
                    "VALUES ($1, $2, 'mail', 'no-cover-sheet', 'Brief', 'message/rfc822', repeat('a', 64), 1, ARRAY[$3])", owner);
                insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = fixture.A.Id });
                insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
                insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = responsible });
                await insert.ExecuteNonQueryAsync();
            }
        }

        var token = fixture.Token(["caseworker"], [], [fixture.A.Key]);
        var response = await Send(HttpMethod.Get, $"/t/{fixture.A.Key}/api/cases/inbox?view=mine", token);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldContain(mine.ToString());
        body.ShouldNotContain(others.ToString());
    }

    [Fact]
    public async Task TheEmbeddedSignIn_DoesNotExistInKeycloakMode()
    {
        (await fixture.App.CreateClient().GetAsync("/connect/token")).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
        (await fixture.App.CreateClient().GetAsync($"/t/{fixture.A.Key}/account/login")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string url, string token)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await fixture.App.CreateClient().SendAsync(request);
    }
}
