using System.Text.Json;
using Saas.Modules.Cases.Tests;

namespace Saas.Browser.Tests;

/// <summary>
/// The inbox flow of issue 9 in a real browser, signed in as a demo caseworker: a scanned stack split into items of
/// its own; a wrong filing and a discard taken back after a confirmation; the next item after an assignment; the
/// keyboard shortcuts (listed under "Tastenkürzel") assign, discard and move on, and stay quiet while typing. Every
/// state is checked with axe and for Content-Security-Policy violations.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxWorkTests(BrowserFixture fixture)
{
    private const string Rsk = "rhein-sieg-kreis";

    [Fact]
    public async Task AScannedStack_IsSplitAtThePagesTheCaseworkerWrites_IntoItemsOfItsOwn()
    {
        var page = await SignInAsync();
        var bearer = Bearer();
        var id = await ScanAsync(page, bearer, ["Brief eins", "Brief eins weiter", "Brief zwei", "Brief drei"]);

        await page.GotoAsync(Url($"workbench/inbox/{id}?view=all"));
        (await page.InnerTextAsync("#split-heading")).ShouldBe("In mehrere Eingänge aufteilen");
        (await page.InnerTextAsync("main")).ShouldContain("Das Dokument hat 4 Seiten.");
        await AccessibleAsync(page, "inbox-split-form");

        // A mistake is named next to the form, with the range it is in, and what was typed stays.
        await page.FillAsync("#ranges", "1-2, 4");
        await page.ClickAsync("#split-submit");
        (await page.InnerTextAsync("#split-heading ~ [role=alert]")).ShouldContain("„4“: Davor fehlt Seite 3");
        (await page.InputValueAsync("#ranges")).ShouldBe("1-2, 4");
        (await page.GetAttributeAsync("#ranges", "aria-invalid")).ShouldBe("true");
        await AccessibleAsync(page, "inbox-split-error");

        await page.FillAsync("#ranges", "1-2, 3, 4");
        await page.ClickAsync("#split-submit");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("in 3 Teile aufgeteilt");
        (await page.InnerTextAsync("main dl")).ShouldContain("aufgeteilt");
        (await page.Locator("#split-parts li").CountAsync()).ShouldBe(3);
        (await page.InnerTextAsync("#split-parts")).ShouldContain("Seiten 1-2");
        await AccessibleAsync(page, "inbox-split-done");

        await page.Locator("#split-parts a").First.ClickAsync();
        (await page.InnerTextAsync("main")).ShouldContain("Dieser Eingang enthält die Seiten 1-2 von");
        (await page.InnerTextAsync("main dl")).ShouldContain("2");
        await AccessibleAsync(page, "inbox-split-part");
        await page.ClickAsync("#split-from");
        page.Url.ShouldContain($"/workbench/inbox/{id}");
    }

    [Fact]
    public async Task AWrongFiling_IsUndoneAfterAConfirmation_AndTheFileNoLongerListsIt()
    {
        var page = await SignInAsync();
        var bearer = Bearer();
        var file = await CreateFileAsync(page, bearer, "Irrtum" + Letters());
        var subject = "Falsch abgelegt " + Letters();
        var id = await MailAsync(page, bearer, subject);

        await page.GotoAsync(Url($"workbench/inbox/{id}?view=all&file={file.Id}"));
        await page.ClickAsync("#chosen-file button[type=submit]");
        await page.GotoAsync(Url($"workbench/files/{file.Id}"));
        (await page.InnerTextAsync("#timeline")).ShouldContain(subject);

        await page.GotoAsync(Url($"workbench/inbox/{id}?view=all"));
        (await page.InnerTextAsync("#undo-heading")).ShouldBe("Falsch abgelegt?");
        await AccessibleAsync(page, "inbox-filed");
        await page.ClickAsync("#undo-start");
        (await page.InnerTextAsync("#undo-confirmation")).ShouldContain("aus der Akte entnommen");
        await AccessibleAsync(page, "inbox-undo-filing-confirm");

        // "Abbrechen" changes nothing.
        await page.ClickAsync("#undo-confirmation >> text=Abbrechen");
        (await page.Locator("#undo-confirmation").CountAsync()).ShouldBe(0);
        await page.ClickAsync("#undo-start");
        await page.ClickAsync("#undo-confirm");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("Die Ablage wurde rückgängig gemacht: ein Dokument wurde aus der Akte entnommen");
        (await page.InnerTextAsync("main dl")).ShouldContain("offen");
        (await page.Locator("#suggestions-heading").CountAsync()).ShouldBe(1, "the item can be assigned again");
        await AccessibleAsync(page, "inbox-undo-filing-done");

        await page.GotoAsync(Url($"workbench/files/{file.Id}"));
        (await page.InnerTextAsync("main")).ShouldNotContain(subject);
    }

    [Fact]
    public async Task ADiscard_IsUndoneAfterAConfirmation()
    {
        var page = await SignInAsync();
        var id = await MailAsync(page, Bearer(), "Versehentlich verworfen " + Letters());

        await page.GotoAsync(Url($"workbench/inbox/{id}?view=all"));
        await page.ClickAsync("form[aria-labelledby=discard-heading] button[type=submit]");
        await page.GotoAsync(Url($"workbench/inbox/{id}?view=all"));
        (await page.InnerTextAsync("#undo-heading")).ShouldBe("Versehentlich verworfen?");
        await page.ClickAsync("#undo-start");
        (await page.InnerTextAsync("#undo-confirmation")).ShouldContain("wieder offen");
        await AccessibleAsync(page, "inbox-undo-discard-confirm");
        await page.ClickAsync("#undo-confirm");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("Das Verwerfen wurde rückgängig gemacht");
        (await page.InnerTextAsync("main dl")).ShouldContain("offen");
        await AccessibleAsync(page, "inbox-undo-discard-done");
    }

    [Fact]
    public async Task AfterAnAssignment_TheCaseworkerGoesOnToTheNextItem_AndIsToldWhereTheLastOneWent()
    {
        var page = await SignInAsync();
        var bearer = Bearer();
        var file = await CreateFileAsync(page, bearer, "Weiter" + Letters());
        var first = await MailAsync(page, bearer, "Erster Eingang " + Letters());
        var second = await MailAsync(page, bearer, "Zweiter Eingang " + Letters());

        await page.GotoAsync(Url($"workbench/inbox/{first}?view=all&file={file.Id}"));
        (await page.InnerTextAsync("#chosen-file")).ShouldContain(file.Number);
        await AccessibleAsync(page, "inbox-chosen-file");
        await page.ClickAsync("#chosen-file button[type=submit]");
        page.Url.ShouldContain($"/workbench/inbox/{second}");
        (await page.InnerTextAsync("[role=status]")).ShouldContain($"wurde der Akte {file.Number} zugeordnet");
        await AccessibleAsync(page, "inbox-next-item");
        await page.ClickAsync("#done-file");
        page.Url.ShouldEndWith($"/workbench/files/{file.Id}");
    }

    [Fact]
    public async Task TheKeyboardShortcuts_AssignDiscardAndMoveOn_AreListedOnThePage_AndStayQuietWhileTyping()
    {
        var page = await SignInAsync();
        var bearer = Bearer();
        var file = await CreateFileAsync(page, bearer, "Tasten" + Letters());
        var first = await MailAsync(page, bearer, "Tastatur eins " + Letters());
        var second = await MailAsync(page, bearer, "Tastatur zwei " + Letters());

        await page.GotoAsync(Url($"workbench/inbox/{first}?view=all&file={file.Id}"));
        (await page.IsVisibleAsync("#shortcuts dl")).ShouldBeFalse();
        await page.Keyboard.PressAsync("?");
        (await page.IsVisibleAsync("#shortcuts dl")).ShouldBeTrue();
        (await page.InnerTextAsync("#shortcuts")).ShouldContain("Eingang verwerfen");
        await AccessibleAsync(page, "inbox-shortcuts");

        // Typed into a field, the keys are letters: nothing is assigned or discarded.
        await page.Keyboard.PressAsync("/");
        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("fileNumber");
        await page.Keyboard.TypeAsync("zvn");
        (await page.InputValueAsync("#fileNumber")).ShouldBe("zvn");
        page.Url.ShouldContain($"/workbench/inbox/{first}");

        await page.EvaluateAsync("document.activeElement.blur()");
        await page.Keyboard.PressAsync("z");
        await Staff.UntilAtAsync(page, $"/t/{Rsk}/workbench/inbox/{second}");
        (await page.InnerTextAsync("[role=status]")).ShouldContain($"wurde der Akte {file.Number} zugeordnet");
        await AccessibleAsync(page, "inbox-shortcut-assigned");

        await page.Keyboard.PressAsync("v");
        await Staff.UntilAtAsync(page, $"/t/{Rsk}/workbench/inbox(?!/{second})[^?]*");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("verworfen");
        await AccessibleAsync(page, "inbox-shortcut-discarded");
        (await StatusAsync(page, bearer, first)).ShouldBe("assigned");
        (await StatusAsync(page, bearer, second)).ShouldBe("discarded");

        // On the list, "n" opens the first item.
        await page.GotoAsync(Url("workbench/inbox?view=all"));
        await AccessibleAsync(page, "inbox-list-shortcuts");
        await page.Keyboard.PressAsync("n");
        await Staff.UntilAtAsync(page, $"/t/{Rsk}/workbench/inbox/[^/?]+");
    }

    private sealed record FileRef(string Id, string Number);

    private string Url(string path) => new Uri(fixture.BaseAddress, $"/t/{Rsk}/{path}").ToString();

    private Task<IPage> SignInAsync() => Staff.SignInAsync(fixture);

    private Dictionary<string, string> Bearer() => Staff.Bearer(fixture);

    private async Task<FileRef> CreateFileAsync(IPage page, IDictionary<string, string> bearer, string surname)
    {
        var file = await Staff.CreateFileAsync(fixture, page, surname, bearer: bearer);
        return new FileRef(file.GetProperty("id").GetString()!, file.GetProperty("fileNumber").GetString()!);
    }

    private async Task<string> MailAsync(IPage page, IDictionary<string, string> bearer, string subject)
    {
        var mail = $"From: absender@example.org\r\nSubject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBitte um Bearbeitung.\r\n";
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("file", new FilePayload { Name = "mail.eml", MimeType = "message/rfc822", Buffer = System.Text.Encoding.UTF8.GetBytes(mail) });
        var posted = await page.Context.APIRequest.PostAsync(Url("api/cases/inbox/mail"), new APIRequestContextOptions { Headers = bearer, Multipart = form });
        posted.Status.ShouldBe(201, await posted.TextAsync());
        return JsonDocument.Parse(await posted.TextAsync()).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>A scanned stack without a cover sheet, as the scan center delivers it: its pages land in the inbox as one item.</summary>
    private async Task<string> ScanAsync(IPage page, IDictionary<string, string> bearer, IReadOnlyList<string> pages)
    {
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("file", new FilePayload { Name = $"stapel-{Letters()}.pdf", MimeType = "application/pdf", Buffer = TestPdf.Create(pages) });
        var posted = await page.Context.APIRequest.PostAsync(Url("api/cases/scan-batches"), new APIRequestContextOptions { Headers = bearer, Multipart = form });
        posted.Status.ShouldBe(202, await posted.TextAsync());
        var batch = JsonDocument.Parse(await posted.TextAsync()).RootElement.GetProperty("id").GetString();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var read = await page.Context.APIRequest.GetAsync(Url($"api/cases/scan-batches/{batch}"), new APIRequestContextOptions { Headers = bearer });
            var body = JsonDocument.Parse(await read.TextAsync()).RootElement;
            if (body.GetProperty("inbox").GetArrayLength() > 0)
            {
                return body.GetProperty("inbox")[0].GetProperty("id").GetString()!;
            }

            body.GetProperty("batch").GetProperty("status").GetString().ShouldNotBe("failed");
            await Task.Delay(200);
        }

        throw new TimeoutException("The scan batch was not processed.");
    }

    private async Task<string> StatusAsync(IPage page, IDictionary<string, string> bearer, string id)
    {
        var read = await page.Context.APIRequest.GetAsync(Url($"api/cases/inbox/{id}"), new APIRequestContextOptions { Headers = bearer });
        return JsonDocument.Parse(await read.TextAsync()).RootElement.GetProperty("item").GetProperty("status").GetString()!;
    }

    private static string Letters() => Staff.Letters();

    private static async Task AccessibleAsync(IPage page, string name)
    {
        await Accessibility.ScreenshotAsync(page, name);
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
    }
}
