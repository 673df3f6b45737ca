using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Saas.Host.Tests.Identity;

/// <summary>
/// The real sign-in on hosts of their own that see a client address per request (the in-memory server has none):
/// the header <see cref="AddressHeader"/> becomes the connection's remote address, as Kestrel would report it. Two
/// hosts on one database, as two replicas behind a load balancer.
/// </summary>
public sealed partial class SignInHardeningFixture : TwoTenantsFixture
{
    public const string AddressHeader = "X-Test-Client-Address";

    private IDictionary<string, string?> hostSettings = new Dictionary<string, string?>();

    /// <summary>A second host on the same database and data-protection keys: another replica.</summary>
    public SaasAppFactory Replica { get; private set; } = null!;

    protected override bool OwnHost => true;

    /// <summary>
    /// The sign-in reads A's and B's people from users.yaml once, when the hosts start. The tests stay independent all
    /// the same: each locks only accounts, addresses, devices or an authority no other test of the class uses.
    /// </summary>
    protected override bool FreshPerTest => false;

    protected override SaasAppFactory CreateApp(TestDatabase database, IDictionary<string, string?> settings)
    {
        hostSettings = settings;
        return new AddressedApp(database, settings);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Replica = new AddressedApp(App.Database, hostSettings);
        _ = Replica.Server;
    }

