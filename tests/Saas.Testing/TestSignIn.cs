using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace Saas.Testing;

/// <summary>
/// Signs in through the embedded provider exactly as an app would: authorization code with PKCE, the login
/// page with its antiforgery token, the redirect back with the code, and the token request.
/// </summary>
public static partial class TestSignIn
{
    public const string Client = "saas-portal";
    public const string RedirectUri = "http://localhost/callback";

    /// <summary>The access token of a person working in an authority (or in none, when tenantKey is null).</summary>
    public static async Task<string> GetAccessTokenAsync(SaasAppFactory app, string? tenantKey, string username, string password)
    {
        var result = await TrySignInAsync(app, tenantKey, username, password);
        return result.AccessToken ?? throw new InvalidOperationException("Sign-in failed: " + result.LoginPage);
    }

    public static async Task<SignInResult> TrySignInAsync(SaasAppFactory app, string? tenantKey, string username, string password)
    {
        ArgumentNullException.ThrowIfNull(app);
        // On a real port (browser tests) a plain client, whose handler must not follow the redirects itself.
        using var client = app.ServerAddress.IsLoopback && app.ServerAddress.Port != 80
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = app.ServerAddress }
            : app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = Client,
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = "openid profile roles saas-api",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = "test",
        };
        if (tenantKey is not null)
        {
            query["tenant"] = tenantKey;
        }

        var authorize = QueryHelpers.AddQueryString("/connect/authorize", query);
        var toLogin = await client.GetAsync(authorize);
        toLogin.StatusCode.ShouldBeRedirect();
        var loginUrl = toLogin.Headers.Location!.ToString();
        var loginPage = await client.GetStringAsync(loginUrl);
        var form = new Dictionary<string, string>
        {
            ["Username"] = username,
            ["Password"] = password,
            ["Tenant"] = tenantKey ?? "",
            ["ReturnUrl"] = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), loginUrl).Query)["ReturnUrl"].ToString(),
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(loginPage).Groups[1].Value,
        };
        var posted = await client.PostAsync(loginUrl, new FormUrlEncodedContent(form));
        if (posted.StatusCode != HttpStatusCode.Redirect)
        {
            return new SignInResult(null, await posted.Content.ReadAsStringAsync());
        }

        var back = await client.GetAsync(posted.Headers.Location);
        back.StatusCode.ShouldBeRedirect();
        var code = QueryHelpers.ParseQuery(back.Headers.Location!.Query)["code"].ToString();
        var token = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = Client,
            ["code_verifier"] = verifier,
        }));
        var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement;
        return new SignInResult(json.TryGetProperty("access_token", out var access) ? access.GetString() : null, json.ToString());
    }

    /// <summary>A device's token through client credentials.</summary>
    public static async Task<string> GetDeviceTokenAsync(SaasAppFactory app, string tenantKey)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateClient();
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "device-" + tenantKey,
            ["client_secret"] = "device-" + tenantKey + "-demo",
            ["scope"] = "saas-api",
        }));
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(text).RootElement;
        return json.TryGetProperty("access_token", out var token) ? token.GetString()! : throw new InvalidOperationException("No device token: " + text);
    }

    /// <summary>The claims of a JWT's payload (no validation: for assertions in tests only).</summary>
    public static JsonElement Payload(string jwt)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Convert.FromBase64String(part)).RootElement;
    }

    private static void ShouldBeRedirect(this HttpStatusCode status)
    {
        if (status is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
        {
            throw new InvalidOperationException($"Expected a redirect, got {(int)status}.");
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed record SignInResult(string? AccessToken, string LoginPage);

/// <summary>
/// Two fresh authorities A and B with the people of <see cref="People"/> (admin, caseworker, applicant each, plus one
/// person in both) on the assembly's shared host (<see cref="SharedHost"/>), with tokens minted for them
/// (<see cref="TokenFor"/>). A fixture with settings of its own (<see cref="ExtraSettings"/>) or that needs the real
/// sign-in (<see cref="OwnHost"/>) gets a host of its own, which reads these people from a users.yaml per authority.
/// </summary>
public class TwoTenantsFixture : IAsyncLifetime
{
    /// <summary>The people of each authority by the prefix of their user name (<c>cw-{key}</c>): roles and signing authorities.</summary>
    public static readonly IReadOnlyDictionary<string, (string[] Roles, string[] SigningAuthorities)> People = new Dictionary<string, (string[], string[])>(StringComparer.Ordinal)
    {
        ["admin"] = ([Saas.Platform.Identity.SaasRoles.TenantAdmin], []),
        ["cw"] = ([Saas.Platform.Identity.SaasRoles.Caseworker], ["AufenthG-18a"]),
        ["cw2"] = ([Saas.Platform.Identity.SaasRoles.Caseworker], []),
        ["app"] = ([Saas.Platform.Identity.SaasRoles.Applicant], []),
        ["both"] = ([Saas.Platform.Identity.SaasRoles.Caseworker], []),
    };

    public Saas.Platform.Tenancy.TenantInfo A { get; private set; } = null!;

    public Saas.Platform.Tenancy.TenantInfo B { get; private set; } = null!;

    public SaasAppFactory App { get; private set; } = null!;

    public string UsersFolder { get; } = Path.Combine(Path.GetTempPath(), "saas-users-" + Guid.NewGuid().ToString("N"));

    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    /// <summary>True when this fixture starts a host of its own: for settings of its own, or for the real sign-in of its people.</summary>
    protected virtual bool OwnHost => ExtraSettings.Count > 0;

    /// <summary>
    /// The access token of <paramref name="username"/> (e.g. <c>cw-{key}</c>, <c>admin-{key}</c>, <c>both-{A.Key}</c>)
    /// working in <paramref name="tenantKey"/>, minted with the host's signing key as if they had signed in.
    /// </summary>
    public string TokenFor(string tenantKey, string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        var (roles, signing) = People[username.Split('-')[0]];
        return TestTokens.Issue(App, tenantKey, username, roles, signing);
    }

    /// <summary>
    /// False where the authorities must live as long as the host: the real sign-in reads the people of
    /// <see cref="A"/> and <see cref="B"/> from users.yaml once, when the host starts.
    /// </summary>
    protected virtual bool FreshPerTest => true;

    private bool firstPairUnused = true;

    /// <summary>
    /// Gives the next test fresh authorities <see cref="A"/> and <see cref="B"/> (and whatever
    /// <see cref="PrepareAuthoritiesAsync"/> adds), so no test sees what another test of its class wrote. Test classes
    /// call it from <c>IAsyncLifetime.InitializeAsync</c>; the first test takes the pair the fixture made.
    /// </summary>
    public async Task FreshAuthoritiesAsync()
    {
        if (firstPairUnused || !FreshPerTest)
        {
            firstPairUnused = false;
            return;
        }

        var db = await TestDatabase.GetAsync();
        A = await TestTenants.CreateAsync(db);
        B = await TestTenants.CreateAsync(db);
        await PrepareAuthoritiesAsync();
    }

    /// <summary>What a fixture adds to every fresh pair of authorities (more authorities, published documents, samples).</summary>
    protected virtual Task PrepareAuthoritiesAsync() => Task.CompletedTask;

    public virtual async Task InitializeAsync()
    {
        var db = await TestDatabase.GetAsync();
        A = await TestTenants.CreateAsync(db);
        B = await TestTenants.CreateAsync(db);
        if (!OwnHost)
        {
            App = await SharedHost.GetAsync();
            await PrepareAuthoritiesAsync();
            return;
        }

        foreach (var tenant in new[] { A, B })
        {
            Directory.CreateDirectory(Path.Combine(UsersFolder, tenant.Key));
            await File.WriteAllTextAsync(Path.Combine(UsersFolder, tenant.Key, "users.yaml"), $"""
                users:
                  - {"{"} username: admin-{tenant.Key}, displayName: Admin {tenant.Key}, password: pw-admin, roles: [tenant-admin] {"}"}
                  - {"{"} username: cw-{tenant.Key}, displayName: Caseworker {tenant.Key}, password: pw-cw, roles: [caseworker], signingAuthorities: [AufenthG-18a] {"}"}
                  - {"{"} username: app-{tenant.Key}, displayName: Applicant {tenant.Key}, password: pw-app, roles: [applicant] {"}"}
                  - {"{"} username: both-{A.Key}, displayName: In both, password: pw-both, roles: [caseworker] {"}"}
                """ + "\n");
        }

        Directory.CreateDirectory(Path.Combine(UsersFolder, "_platform"));
        await File.WriteAllTextAsync(Path.Combine(UsersFolder, "_platform", "users.yaml"), """
            users:
              - { username: op, displayName: Operator, password: pw-op, roles: [platform-operator] }
            """);
        var settings = new Dictionary<string, string?> { ["Saas:TenantsPath"] = UsersFolder };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        App = CreateApp(db, settings);
        _ = App.Server;
        await PrepareAuthoritiesAsync();
    }

    /// <summary>The host for these authorities when <see cref="OwnHost"/>; a fixture may give it more (e.g. captured logs).</summary>
    protected virtual SaasAppFactory CreateApp(TestDatabase database, IDictionary<string, string?> settings) => new(database, settings);

    public virtual async Task DisposeAsync()
    {
        if (OwnHost)
        {
            await App.DisposeAsync();
        }

        try
        {
            if (Directory.Exists(UsersFolder))
            {
                Directory.Delete(UsersFolder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }
}
