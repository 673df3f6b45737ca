using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Saas.Platform.Identity;

namespace Saas.Host.Tests.Identity;

/// <summary>
/// The production path: tokens with exactly the claims this repository's realm export would make Keycloak issue
/// (derived from the export by <see cref="KeycloakRealm"/>, so the two cannot drift apart), signed with a key the
/// test makes and hands to the host as the realm's JWKS. Keycloak itself cannot run here.
/// </summary>
public sealed class KeycloakFixture : TwoTenantsFixture
{
    public const string Realm = "https://keycloak.test/realms/saas";

    public RSA Key { get; } = RSA.Create(2048);

    public KeycloakRealm Export { get; } = KeycloakRealm.Load();

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Identity:Mode"] = "Keycloak",
        ["Identity:Authority"] = Realm,
        ["Identity:ClientId"] = "saas-web",
        ["Identity:ClientSecret"] = "unused-in-this-test",
        ["Identity:Audience"] = "saas-api",
        ["Identity:SigningKeysJwks"] = JsonSerializer.Serialize(new { keys = new[] { Jwk() } }),
    };

    /// <summary>A person with these realm roles and tenant attributes, as the realm's web client's access token carries them.</summary>
    public string Token(string[] realmRoles, string[] tenants, RSA? signer = null) =>
        Sign(Export.Claims("saas-web", Person(realmRoles, tenants), KeycloakRealm.TokenKind.Access, Realm), signer);

    public static KeycloakRealm.Person Person(string[] realmRoles, string[] tenants, string username = "kc.user") =>
        new(username, realmRoles, tenants.Length == 0 ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { ["tenant"] = tenants },
            "Karla", "Keycloak", username + "@abh.example");

    public string Sign(IDictionary<string, System.Text.Json.Nodes.JsonNode?> claims, RSA? signer = null) =>
        new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(claims), new SigningCredentials(new RsaSecurityKey(signer ?? Key) { KeyId = "kc-test" }, SecurityAlgorithms.RsaSha256));

    private object Jwk()
    {
        var parameters = Key.ExportParameters(false);
        return new { kty = "RSA", use = "sig", alg = "RS256", kid = "kc-test", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) };
    }
}

