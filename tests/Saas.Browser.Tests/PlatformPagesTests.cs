namespace Saas.Browser.Tests;

/// <summary>Pages as a person sees them in a real browser: they render, speak German first, and pass axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlatformPagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task StartPage_RendersInGermanAndHasNoAccessibilityViolations()
    {
        var page = await fixture.NewPageAsync("de-DE");
        var response = await page.GotoAsync(new Uri(fixture.BaseAddress, "/").ToString());
        response!.Status.ShouldBe(200);
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("de");
        await Accessibility.ScreenshotAsync(page, "start");
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task UnknownPage_ShowsAFriendlyMessageWithoutInternals()
    {
        var page = await fixture.NewPageAsync("de-DE");
        var response = await page.GotoAsync(new Uri(fixture.BaseAddress, "/gibt-es-nicht").ToString());
        response!.Status.ShouldBe(404);
        var text = await page.InnerTextAsync("body");
        text.ShouldContain("Diese Seite gibt es hier nicht");
        text.ShouldNotContain("Exception");
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task UnknownPage_ForAnEnglishBrowser_IsInEnglish()
    {
        var page = await fixture.NewPageAsync("en-GB");
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/gibt-es-nicht").ToString());
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("en");
        (await page.InnerTextAsync("body")).ShouldContain("This page does not exist here");
    }
}
