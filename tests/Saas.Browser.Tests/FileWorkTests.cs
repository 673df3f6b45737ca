using System.Text.Json;

namespace Saas.Browser.Tests;

/// <summary>
/// The caseworker's work on files after filing, in a real browser (issue 9): the duplicate warning and "create
/// anyway", merging two files of one person with its confirmation and the merged file's page, and correcting person
/// data with a nationality from the code list. Every page state is checked with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FileWorkTests(BrowserFixture fixture)
{
    private const string Rsk = "rhein-sieg-kreis";

    [Fact]
    public async Task ANewFileForAPersonWhoProbablyHasOne_WarnsWithALinkToIt_AndIsCreatedOnlyWhenConfirmed()
    {
        var page = await SignInAsync();
        var surname = "Mohammed" + Letters();
        var existing = await CreateFileAsync(page, surname, "Ali", "1990-02-03", confirm: false);

        await page.GotoAsync(Url("workbench/files/new"));
        await page.FillAsync("#surname", surname);
        await page.FillAsync("#givenNames", "Ali");
        await page.FillAsync("#birthDate", "1990-02-03");
        await page.ClickAsync("main form button[type=submit]");
        var warning = await page.InnerTextAsync("#duplicates");
        warning.ShouldContain("Diese Person hat wahrscheinlich schon eine Akte");
        warning.ShouldContain(existing.GetProperty("fileNumber").GetString()!);
        (await page.GetAttributeAsync("#duplicates a", "href")).ShouldBe($"/t/{Rsk}/workbench/files/{existing.GetProperty("id").GetString()}");
        (await page.InputValueAsync("#surname")).ShouldBe(surname);
        await AccessibleAsync(page, "files-duplicate-warning");

        await page.CheckAsync("#confirmDuplicate");
        await page.ClickAsync("#create-anyway");
        page.Url.ShouldMatch(".*/workbench/files/[0-9a-f-]{36}$");
        page.Url.ShouldNotContain(existing.GetProperty("id").GetString()!);
        (await page.InnerTextAsync("h1")).ShouldContain(surname);
        await AccessibleAsync(page, "files-created-anyway");
    }

    [Fact]
    public async Task TwoFilesOfOnePerson_AreMergedAfterConfirmation_AndTheMergedFileSaysWhereItWent()
    {
        var page = await SignInAsync();
        var surname = "Petrenko" + Letters();
        var target = await CreateFileAsync(page, surname, "Olena", "1992-11-02", confirm: false);
        var source = await CreateFileAsync(page, surname, "Olena", "1992-11-02", confirm: true);
        var targetNumber = target.GetProperty("fileNumber").GetString()!;

        await page.GotoAsync(Url($"workbench/files/{source.GetProperty("id").GetString()}"));
        await page.ClickAsync("#merge-file");
        (await page.InnerTextAsync("h1")).ShouldContain("zusammenführen");
        await AccessibleAsync(page, "files-merge-choose");

        await page.ClickAsync($"text=Akte {targetNumber} wählen");
        (await page.InnerTextAsync("#confirm-heading")).ShouldBe("Zusammenführen bestätigen");
        await AccessibleAsync(page, "files-merge-confirm");
        await page.ClickAsync("#merge-confirm");
        page.Url.ShouldEndWith($"/workbench/files/{target.GetProperty("id").GetString()}");
        (await page.InnerTextAsync("main")).ShouldContain("Zusammengeführt aus:");
        await AccessibleAsync(page, "files-merge-target");

        await page.GotoAsync(Url($"workbench/files/{source.GetProperty("id").GetString()}"));
        (await page.InnerTextAsync("#merged-into")).ShouldContain(targetNumber);
        (await page.Locator("#upload").CountAsync()).ShouldBe(0);
        (await page.Locator("#merge-file").CountAsync()).ShouldBe(0);
        await AccessibleAsync(page, "files-merged-source");
    }

    [Fact]
    public async Task PersonData_IsCorrected_WithANationalityFromTheList_AndAWrongAzrNumberIsShownAtItsField()
    {
        var page = await SignInAsync();
        var surname = "Bakr" + Letters();
        var file = await CreateFileAsync(page, surname, "Omar", "1987-07-17", confirm: false);
        await page.GotoAsync(Url($"workbench/files/{file.GetProperty("id").GetString()}"));
        await page.ClickAsync("#edit-person");
        await AccessibleAsync(page, "files-person");

        await page.SelectOptionAsync("#nationality-0", "SYR");
        await page.FillAsync("#centralRegisterNumber", "12AB");
        await page.ClickAsync("main form button[type=submit]");
        (await page.InnerTextAsync("#azr-error")).ShouldContain("12 Ziffern");
        (await page.InputValueAsync("#nationality-0")).ShouldBe("SYR");
        await AccessibleAsync(page, "files-person-azr-error");

        await page.FillAsync("#centralRegisterNumber", "123456789012");
        await page.FillAsync("#givenNames", "Omar Khaled");
        await page.ClickAsync("main form button[type=submit]");
        page.Url.ShouldEndWith($"/workbench/files/{file.GetProperty("id").GetString()}");
        var person = await page.InnerTextAsync("section[aria-labelledby=person-heading]");
        person.ShouldContain("syrisch (SYR)");
        person.ShouldContain("123456789012");
        person.ShouldContain("Omar Khaled");
        await AccessibleAsync(page, "files-person-saved");
    }

    private Task<IPage> SignInAsync() => Staff.SignInAsync(fixture);

    private Task<JsonElement> CreateFileAsync(IPage page, string surname, string givenNames, string birthDate, bool confirm) =>
        Staff.CreateFileAsync(fixture, page, surname, givenNames, birthDate, confirm);

    private string Url(string path) => new Uri(fixture.BaseAddress, $"/t/{Rsk}/{path}").ToString();

    private static string Letters() => Staff.Letters();

    /// <summary>No axe violation (WCAG 2.1 A and AA); a screenshot for people to look at.</summary>
    private static async Task AccessibleAsync(IPage page, string name)
    {
        await Accessibility.ScreenshotAsync(page, name);
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
    }
}
