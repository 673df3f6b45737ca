using System.Text.Json;
using Saas.Modules.Cases.Tests;

namespace Saas.Browser.Tests;

/// <summary>
/// Work on a filed document in a real browser (issue 9), as the demo caseworker of tenants/: its title and type
/// corrected on the document page, and the document moved into another file after choosing that file and
/// confirming. Every state of the page is checked with axe and for CSP violations.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentWorkTests(BrowserFixture fixture)
{
    private const string Rsk = "rhein-sieg-kreis";

    [Fact]
    public async Task ACaseworker_CorrectsTheTitleAndTypeOfADocument_AnEmptyTitleIsExplainedAtTheForm()
    {
        var page = await SignInAsync();
        var bearer = Bearer();
        var file = await CreateFileAsync(page, bearer, "Mertens" + Letters());
        var document = await UploadAsync(page, bearer, file.GetProperty("id").GetString()!, "scan-0001.pdf");

        await page.GotoAsync(Url($"workbench/documents/{document}"));
        await ViewerReadyAsync(page);
        (await page.InnerTextAsync("h1")).ShouldBe("scan-0001.pdf");
        (await page.InputValueAsync("#details-title")).ShouldBe("scan-0001.pdf");
        (await page.InputValueAsync("#details-type")).ShouldBe("antrag");
        await AccessibleAsync(page, "document-details");

        await page.FillAsync("#details-title", "   ");
        await SubmitAsync(page, page.Locator("#save-details"));
        (await page.InnerTextAsync("#details-error [role=alert]")).ShouldContain("Bitte geben Sie einen Titel an.");
        (await page.GetAttributeAsync("#details-title", "aria-invalid")).ShouldBe("true");
        await AccessibleAsync(page, "document-details-error");
        await ViewerReadyAsync(page);

        await page.FillAsync("#details-title", "Bescheid über die Verlängerung");
        await page.SelectOptionAsync("#details-type", "bescheid");
        await SubmitAsync(page, page.Locator("#save-details"));
        (await page.InnerTextAsync("#done")).ShouldBe("Die Angaben wurden gespeichert.");
        (await page.InnerTextAsync("h1")).ShouldBe("Bescheid über die Verlängerung");
        (await page.InnerTextAsync("#document-type")).ShouldBe("Bescheid");
        (await page.InputValueAsync("#details-type")).ShouldBe("bescheid");
        await AccessibleAsync(page, "document-details-saved");

        await page.ClickAsync("#back-to-file");
        (await page.InnerTextAsync("#timeline")).ShouldContain("Bescheid über die Verlängerung");
    }

    [Fact]
    public async Task ACaseworker_MovesADocumentIntoAnotherFile_AfterConfirming_AndItIsThereAndNoLongerInTheOldFile()
    {
        var page = await SignInAsync();
        var bearer = Bearer();
        var wrong = await CreateFileAsync(page, bearer, "Namensvetter" + Letters());
        var right = await CreateFileAsync(page, bearer, "Richtig" + Letters());
        var rightNumber = right.GetProperty("fileNumber").GetString()!;
        var title = "Meldebescheinigung " + Letters() + ".pdf";
        var document = await UploadAsync(page, bearer, wrong.GetProperty("id").GetString()!, title);

        await page.GotoAsync(Url($"workbench/documents/{document}"));
        await ViewerReadyAsync(page);
        await page.FillAsync("#move-find", rightNumber);
        await SubmitAsync(page, page.Locator("#find-target"));
        var found = page.Locator("#move-targets tbody tr");
        await found.First.WaitForAsync();
        (await found.CountAsync()).ShouldBe(1);
        (await found.InnerTextAsync()).ShouldContain(rightNumber);
        await AccessibleAsync(page, "document-move-targets");
        await ViewerReadyAsync(page);

        await SubmitAsync(page, found.Locator("button"));
        await page.Locator("#confirm-text").WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 });
        (await page.InnerTextAsync("#confirm-text")).ShouldContain($"aus der Akte {wrong.GetProperty("fileNumber").GetString()} in die Akte {rightNumber}");
        await AccessibleAsync(page, "document-move-confirm");
        // Nothing is moved before the confirmation.
        await page.GotoAsync(Url($"workbench/files/{wrong.GetProperty("id").GetString()}"));
        (await page.InnerTextAsync("main")).ShouldContain(title);
        await page.GoBackAsync();
        await ViewerReadyAsync(page);

        await SubmitAsync(page, page.Locator("#confirm-move"));
        (await page.InnerTextAsync("#done")).ShouldBe($"Das Dokument ist jetzt in der Akte {rightNumber}.");
        (await page.InnerTextAsync("#back-to-file")).ShouldContain(rightNumber);
        await AccessibleAsync(page, "document-moved");

        await page.ClickAsync("#back-to-file");
        (await page.InnerTextAsync("#timeline")).ShouldContain(title);
        await page.GotoAsync(Url($"workbench/files/{wrong.GetProperty("id").GetString()}"));
        (await page.InnerTextAsync("main")).ShouldNotContain(title);
    }

    /// <summary>
    /// Waits until the viewer's frame shows Chromium's PDF viewer: a form or link used while the viewer is still
    /// starting up is sometimes not followed by the browser, so the page is used as a person would, once it is shown.
    /// </summary>
    private static async Task ViewerReadyAsync(IPage page)
    {
        var frame = (await (await page.WaitForSelectorAsync("iframe.saas-viewer"))!.ContentFrameAsync())!;
        await frame.WaitForLoadStateAsync(LoadState.Load);
        for (var attempt = 0; attempt < 100 && !frame.ChildFrames.Any(IsPdfViewer); attempt++)
        {
            await Task.Delay(100);
        }

        frame.ChildFrames.Any(IsPdfViewer).ShouldBeTrue("Chromium's PDF viewer did not open in the viewer's frame");

        static bool IsPdfViewer(IFrame f) => f.Url.StartsWith("chrome-extension://", StringComparison.Ordinal) && f.Url.EndsWith("/index.html", StringComparison.Ordinal);
    }

    /// <summary>
    /// Presses a form's button from the keyboard, as a person does after tabbing to it. (A mouse click on the page
    /// of a PDF viewer is now and then taken by the viewer's frame in headless Chromium and submits nothing.)
    /// </summary>
    private static async Task SubmitAsync(IPage page, ILocator button)
    {
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
    }

    private Task<IPage> SignInAsync() => Staff.SignInAsync(fixture);

    private Dictionary<string, string> Bearer() => Staff.Bearer(fixture);

    private Task<JsonElement> CreateFileAsync(IPage page, IDictionary<string, string> bearer, string surname) =>
        Staff.CreateFileAsync(fixture, page, surname, bearer: bearer);

    private async Task<string> UploadAsync(IPage page, IDictionary<string, string> bearer, string fileId, string name)
    {
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("file", new FilePayload { Name = name, MimeType = "application/pdf", Buffer = TestPdf.Create(["Eine Seite " + Letters()]) });
        form.Set("documentType", "antrag");
        var uploaded = await page.Context.APIRequest.PostAsync(Url($"api/cases/files/{fileId}/documents"), new APIRequestContextOptions { Headers = bearer, Multipart = form });
        uploaded.Status.ShouldBe(201, await uploaded.TextAsync());
        return JsonDocument.Parse(await uploaded.TextAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private string Url(string path) => new Uri(fixture.BaseAddress, $"/t/{Rsk}/{path}").ToString();

    private static string Letters() => Staff.Letters();

    /// <summary>No axe violation (WCAG 2.1 A and AA, so none serious or critical) and no CSP violation; a screenshot for people to look at.</summary>
    private static async Task AccessibleAsync(IPage page, string name)
    {
        await Accessibility.ScreenshotAsync(page, name);
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
    }
}
