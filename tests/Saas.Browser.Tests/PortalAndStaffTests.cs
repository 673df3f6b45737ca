namespace Saas.Browser.Tests;

/// <summary>An applicant's and a caseworker's first steps, in a real browser, checked with axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalAndStaffTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AachensPortal_ShowsItsThreeLocationsWithOpeningHours_AndIsAccessible()
    {
        var page = await fixture.NewPageAsync("de-DE");
        (await page.GotoAsync(new Uri(fixture.BaseAddress, "/t/aachen/").ToString()))!.Status.ShouldBe(200);
        (await page.InnerTextAsync("h1")).ShouldBe("Städteregion Aachen");
        var text = await page.InnerTextAsync("main");
        text.ShouldContain("Hackländerstraße");
        text.ShouldContain("RWTH");
        text.ShouldContain("Aachen Arkaden");
        text.ShouldContain("Öffnungszeiten");
        await Accessibility.ScreenshotAsync(page, "portal-aachen");
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheFootersLegalPages_AndAnUnknownPage_AreAccessibleInTheAuthoritysFrame()
    {
        var page = await fixture.NewPageAsync("de-DE");
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/t/wiesbaden/").ToString());
        (await page.Locator("header a[href$='/staff']").CountAsync()).ShouldBe(0, "no staff link for applicants");
        await page.ClickAsync("footer >> text=Erklärung zur Barrierefreiheit");
        (await page.InnerTextAsync("h1")).ShouldBe("Erklärung zur Barrierefreiheit");
        (await page.InnerTextAsync("main")).ShouldContain("Hessische Verordnung über barrierefreie Informationstechnik");
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();

        var missing = await page.GotoAsync(new Uri(fixture.BaseAddress, "/t/wiesbaden/gibt-es-nicht").ToString());
        missing!.Status.ShouldBe(404);
        (await page.InnerTextAsync("header")).ShouldContain("Landeshauptstadt Wiesbaden");
        (await page.GetAttributeAsync("main a.kern-link", "href")).ShouldBe("/t/wiesbaden/");
        await Accessibility.ScreenshotAsync(page, "not-found-wiesbaden");
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task LanguageSwitch_TurnsThePortalIntoEnglish_AndRemembersIt()
    {
        var page = await fixture.NewPageAsync("de-DE");
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/t/nuernberg/").ToString());
        await page.ClickAsync("text=English");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("en");
        (await page.InnerTextAsync("main")).ShouldContain("Locations and opening hours");
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/t/nuernberg/").ToString());
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("en");
    }

    /// <summary>
    /// The admin studio (which replaced the organisation admin page): reached through the shell's link, a document opened
    /// from the list is saved as a draft in the YAML view, and its history names the signed-in person; the draft is discarded.
    /// </summary>
    [Fact]
    public async Task ATenantAdmin_SignsIn_SeesTheStaffArea_AndTheAccessibleAdminPage()
    {
        var page = await fixture.NewPageAsync("de-DE");
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/t/rhein-sieg-kreis/staff").ToString());
        page.Url.ShouldContain("/t/rhein-sieg-kreis/account/login");
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
        await page.FillAsync("#username", "rsk.admin");
        await page.FillAsync("#password", "demo-rsk");
        await page.ClickAsync("button[type=submit]");
        (await page.InnerTextAsync("main")).ShouldContain("Rainer Admin");

        await page.ClickAsync("nav >> text=Verwaltung: Konfiguration (Studio)");
        page.Url.ShouldEndWith("/t/rhein-sieg-kreis/admin/studio");
        (await page.InnerTextAsync("main")).ShouldContain("30-24");
        await Accessibility.ScreenshotAsync(page, "admin-rhein-sieg-kreis");
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();

        await page.ClickAsync("table >> a:text-is('30-24')");
        page.Url.ShouldEndWith("/admin/studio/unit/30-24");
        await page.ClickAsync("text=YAML (für Fachleute)");
        var yaml = await page.InputValueAsync("#yaml");
        yaml.ShouldContain("code: \"30.24\"");
        var marker = "# geprüft " + Guid.NewGuid().ToString("N")[..8];
        await page.FillAsync("#yaml", yaml.TrimEnd() + "\n" + marker + "\n");
        await page.ClickAsync("form >> button:has-text('Entwurf speichern')");

        (await page.InnerTextAsync("[role=status]")).ShouldContain("gespeichert");
        page.Url.ShouldContain("/admin/studio/unit/30-24?view=yaml");
        (await page.InputValueAsync("#yaml")).ShouldContain(marker);                 // the draft is what the editor shows now
        await page.ClickAsync("nav >> text=Verlauf");
        var history = await page.InnerTextAsync("#history");
        history.ShouldContain("Entwurf");
        history.ShouldContain("Rainer Admin");                                        // the signed-in person is the author, by name
        await Accessibility.ScreenshotAsync(page, "admin-rhein-sieg-kreis-saved");
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
        await page.ClickAsync("nav >> text=Bearbeiten");
        await page.ClickAsync("button:has-text('Entwurf verwerfen')");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("verworfen");
    }

    [Fact]
    public async Task AWrongPassword_IsAnnouncedClearly()
    {
        var page = await fixture.NewPageAsync("de-DE");
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/t/wiesbaden/account/login").ToString());
        await page.FillAsync("#username", "wi.admin");
        await page.FillAsync("#password", "falsch");
        await page.ClickAsync("button[type=submit]");
        (await page.InnerTextAsync("[role=alert]")).ShouldContain("Benutzername oder Passwort ist falsch");
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
    }
}
