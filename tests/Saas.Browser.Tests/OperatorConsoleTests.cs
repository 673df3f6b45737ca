namespace Saas.Browser.Tests;

/// <summary>
/// The platform operator in a real browser (issue 11, item 6): signs in outside every authority, creates an
/// authority from the template — first with a mistake, shown under its field with everything typed kept — and
/// switches one of its modules off; axe finds nothing on any state of the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatorConsoleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TheOperator_CreatesAnAuthorityFromTheTemplate_AfterFixingAMistake_AndSwitchesAModuleOff()
    {
        var page = await fixture.NewPageAsync("de-DE");
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/operator").ToString());
        await page.FillAsync("#username", "operator");
        await page.FillAsync("#password", "demo-operator");
        await page.ClickAsync("main button[type=submit]");
        await Staff.UntilAtAsync(page, "/operator");
        (await page.InnerTextAsync("h1")).ShouldBe("Plattformbetrieb");
        (await page.InnerTextAsync("main")).ShouldContain("Städteregion Aachen");
        await Accessibility.AssertAccessibleAsync(page, "operator-index");

        var key = "neu-" + Staff.Letters();
        await page.FillAsync("#new-key", key);
        await page.FillAsync("#new-name", "Landkreis Neustadt");
        await page.FillAsync("#new-official-key", "0641200");
        await page.SelectOptionAsync("#new-federal-state", "HE");
        await page.FillAsync("#new-hosts", key + ".example.de");
        await page.ClickAsync("#new-source-template");
        await page.ClickAsync("form[aria-labelledby=create] button[type=submit]");
        (await page.InnerTextAsync("[role=alert]")).ShouldContain("Die Angaben zur Behörde sind nicht vollständig oder nicht gültig.");
        (await page.InnerTextAsync("#new-official-key-error")).ShouldBe("Der Amtliche Gemeindeschlüssel hat genau 8 Ziffern.");
        (await page.InputValueAsync("#new-name")).ShouldBe("Landkreis Neustadt");
        (await page.GetAttributeAsync("#new-official-key", "aria-invalid")).ShouldBe("true");
        await Accessibility.AssertAccessibleAsync(page, "operator-create-refused");

        await page.FillAsync("#new-official-key", "06412000");
        await page.ClickAsync("form[aria-labelledby=create] button[type=submit]");
        (await page.InnerTextAsync("[role=status]")).ShouldBe($"Landkreis Neustadt ({key}) ist angelegt.");
        (await page.InnerTextAsync($"#authority-{key}")).ShouldContain("Landkreis Neustadt");
        await Accessibility.AssertAccessibleAsync(page, "operator-created");

        await page.UncheckAsync($"#module-{key}-cases");
        await page.ClickAsync($"#authority-{key} button[type=submit]");
        (await page.InnerTextAsync("[role=status]")).ShouldBe("Hosts und Module von Landkreis Neustadt sind gespeichert.");
        (await page.IsCheckedAsync($"#module-{key}-cases")).ShouldBeFalse();
        (await page.IsCheckedAsync($"#module-{key}-organization")).ShouldBeTrue();

        // The new authority's portal answers under its key.
        var portal = await page.GotoAsync(new Uri(fixture.BaseAddress, $"/t/{key}/").ToString());
        portal!.Status.ShouldBe(200);
        (await page.InnerTextAsync("body")).ShouldContain("Landkreis Neustadt");
    }
}
