namespace Saas.Browser.Tests;

/// <summary>
/// The admin studio in a real browser, signed in as the demo admins of tenants/: opening hours edited in the weekly
/// grid and seen in the preview as the portal would show them; an invalid draft saved with its error at the field; the
/// draft against the published version field by field; an old version restored; a configuration exported from one
/// authority and imported into another. Every page is checked with axe (0 serious or critical) and for CSP violations.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioTests(BrowserFixture fixture)
{
    private const string Wiesbaden = "wiesbaden";
    private const string Nuernberg = "nuernberg";

    [Fact]
    public async Task OpeningHours_AreEditedInTheWeeklyGrid_AndThePreviewShowsThemAsThePortalWould()
    {
        var page = await Staff.SignInAsync(fixture, Wiesbaden, "wi.admin", "demo-wiesbaden");
        await page.GotoAsync(Staff.Url(fixture, Wiesbaden, "admin/studio"));
        await AccessibleAsync(page, "studio-index");
        await page.ClickAsync("table >> a:text-is('alcide-de-gasperi-strasse')");
        await AccessibleAsync(page, "studio-location-form");

        await page.ClickAsync("button:has-text('Sonntag: Zeitraum hinzufügen')");
        await page.FillAsync("#f-spec-openingHours-sunday-0--from", "10:00");
        await page.FillAsync("#f-spec-openingHours-sunday-0--to", "12:30");
        await page.ClickAsync("form >> .saas-actions >> button:has-text('Entwurf speichern')");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("gespeichert");
        (await page.InputValueAsync("#f-spec-openingHours-sunday-0--to")).ShouldBe("12:30");

        await page.ClickAsync("nav >> text=Vorschau");
        var preview = await page.InnerTextAsync("main");
        preview.ShouldContain("Sonntag");
        preview.ShouldContain("10:00–12:30");
        await AccessibleAsync(page, "studio-location-preview");
        // The portal still shows what is published.
        var portal = await fixture.NewPageAsync("de-DE");
        await portal.GotoAsync(Staff.Url(fixture, Wiesbaden, ""));
        (await portal.InnerTextAsync("main")).ShouldNotContain("10:00–12:30");
        await portal.Context.CloseAsync();

        await page.ClickAsync("nav >> text=Bearbeiten");
        await page.ClickAsync("button:has-text('Entwurf verwerfen')");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("verworfen");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnInvalidDraft_ShowsItsErrorAtTheField_TheDiffComparesFieldByField_AndAnOldVersionIsRestored()
    {
        var page = await Staff.SignInAsync(fixture, Nuernberg, "nbg.admin", "demo-nuernberg");
        var key = "studio-" + Staff.Letters().ToLowerInvariant();
        await page.GotoAsync(Staff.Url(fixture, Nuernberg, "admin/studio/unit"));
        await page.FillAsync("#new-key", key);
        await page.FillAsync("#f-spec-code", "77.10");
        await page.FillAsync("#f-spec-name", "Alpha");
        await AccessibleAsync(page, "studio-new-unit");
        await page.ClickAsync("form >> .saas-actions >> button:has-text('Entwurf speichern')");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("gespeichert");
        await page.ClickAsync("button:has-text('Diesen Entwurf veröffentlichen')");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("veröffentlicht");

        // An invalid code is saved with its error, shown at the field.
        await page.FillAsync("#f-spec-code", "77/10!");
        await page.FillAsync("#f-spec-name", "Beta");
        await page.ClickAsync("form >> .saas-actions >> button:has-text('Entwurf speichern')");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("mit 1 Fehler");
        (await page.InnerTextAsync("#f-spec-code-error")).ShouldNotBeNullOrWhiteSpace();
        (await page.GetAttributeAsync("#f-spec-code", "aria-invalid")).ShouldBe("true");
        (await page.IsDisabledAsync("button:has-text('Diesen Entwurf veröffentlichen')")).ShouldBeTrue();
        await AccessibleAsync(page, "studio-invalid-draft");

        await page.ClickAsync("nav >> text=Vergleich");
        var diff = await page.InnerTextAsync("table");
        diff.ShouldContain("Alpha");
        diff.ShouldContain("Beta");
        diff.ShouldContain("geändert");
        await AccessibleAsync(page, "studio-diff");

        await page.ClickAsync("nav >> text=Verlauf");
        (await page.InnerTextAsync("#history")).ShouldContain("Norbert Admin");
        await AccessibleAsync(page, "studio-history");
        await page.ClickAsync("button:has-text('Version 1 als neuen Entwurf wiederherstellen')");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("ist jetzt der Entwurf");
        (await page.InputValueAsync("#f-spec-name")).ShouldBe("Alpha");
        (await page.InputValueAsync("#f-spec-code")).ShouldBe("77.10");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AConfiguration_ExportedFromOneAuthority_IsImportedIntoAnother()
    {
        var wiesbaden = await Staff.SignInAsync(fixture, Wiesbaden, "wi.admin", "demo-wiesbaden");
        await wiesbaden.GotoAsync(Staff.Url(fixture, Wiesbaden, "admin/studio/exchange"));
        await AccessibleAsync(wiesbaden, "studio-exchange");
        var download = await wiesbaden.RunAndWaitForDownloadAsync(() => wiesbaden.ClickAsync("#export"));
        var zip = Path.Combine(Path.GetTempPath(), "studio-" + Guid.NewGuid().ToString("N") + ".zip");
        await download.SaveAsAsync(zip);
        await wiesbaden.Context.CloseAsync();

        var nuernberg = await Staff.SignInAsync(fixture, Nuernberg, "nbg.admin", "demo-nuernberg");
        await nuernberg.GotoAsync(Staff.Url(fixture, Nuernberg, "admin/studio/exchange"));
        await nuernberg.SetInputFilesAsync("#archive", zip);
        await nuernberg.ClickAsync("form >> button:has-text('Importieren')");
        (await nuernberg.InnerTextAsync("[role=status]")).ShouldContain("als Entwürfe importiert");
        (await nuernberg.InnerTextAsync("main")).ShouldContain("alcide-de-gasperi-strasse");
        await AccessibleAsync(nuernberg, "studio-imported");
        File.Delete(zip);
        await nuernberg.Context.CloseAsync();
    }

    private static async Task AccessibleAsync(IPage page, string name)
    {
        await Accessibility.ScreenshotAsync(page, name);
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
        ContentPolicy.Violations(page).ShouldBeEmpty();
    }
}
