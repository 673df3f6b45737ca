using Microsoft.Playwright;

namespace Saas.Browser.Tests;

/// <summary>The caseworkers' e-Akte workbench in a real browser: signed in as demo caseworkers, checked with axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkbenchTests(BrowserFixture fixture)
{
    private const string Rsk = "rhein-sieg-kreis";

    [Fact]
    public async Task TheWorkbenchStartPage_ShowsMyWork()
    {
        var page = await SignInAsync(Rsk, "rsk.becker", "demo-becker");
        (await page.GotoAsync(Url(Rsk, "workbench")))!.Status.ShouldBe(200);
        (await page.InnerTextAsync("h1")).ShouldBe("Meine Arbeit");
        await AccessibleAsync(page, "workbench-index");
    }

    private string Url(string tenant, string path) => new Uri(fixture.BaseAddress, $"/t/{tenant}/{path}").ToString();

    private async Task<IPage> SignInAsync(string tenant, string username, string password)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "de-DE" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url(tenant, "staff"));
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains($"/t/{tenant}/staff", StringComparison.Ordinal));
        return page;
    }

    /// <summary>No serious or critical axe violation; a screenshot for people to look at.</summary>
    private static async Task AccessibleAsync(IPage page, string name)
    {
        await Accessibility.ScreenshotAsync(page, name);
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
    }
}