public sealed class KeycloakTokenTests(KeycloakFixture fixture) : IClassFixture<KeycloakFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RealmRole_AndTenantAttribute_AreMapped()
    {
        var token = fixture.Token(["caseworker"], [fixture.A.Key]);
        var response = await Send(HttpMethod.Get, $"/t/{fixture.A.Key}/api/organization/responsible?unit=1&surname=x", token);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound); // signed in as staff; this authority has no ranges
    }

    [Fact]
    public async Task TheTenantAdminRole_GrantsAdministration()
    {
        var admin = fixture.Token(["tenant-admin"], [fixture.A.Key]);
        (await Send(HttpMethod.Get, $"/t/{fixture.A.Key}/api/studio/documents", admin)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var caseworker = fixture.Token(["caseworker"], [fixture.A.Key]);
        (await Send(HttpMethod.Get, $"/t/{fixture.A.Key}/api/studio/documents", caseworker)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task APersonWithTwoTenantAttributes_WorksInEither_ButNotInAThird()
    {
        var token = fixture.Token(["caseworker"], [fixture.A.Key, fixture.B.Key]);
        (await Send(HttpMethod.Get, $"/t/{fixture.B.Key}/api/organization/responsible?unit=1&surname=x", token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var other = await TestTenants.CreateAsync(await TestDatabase.GetAsync());
        (await Send(HttpMethod.Get, $"/t/{other.Key}/api/organization/responsible?unit=1&surname=x", token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ATokenSignedByAnotherKey_IsRefused()
    {
        using var stranger = RSA.Create(2048);
        var token = fixture.Token(["caseworker"], [fixture.A.Key], stranger);
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

        var token = fixture.Token(["caseworker"], [fixture.A.Key]);
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

    [Fact]
    public void HardeningItem8_TheRealmsWebTokens_CarryTheClaimsThePlatformNeeds()
    {
        // Before: the export defined clientScopes without Keycloak's defaults, so no roles, user name or subject.
        var person = KeycloakFixture.Person(["caseworker"], [fixture.A.Key]);
        var access = fixture.Export.Claims("saas-web", person, KeycloakRealm.TokenKind.Access, KeycloakFixture.Realm);
        access.Keys.ShouldContain("sub");
        access["preferred_username"]!.GetValue<string>().ShouldBe("kc.user");
        access["realm_access"]!["roles"]!.AsArray().Select(r => (string?)r).ShouldContain("caseworker");
        access["tenant"]!.AsArray().Select(t => (string?)t).ShouldBe([fixture.A.Key]);
        access["aud"]!.ToJsonString().ShouldContain("saas-api");
    }

    [Fact]
    public async Task HardeningItem8_TheWebSession_BuiltFromTheRealmsIdToken_HasTheRolesAndTheAuthority()
    {
        // The OpenIdConnect handler builds the session from the ID token (no userinfo call), through the same mapping.
        var person = KeycloakFixture.Person(["caseworker"], [fixture.A.Key]);
        var idToken = fixture.Sign(fixture.Export.Claims("saas-web", person, KeycloakRealm.TokenKind.Id, KeycloakFixture.Realm));
        var validated = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = KeycloakFixture.Realm,
            ValidAudience = "saas-web",
            IssuerSigningKey = new RsaSecurityKey(fixture.Key) { KeyId = "kc-test" },
        });
        validated.IsValid.ShouldBeTrue(validated.Exception?.Message);

        var session = Saas.Host.Identity.ClaimMapping.Map(validated.ClaimsIdentity, "saas-web");

        session.FindAll(SaasClaims.Role).Select(c => c.Value).ShouldBe(["caseworker"]);
        session.FindAll(SaasClaims.Tenant).Select(c => c.Value).ShouldBe([fixture.A.Key]);
        session.FindFirst(SaasClaims.Username)!.Value.ShouldBe("kc.user");
        session.FindFirst(SaasClaims.Subject)!.Value.ShouldBe(person.Id.ToString());
        session.FindFirst(SaasClaims.Name)!.Value.ShouldBe("Karla Keycloak");
    }

    [Fact]
    public async Task HardeningItem8_ADevicesClientCredentialsToken_AsTheRealmIssuesIt_IsADeviceOfItsAuthorityOnly()
    {
        // The export's service-account user of device-aachen, with its tenant attribute pointed at the test authority.
        var device = fixture.Export.ServiceAccount("device-aachen");
        device.Attributes["tenant"].ShouldBe(["aachen"]);
        device = device with { Attributes = new Dictionary<string, string[]> { ["tenant"] = [fixture.A.Key] } };
        var claims = fixture.Export.Claims("device-aachen", device, KeycloakRealm.TokenKind.Access, KeycloakFixture.Realm);
        claims["client_id"]!.GetValue<string>().ShouldBe("device-aachen");
        var token = fixture.Sign(claims);

        var validated = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = KeycloakFixture.Realm,
            ValidAudience = "saas-api",
            IssuerSigningKey = new RsaSecurityKey(fixture.Key) { KeyId = "kc-test" },
        });
        Saas.Host.Identity.ClaimMapping.Map(validated.ClaimsIdentity, "saas-web").FindAll(SaasClaims.Role).Select(c => c.Value).ShouldBe(["device"]);
        (await Send(HttpMethod.Get, $"/t/{fixture.A.Key}/api/organization/locations", token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Send(HttpMethod.Get, $"/t/{fixture.B.Key}/api/organization/locations", token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task HardeningItem8_APersonWithoutATenantAttribute_GetsNoTenantClaim_AndIsRefusedAsStaff()
    {
        var token = fixture.Sign(fixture.Export.Claims("saas-web", KeycloakFixture.Person(["caseworker"], []), KeycloakRealm.TokenKind.Access, KeycloakFixture.Realm));
        (await Send(HttpMethod.Get, $"/t/{fixture.A.Key}/api/organization/responsible?unit=1&surname=x", token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void HardeningItem8_TheRealm_DeclaresItsAttributes_AndHasExactRedirectUris()
    {
        var realm = fixture.Export.Json;
        var profile = JsonNode.Parse((string)realm["components"]!["org.keycloak.userprofile.UserProfileProvider"]![0]!["config"]!["kc.user.profile.config"]![0]!)!;
        var declared = profile["attributes"]!.AsArray().Select(a => (string?)a!["name"]).ToList();
        declared.ShouldContain("tenant");
        declared.ShouldContain("signing_authority");
        declared.ShouldContain("trust_level", "Keycloak 26 drops an attribute its user profile does not declare");

        var scopes = realm["clientScopes"]!.AsArray().Select(s => (string?)s!["name"]).ToHashSet();
        foreach (var scope in new[] { "basic", "profile", "email", "roles", "web-origins", "acr", "service_account", "saas-api" })
        {
            scopes.ShouldContain(scope);
        }

        var web = fixture.Export.Client("saas-web");
        var uris = web["redirectUris"]!.AsArray().Select(u => (string)u!)
            .Concat(((string)web["attributes"]!["post.logout.redirect.uris"]!).Split("##")).ToList();
        uris.ShouldNotBeEmpty();
        uris.ShouldAllBe(u => !u.Contains('*') && u.StartsWith("https://"));
        foreach (var tenant in Directory.EnumerateDirectories(Path.Combine(SaasAppFactory.RepositoryRoot, "tenants")).Select(Path.GetFileName).Where(t => !t!.StartsWith('_')))
        {
            fixture.Export.ServiceAccount("device-" + tenant).RealmRoles.ShouldBe(["device"]);
        }
    }

    [Fact]
    public async Task AnApplicantFromBundId_IsAnApplicantAtEveryAuthority_WithTheTrustLevelTheBrokerKept()
    {
        // What the realm's BundID broker leaves on the user (docs/adr/0043): the applicant role and the level as trust_level.
        var broker = fixture.Export.Json["identityProviders"]!.AsArray().Single(p => (string?)p!["alias"] == "bundid")!;
        ((string)broker["config"]!["authnContextClassRefs"]!).ShouldContain("STORK-QAA-Level-3");
        var mappers = fixture.Export.Json["identityProviderMappers"]!.AsArray().Where(m => (string?)m!["identityProviderAlias"] == "bundid").ToList();
        mappers.ShouldContain(m => (string?)m!["config"]!["role"] == "applicant");
        mappers.ShouldContain(m => (string?)m!["config"]!["user.attribute"] == "trust_level");

        var person = new KeycloakRealm.Person("bundid.person", ["applicant"], new Dictionary<string, string[]> { ["trust_level"] = ["STORK-QAA-Level-4"] }, "Olena", "Kovalenko");
        var claims = fixture.Export.Claims("saas-web", person, KeycloakRealm.TokenKind.Access, KeycloakFixture.Realm);
        claims["trust_level"]!.GetValue<string>().ShouldBe("STORK-QAA-Level-4");
        claims.Keys.ShouldNotContain("tenant");
        var token = fixture.Sign(claims);
        foreach (var tenant in new[] { fixture.A, fixture.B })
        {
            (await Send(HttpMethod.Get, $"/t/{tenant.Key}/api/applications/mine", token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var validated = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = KeycloakFixture.Realm,
            ValidAudience = "saas-api",
            IssuerSigningKey = new RsaSecurityKey(fixture.Key) { KeyId = "kc-test" },
        });
        Saas.Host.Identity.ClaimMapping.Map(validated.ClaimsIdentity, "saas-web").FindFirst(SaasClaims.TrustLevel)!.Value.ShouldBe("STORK-QAA-Level-4");

        // A deployment that maps the level into acr instead: taken as the trust level when it is a STORK level, not otherwise.
        var acr = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", "x"), new System.Security.Claims.Claim("acr", "STORK-QAA-Level-3")]);
        Saas.Host.Identity.ClaimMapping.Map(acr, "saas-web").FindFirst(SaasClaims.TrustLevel)!.Value.ShouldBe("STORK-QAA-Level-3");
        var plain = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", "x"), new System.Security.Claims.Claim("acr", "1")]);
        Saas.Host.Identity.ClaimMapping.Map(plain, "saas-web").FindFirst(SaasClaims.TrustLevel).ShouldBeNull();
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string url, string token)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await fixture.App.CreateClient().SendAsync(request);
    }
}
