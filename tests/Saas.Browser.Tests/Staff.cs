using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Saas.Testing;

namespace Saas.Browser.Tests;

/// <summary>
/// What the workbench's browser tests share to set the scene: a caseworker signed in through the real sign-in form,
/// the caseworker's own minted token for the API calls that prepare data (the API takes bearer tokens only), files
/// created through the API, and letters that make names unique per run.
/// </summary>
internal static class Staff
{
    public const string Rsk = "rhein-sieg-kreis";
    public const string Caseworker = "rsk.becker";
    public const string CaseworkerPassword = "demo-becker";

    public static string Url(BrowserFixture fixture, string tenant, string path) => new Uri(fixture.BaseAddress, $"/t/{tenant}/{path}").ToString();

    /// <summary>The cookies of each person's first sign-in in this run, by authority and user name.</summary>
    private static readonly ConcurrentDictionary<string, string> Sessions = new(StringComparer.Ordinal);

    /// <summary>
    /// A page of a new browser context, signed in as <paramref name="username"/>. The person's first sign-in of the
    /// run goes through the real form (<see cref="SignInThroughTheFormAsync"/>); later tests start with that
    /// session's cookies, as a caseworker's next tab would, and fall back to the form when the session has ended.
    /// The tests whose subject is the sign-in itself use the form every time.
    /// </summary>
    public static async Task<IPage> SignInAsync(BrowserFixture fixture, string tenant = Rsk, string username = Caseworker, string password = CaseworkerPassword)
    {
        var key = tenant + "/" + username;
        if (Sessions.TryGetValue(key, out var state))
        {
            var continued = await fixture.NewPageAsync("de-DE", state);
            await continued.GotoAsync(Url(fixture, tenant, "staff"));
            if (new Uri(continued.Url).AbsolutePath.TrimEnd('/').EndsWith($"/t/{tenant}/staff", StringComparison.Ordinal))
            {
                return continued;
            }

            await continued.Context.CloseAsync();
        }

        var page = await fixture.NewPageAsync("de-DE");
        await SignInThroughTheFormAsync(fixture, page, tenant, username, password);
        Sessions[key] = await page.Context.StorageStateAsync();
        return page;
    }

    /// <summary>The real sign-in: the staff page, the login form, the code flow's redirects, back on the staff page.</summary>
    public static async Task SignInThroughTheFormAsync(BrowserFixture fixture, IPage page, string tenant, string username, string password)
    {
        await page.GotoAsync(Url(fixture, tenant, "staff"));
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");

        // The sign-in is a chain of redirects (authorize, token, callback); wait for the staff page's address, allowing
        // for a busy CI machine.
        await UntilAtAsync(page, $"/t/{Regex.Escape(tenant)}/staff/?");
        await page.Locator("main h1").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 });
    }

    /// <summary>
    /// Waits until the page's address has the path <paramref name="pathPattern"/> (a regular expression, anchored;
    /// the query may follow). Not WaitForURLAsync: when the address already matches it waits for "load" whatever
    /// WaitUntil says (microsoft/playwright-dotnet#3365), and its check-then-subscribe can lose the navigation it waits
    /// for (#3364) — both timed out the sign-in on CI. The assertion is polled by the browser's side, with nothing to lose.
    /// </summary>
    public static Task UntilAtAsync(IPage page, string pathPattern, int timeout = 90_000) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex($"^https?://[^/]+{pathPattern}(\\?.*)?$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            new PageAssertionsToHaveURLOptions { Timeout = timeout });

    /// <summary>The caseworker's own token, minted as the provider issues it (the page's sign-in is the one under test).</summary>
    public static Dictionary<string, string> Bearer(BrowserFixture fixture, string tenant = Rsk, string username = Caseworker) =>
        new() { ["Authorization"] = "Bearer " + TestTokens.Issue(fixture.App, tenant, username, [Saas.Platform.Identity.SaasRoles.Caseworker]) };

    /// <summary>
    /// A file through the API. Set-up files say they confirm a probable duplicate: random names can sound alike, and
    /// the duplicate warning is tested where it is the subject (FileWorkTests).
    /// </summary>
    public static async Task<JsonElement> CreateFileAsync(BrowserFixture fixture, IPage page, string surname, string givenNames = "Test",
        string birthDate = "1985-06-01", bool confirmDuplicate = true, string tenant = Rsk, IDictionary<string, string>? bearer = null)
    {
        var response = await page.Context.APIRequest.PostAsync(Url(fixture, tenant, "api/cases/files"),
            new APIRequestContextOptions { Headers = bearer ?? Bearer(fixture, tenant), DataObject = new { surname, givenNames, birthDate, confirmDuplicate } });
        response.Status.ShouldBe(201, await response.TextAsync());
        return JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
    }

    /// <summary>Letters that make names unique per run (phonetics ignore digits).</summary>
    public static string Letters() => new(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).Select(c => (char)(c - 'a' + 'k')).ToArray());
}