    public override async Task DisposeAsync()
    {
        await Replica.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>A client of <paramref name="app"/> (default: the first host) that keeps cookies and follows no redirects.</summary>
    public HttpClient Client(string address, SaasAppFactory? app = null, string language = "de")
    {
        var client = (app ?? App).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    /// <summary>Opens the login page of an authority and posts the form (the antiforgery token from the page).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string tenantKey, string username, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = await AntiforgeryTokenAsync(client, $"/t/{tenantKey}/account/login");
        return await client.PostAsync($"/t/{tenantKey}/account/login", Form(username, password, token));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(url);
        return AntiforgeryToken().Match(page).Groups[1].Value;
    }

    public static FormUrlEncodedContent Form(string username, string password, string antiforgery) => new(new Dictionary<string, string>
    {
        ["Username"] = username,
        ["Password"] = password,
        ["Tenant"] = "",
        ["__RequestVerificationToken"] = antiforgery,
    });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private sealed class AddressedApp(TestDatabase db, IDictionary<string, string?> settings) : SaasAppFactory(db, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        }
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// Issue 10 item 4 (hardening, "Sign-in"): the built-in sign-in is throttled per account and per client address, the
/// device secrets per client; failed sign-ins reach the audit trail bounded and aggregated; a logout ends the session
/// on the server, so a copied cookie stops working on every replica. The default limits apply (5 per account, 20 per
/// address, 10 per client, 15 minutes).
/// </summary>
public sealed class SignInHardeningTests(SignInHardeningFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SignInHardeningFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Address() => "10." + RandomNumberGenerator.GetInt32(1, 255) + "." + RandomNumberGenerator.GetInt32(0, 255) + "." + RandomNumberGenerator.GetInt32(1, 255);

    [Fact]
    public async Task IssueTenItem4_FiveWrongPasswords_ThenTheRightOne_IsRefusedWithAClearMessage_FromEveryAddress()
    {
        var address = Address();
        using var client = fixture.Client(address);
        var username = "cw-" + fixture.A.Key;
        for (var i = 1; i <= 4; i++)
        {
            var wrong = await SignInHardeningFixture.PostLoginAsync(client, fixture.A.Key, username, "wrong-" + i);
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await wrong.Content.ReadAsStringAsync()).ShouldContain("Benutzername oder Passwort ist falsch");
        }

        var fifth = await SignInHardeningFixture.PostLoginAsync(client, fixture.A.Key, username, "wrong-5");
        fifth.StatusCode.ShouldBe((HttpStatusCode)429);

        // The right password now: refused, with the message, 429 and Retry-After; from another address too.
        var right = await SignInHardeningFixture.PostLoginAsync(client, fixture.A.Key, username, "pw-cw");
        right.StatusCode.ShouldBe((HttpStatusCode)429);
        right.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThan(0);
        right.Headers.Location.ShouldBeNull();
        (await right.Content.ReadAsStringAsync()).ShouldContain("Zu viele fehlgeschlagene Anmeldeversuche");

        using var elsewhere = fixture.Client(Address(), language: "en");
        var english = await SignInHardeningFixture.PostLoginAsync(elsewhere, fixture.A.Key, username, "pw-cw");
        english.StatusCode.ShouldBe((HttpStatusCode)429);
        (await english.Content.ReadAsStringAsync()).ShouldContain("Too many failed sign-in attempts");

        // The lockout is in the database: the other replica refuses the right password as well.
        using var replica = fixture.Client(Address(), fixture.Replica);
        (await SignInHardeningFixture.PostLoginAsync(replica, fixture.A.Key, username, "pw-cw")).StatusCode.ShouldBe((HttpStatusCode)429);

        // Another account from the same address is not locked (4 + 1 failures are below the address's limit).
        var other = await SignInHardeningFixture.PostLoginAsync(client, fixture.A.Key, "admin-" + fixture.A.Key, "pw-admin");
        other.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task IssueTenItem4_TheAddressLimit_CountsFailuresOnly_AndThenLocksEveryAccountFromThatAddress()
    {
        // Successful sign-ins are never counted: an office behind one address signs in all day (browser tests too).
        var office = Address();
        for (var i = 0; i < 30; i++)
        {
            using var colleague = fixture.Client(office);
            (await SignInHardeningFixture.PostLoginAsync(colleague, fixture.B.Key, "cw-" + fixture.B.Key, "pw-cw")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        // Twenty failures for twenty different names (so no account reaches its own limit) lock the address.
        var address = Address();
        using var client = fixture.Client(address);
        var token = await SignInHardeningFixture.AntiforgeryTokenAsync(client, $"/t/{fixture.B.Key}/account/login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            var response = await client.PostAsync($"/t/{fixture.B.Key}/account/login", SignInHardeningFixture.Form("nobody-" + i, "guess", token));
            statuses.Add(response.StatusCode);
        }

        statuses.Take(19).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses[19].ShouldBe((HttpStatusCode)429);
        var locked = await SignInHardeningFixture.PostLoginAsync(client, fixture.B.Key, "admin-" + fixture.B.Key, "pw-admin");
        locked.StatusCode.ShouldBe((HttpStatusCode)429);
        (await locked.Content.ReadAsStringAsync()).ShouldContain("Zu viele fehlgeschlagene Anmeldeversuche");

        // The same person from another address signs in: the address was locked, not the account.
        using var home = fixture.Client(Address());
        (await SignInHardeningFixture.PostLoginAsync(home, fixture.B.Key, "admin-" + fixture.B.Key, "pw-admin")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task IssueTenItem4_GuessingADeviceSecret_IsThrottled_With429ProblemAndRetryAfter()
    {
        var device = "device-" + fixture.A.Key;
        using var client = fixture.Client(Address());
        for (var i = 0; i < 10; i++)
        {
            var wrong = await DeviceToken(client, device, "guess-" + i);
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, await wrong.Content.ReadAsStringAsync());
            (await wrong.Content.ReadAsStringAsync()).ShouldContain("invalid_client");
        }

        // The right secret after ten wrong ones: refused before it is checked, from any address and replica.
        foreach (var other in new[] { client, fixture.Client(Address()), fixture.Client(Address(), fixture.Replica) })
        {
            var refused = await DeviceToken(other, device, "device-" + fixture.A.Key + "-demo");
            var body = await refused.Content.ReadAsStringAsync();
            refused.StatusCode.ShouldBe((HttpStatusCode)429, body);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThan(0);
            var problem = JsonDocument.Parse(body).RootElement;
            problem.GetProperty("status").GetInt32().ShouldBe(429);
            problem.GetProperty("code").GetString().ShouldBe("sign-in-throttled");
            problem.GetProperty("title").GetString()!.ShouldContain("Zu viele fehlgeschlagene Anmeldeversuche");
            body.ShouldNotContain("access_token");
        }

        // Another authority's device is not affected.
        using var b = fixture.Client(Address());
        var fine = await DeviceToken(b, "device-" + fixture.B.Key, "device-" + fixture.B.Key + "-demo");
        fine.StatusCode.ShouldBe(HttpStatusCode.OK, await fine.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task IssueTenItem4_FailedSignInAudit_IsBoundedAndAggregated_For1MBOfNamesAnd500Attempts()
    {
        var tenant = await TestTenants.CreateAsync(fixture.App.Database);
        var address = Address();
        using var client = fixture.Client(address);
        var token = await SignInHardeningFixture.AntiforgeryTokenAsync(client, $"/t/{tenant.Key}/account/login");
        var login = $"/t/{tenant.Key}/account/login";

        // One name of 1 MB, then 500 attempts with names of 2 KB each (another megabyte), all from one address.
        (await client.PostAsync(login, SignInHardeningFixture.Form(new string('x', 1024 * 1024), "guess", token))).StatusCode.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 500; i++)
        {
            var name = i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + new string('y', 2044);
            var response = await client.PostAsync(login, SignInHardeningFixture.Form(name, "guess", token));
            response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, (HttpStatusCode)429);
        }

        // And one name (4 KB) from 100 addresses, as a botnet would: its account locks after five.
        var target = new string('z', 4096);
        for (var i = 0; i < 100; i++)
        {
            using var bot = fixture.Client(Address());
            var botToken = await SignInHardeningFixture.AntiforgeryTokenAsync(bot, login);
            (await bot.PostAsync(login, SignInHardeningFixture.Form(target, "guess", botToken))).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, (HttpStatusCode)429);
        }

        var (fromAddress, throttled, longest, largestRow) = await AuditOf(tenant.Id, address);
        // First failure from the address, one per new name until the address locks (20 in all), one lockout record.
        fromAddress.ShouldBeLessThanOrEqualTo(21);
        fromAddress.ShouldBeGreaterThan(0);
        throttled.ShouldBeGreaterThan(0);
        var (all, allThrottled, allLongest, allLargest) = await AuditOf(tenant.Id, null);
        output.WriteLine($"audit records: {fromAddress} from the flooding address ({throttled} lockouts), {all - fromAddress} from the 100 addresses; longest name {Math.Max(longest, allLongest)}, largest row {Math.Max(largestRow, allLargest)} characters");
        // The botnet's 100 attempts add at most one record per address until the account locks, plus the lockout.
        (all - fromAddress).ShouldBeLessThanOrEqualTo(6);
        allThrottled.ShouldBeGreaterThanOrEqualTo(2);
        Math.Max(longest, allLongest).ShouldBeLessThanOrEqualTo(64 + 18);
        Math.Max(largestRow, allLargest).ShouldBeLessThan(400);

        // A cut name keeps the start of its hash, so the same name is recognisable in the trail.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target)))[..16];
        (await RecordIds(tenant.Id)).ShouldContain(id => id.EndsWith("#" + hash, StringComparison.Ordinal));
    }

    [Fact]
    public async Task IssueTenItem4_ASessionKeptAliveByUse_EndsAtItsMaximumLifetime()
    {
        var key = fixture.A.Key;
        var browser = new Browser(fixture.App, Address());
        (await browser.PostLoginAsync($"/t/{key}/account/login", "admin-" + key, "pw-admin")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync($"/t/{key}/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The session was signed in 12 hours and a minute ago and used all along (its idle expiry still ahead).
        await using (var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var age = new NpgsqlCommand("""
                UPDATE identity.sessions SET created_at = now() - interval '12 hours 1 minute', last_seen_at = now() - interval '2 minutes',
                    expires_at = now() + interval '7 hours' WHERE subject = $1 AND revoked_at IS NULL
                """, connection);
            age.Parameters.Add(new NpgsqlParameter { Value = "admin-" + key });
            (await age.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
        }

        var refused = await browser.GetAsync($"/t/{key}/staff");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task IssueTenItem4_ACopiedCookie_StopsWorkingAfterLogout_OnEveryReplica()
    {
        var key = fixture.A.Key;
        var browser = new Browser(fixture.App, Address());
        (await browser.PostLoginAsync($"/t/{key}/account/login", "admin-" + key, "pw-admin")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync($"/t/{key}/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Someone copies the session cookie: it works for them on both replicas while the session lasts.
        var copied = browser.SessionCookie();
        copied.ShouldStartWith("saas.session." + key + "=");
        foreach (var app in new[] { fixture.App, fixture.Replica })
        {
            (await new Browser(app, Address(), copied).GetAsync($"/t/{key}/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // The person signs out (the layout's form) on the first replica.
        var antiforgery = Browser.Antiforgery(await (await browser.GetAsync($"/t/{key}/staff")).Content.ReadAsStringAsync());
        var logout = await browser.PostAsync($"/t/{key}/account/logout", new() { ["__RequestVerificationToken"] = antiforgery });
        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The copied cookie now leads to the login page, on this replica and on the other one.
        foreach (var app in new[] { fixture.App, fixture.Replica })
        {
            var refused = await new Browser(app, Address(), copied).GetAsync($"/t/{key}/staff");
            refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            refused.Headers.Location!.ToString().ShouldContain("/account/login");
        }
    }

    [Fact]
    public async Task IssueTenItem4_LogoutOfTheProvidersSession_RevokesItsAuthorizations_CodesAndAccessTokens()
    {
        var key = fixture.B.Key;
        var browser = new Browser(fixture.App, Address());
        (await browser.PostLoginAsync("/account/login", "cw-" + key, "pw-cw", key)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Two codes issued from this session: one redeemed for an access token now, one kept for later.
        var (code, verifier) = await CodeAsync(browser, key);
        var (first, firstVerifier) = await CodeAsync(browser, key);
        var token = JsonDocument.Parse(await (await Redeem(browser, first, firstVerifier)).Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        // A staff endpoint: signed in and allowed, the look-up runs (this fresh authority has no surname ranges: 404).
        var responsible = $"/t/{key}/api/organization/responsible?unit=30.20&surname=Yilmaz";
        (await Api(responsible, token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var copied = browser.SessionCookie();

        // The provider's end-session endpoint signs the session out on the other replica.
        var logout = await new Browser(fixture.Replica, Address(), copied).GetAsync("/connect/logout");
        logout.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Found, HttpStatusCode.OK);

        // The session no longer signs anybody in silently, and its code no longer buys a token.
        var silent = await new Browser(fixture.App, Address(), copied).GetAsync(AuthorizeUrl(key, "none", "prompt-none") + "&prompt=none");
        silent.Headers.Location!.Query.ShouldContain("error=login_required");
        var body = await (await Redeem(browser, code, verifier)).Content.ReadAsStringAsync();
        body.ShouldNotContain("access_token");
        body.ShouldContain("invalid_grant");

        // The access token issued before the logout is refused by the API from now on (its authorization is revoked).
        var refused = await Api(responsible, token);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private static string AuthorizeUrl(string key, string challenge, string state) => QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
    {
        ["client_id"] = TestSignIn.Client, ["response_type"] = "code", ["redirect_uri"] = TestSignIn.RedirectUri, ["scope"] = "openid saas-api",
        ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["state"] = state, ["tenant"] = key,
    });

    private static async Task<(string Code, string Verifier)> CodeAsync(Browser browser, string key)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var authorize = await browser.GetAsync(AuthorizeUrl(key, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), "s"));
        authorize.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var code = QueryHelpers.ParseQuery(authorize.Headers.Location!.Query)["code"].ToString();
        code.ShouldNotBeNullOrEmpty();
        return (code, verifier);
    }

    private static Task<HttpResponseMessage> Redeem(Browser browser, string code, string verifier) => browser.PostAsync("/connect/token", new()
    {
        ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = TestSignIn.RedirectUri,
        ["client_id"] = TestSignIn.Client, ["code_verifier"] = verifier,
    });

    private async Task<HttpResponseMessage> Api(string url, string token)
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<HttpResponseMessage> DeviceToken(HttpClient client, string clientId, string secret) =>
        await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "saas-api",
        }));

    private async Task<(long Count, long Throttled, int LongestName, int LargestRow)> AuditOf(Guid tenantId, string? address)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*), count(*) FILTER (WHERE action = 'signin.throttled'), coalesce(max(length(record_id)), 0)::int,
                   coalesce(max(length(actor) + length(coalesce(record_id, '')) + length(coalesce(details, ''))), 0)::int
            FROM audit.events WHERE tenant_id = $1 AND action LIKE 'signin%' AND ($2::text IS NULL OR client_ip = $2)
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)address ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt32(3));
    }

    private async Task<List<string>> RecordIds(Guid tenantId)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT record_id FROM audit.events WHERE tenant_id = $1 AND action LIKE 'signin%'", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        var result = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }
}

/// <summary>A browser against the in-memory host with a cookie jar the test can read (to copy the session cookie).</summary>
internal sealed class Browser
{
    private static readonly Uri Origin = new("http://localhost/");
    private readonly CookieContainer jar = new();
    private readonly SaasAppFactory app;
    private readonly string address;

    public Browser(SaasAppFactory app, string address, string? cookie = null)
    {
        this.app = app;
        this.address = address;
        if (cookie is not null)
        {
            jar.SetCookies(Origin, cookie);
        }
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public Task<HttpResponseMessage> PostAsync(string url, Dictionary<string, string> form) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) });

    public async Task<HttpResponseMessage> PostLoginAsync(string url, string username, string password, string tenant = "")
    {
        var token = Antiforgery(await (await GetAsync(url)).Content.ReadAsStringAsync());
        return await PostAsync(url, new() { ["Username"] = username, ["Password"] = password, ["Tenant"] = tenant, ["__RequestVerificationToken"] = token });
    }

    /// <summary>The session cookie as a thief would copy it (name=value).</summary>
    public string SessionCookie() => jar.GetAllCookies().Where(c => c.Name.StartsWith("saas.session", StringComparison.Ordinal)).Select(c => c.Name + "=" + c.Value).Single();

    public static string Antiforgery(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        request.Headers.Add(SignInHardeningFixture.AddressHeader, address);
        var target = new Uri(Origin, request.RequestUri!);
        var cookies = jar.GetCookieHeader(target);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var header in set)
            {
                jar.SetCookies(target, header);
            }
        }

        return response;
    }
}
