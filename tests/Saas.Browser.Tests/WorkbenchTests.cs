using System.IO.Compression;
using System.Text.Json;
using Saas.Modules.Cases.Tests;

namespace Saas.Browser.Tests;

/// <summary>
/// The caseworkers' e-Akte workbench in a real browser, signed in as the demo caseworkers of tenants/: a file is
/// opened, a PDF uploaded through the form, seen in the timeline and the viewer and found by search; a mail is
/// assigned from the inbox with one click; boxes and their quality check. Every page is checked with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkbenchTests(BrowserFixture fixture)
{
    private const string Rsk = "rhein-sieg-kreis";

    [Fact]
    public async Task ACaseworker_OpensAFile_UploadsAPdf_SeesItInTheTimelineAndViewer_AndFindsIt()
    {
        var page = await SignInAsync(Rsk, "rsk.becker", "demo-becker");
        await page.ClickAsync("text=e-Akte: Meine Arbeit");
        (await page.InnerTextAsync("h1")).ShouldBe("Meine Arbeit");
        await AccessibleAsync(page, "workbench-index");

        await page.ClickAsync("nav.saas-subnav >> text=Akte anlegen");
        await AccessibleAsync(page, "workbench-new-file");
        var surname = "Nowak" + Letters();
        await page.FillAsync("#surname", surname);
        await page.FillAsync("#givenNames", "Zofia");
        await page.FillAsync("#birthDate", "1991-03-14");
        await page.SelectOptionAsync("#nationality-0", "POL");
        await page.ClickAsync("main form button[type=submit]");
        page.Url.ShouldMatch(".*/workbench/files/[0-9a-f-]{36}$");
        (await page.InnerTextAsync("h1")).ShouldContain(surname);
        (await page.InnerTextAsync("main")).ShouldContain("POL");
        await AccessibleAsync(page, "workbench-file");

        // A file that is not what it claims is refused next to the form, in German, and the title typed stays.
        await page.SetInputFilesAsync("#upload", new FilePayload { Name = "rechnung.pdf", MimeType = "application/pdf", Buffer = "MZ this is an executable"u8.ToArray() });
        await page.FillAsync("#title", "Gefälschte Rechnung");
        await page.ClickAsync("form[aria-labelledby=upload-heading] >> button[type=submit]");
        (await page.InnerTextAsync("#upload-heading ~ [role=alert]")).ShouldContain("Der Inhalt der Datei passt nicht zum angegebenen Typ");
        (await page.InputValueAsync("#title")).ShouldBe("Gefälschte Rechnung");
        await AccessibleAsync(page, "workbench-file-upload-error");

        var word = "Zuwanderungsbescheid" + Letters();
        await page.SetInputFilesAsync("#upload", new FilePayload { Name = "bescheid.pdf", MimeType = "application/pdf", Buffer = TestPdf.Create([$"Bescheid {word} vom Amt"]) });
        await page.FillAsync("#title", "Bescheid über die Verlängerung");
        await page.SelectOptionAsync("#documentType-upload", "bescheid");
        await page.CheckAsync("#paperOriginal");
        await page.ClickAsync("form[aria-labelledby=upload-heading] >> button[type=submit]");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("Bescheid über die Verlängerung");
        var row = await page.InnerTextAsync("#timeline tbody tr:first-child");
        row.ShouldContain("Bescheid über die Verlängerung");
        row.ShouldContain("Bescheid");
        row.ShouldContain("Hochgeladen");
        row.ShouldContain("ja");

        // Several files in one go: all are added, each titled by its file name.
        await page.SetInputFilesAsync("#upload", new[]
        {
            new FilePayload { Name = "anlage-mietvertrag.pdf", MimeType = "application/pdf", Buffer = TestPdf.Create(["Mietvertrag"]) },
            new FilePayload { Name = "anlage-gehalt.pdf", MimeType = "application/pdf", Buffer = TestPdf.Create(["Gehaltsabrechnung"]) },
        });
        await page.ClickAsync("form[aria-labelledby=upload-heading] >> button[type=submit]");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("2 Dokumente wurden der Akte hinzugefügt: anlage-mietvertrag.pdf, anlage-gehalt.pdf");
        (await page.InnerTextAsync("#timeline")).ShouldContain("anlage-gehalt.pdf");

        await page.ClickAsync("#timeline >> text=Bescheid über die Verlängerung");
        (await page.InnerTextAsync("h1")).ShouldBe("Bescheid über die Verlängerung");
        var src = await page.GetAttributeAsync("iframe.saas-viewer", "src");
        src.ShouldNotBeNull();
        // The frame's request carries the page's viewing marker, so that the viewing is recorded once (by the page).
        src.ShouldMatch($"^/t/{Rsk}/workbench/documents/[0-9a-f-]{{36}}/content\\?viewing=[A-Za-z0-9_%-]+$");
        var content = await page.Context.APIRequest.GetAsync(new Uri(fixture.BaseAddress, src).ToString());
        content.Status.ShouldBe(200);
        content.Headers["content-type"].ShouldBe("application/pdf");
        // Hardening item 5: the bytes are sandboxed and never stored, and the viewer's frame still shows the PDF.
        content.Headers["content-security-policy"].ShouldStartWith("sandbox; default-src 'none'");
        content.Headers["cache-control"].ShouldBe("no-store");
        content.Headers["content-disposition"].ShouldStartWith("inline; filename=");
        await ViewerShowsPdfAsync(page);
        await AccessibleAsync(page, "workbench-viewer");

        // Search finds it once its text is extracted (in the background), with the word marked.
        await page.GotoAsync(Url(Rsk, "workbench/search"));
        await AccessibleAsync(page, "workbench-search-empty");
        for (var attempt = 0; attempt < 100 && await page.Locator("#hits mark").CountAsync() == 0; attempt++)
        {
            await page.GotoAsync(Url(Rsk, $"workbench/search?q={word}"));
            if (await page.Locator("#hits mark").CountAsync() == 0)
            {
                await Task.Delay(200);
            }
        }

        (await page.InnerTextAsync("#hits mark")).ShouldBe(word, StringCompareShould.IgnoreCase);
        (await page.InnerTextAsync("#hits")).ShouldContain("Bescheid über die Verlängerung");
        await AccessibleAsync(page, "workbench-search");
        await page.ClickAsync("#hits h3 a");
        (await page.InnerTextAsync("h1")).ShouldBe("Bescheid über die Verlängerung");

        // A search that is too short is explained next to the form.
        await page.GotoAsync(Url(Rsk, "workbench/search?q=a"));
        (await page.InnerTextAsync("[role=alert]")).ShouldContain("mindestens zwei Zeichen");
        (await page.InputValueAsync("#q")).ShouldBe("a");
    }

    [Fact]
    public async Task AMail_ShowsInTheInbox_IsAssignedWithOneClick_AndIsInTheFile()
    {
        // S is in rsk.schneider's surname range (30.21, S–Z): the mail is in his own inbox, the default view.
        var page = await SignInAsync(Rsk, "rsk.schneider", "demo-schneider");
        var bearer = Bearer(Rsk, "rsk.schneider");
        var surname = "Saleh" + Letters();
        var file = await CreateFileAsync(page, Rsk, bearer, surname);
        var fileNumber = file.GetProperty("fileNumber").GetString()!;
        var subject = "Nachreichung Unterlagen " + Letters();
        var mail = $"""
            From: Rana {surname} <rana@example.org>
            To: auslaenderbehoerde@rhein-sieg-kreis.de
            Subject: {subject}
            Date: Mon, 2 Feb 2026 09:30:00 +0100
            Message-ID: <{Guid.NewGuid():N}@example.org>
            Content-Type: text/plain; charset=utf-8

            Sehr geehrte Damen und Herren,
            anbei reiche ich Unterlagen zu meiner Akte {fileNumber} nach.
            Mit freundlichen Grüßen, Rana {surname}
            """.Replace("\n", "\r\n", StringComparison.Ordinal);
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("file", new FilePayload { Name = "mail.eml", MimeType = "message/rfc822", Buffer = System.Text.Encoding.UTF8.GetBytes(mail) });
        var posted = await page.Context.APIRequest.PostAsync(Url(Rsk, "api/cases/inbox/mail"), new APIRequestContextOptions { Headers = bearer, Multipart = form });
        posted.Status.ShouldBe(201, await posted.TextAsync());

        await page.GotoAsync(Url(Rsk, "workbench/inbox"));
        (await page.InnerTextAsync("nav.saas-views [aria-current=page]")).ShouldStartWith("Mein Posteingang");
        var inboxRow = page.Locator("tbody tr", new PageLocatorOptions { HasText = subject });
        (await inboxRow.InnerTextAsync()).ShouldContain(fileNumber);
        (await inboxRow.InnerTextAsync()).ShouldContain("Aktenzeichen im Text gefunden");
        (await inboxRow.InnerTextAsync()).ShouldContain("rsk.schneider");
        await AccessibleAsync(page, "workbench-inbox");

        await inboxRow.Locator("a").ClickAsync();
        (await page.InnerTextAsync("h1")).ShouldBe(subject);
        (await page.InnerTextAsync(".saas-mail-text")).ShouldContain("anbei reiche ich Unterlagen");
        await AccessibleAsync(page, "workbench-inbox-item");

        var suggestion = page.Locator("form tbody tr", new PageLocatorOptions { HasText = fileNumber });
        await suggestion.Locator("button", new LocatorLocatorOptions { HasText = "Zuordnen" }).ClickAsync();
        // The caseworker goes on with the next item (or the list, when this was the last) and is told where it went.
        (await page.InnerTextAsync("[role=status]")).ShouldContain($"wurde der Akte {fileNumber} zugeordnet");
        await page.ClickAsync("#done-file");
        page.Url.ShouldEndWith($"/workbench/files/{file.GetProperty("id").GetString()}");
        var timeline = await page.InnerTextAsync("#timeline");
        timeline.ShouldContain(subject);
        timeline.ShouldContain("E-Mail");

        await page.ClickAsync($"#timeline >> text={subject}");
        (await page.InnerTextAsync("main")).ShouldContain("rana@example.org");
        (await page.InnerTextAsync(".saas-mail-text")).ShouldContain("anbei reiche ich Unterlagen");
        await AccessibleAsync(page, "workbench-viewer-mail");

        await page.GotoAsync(Url(Rsk, "workbench/inbox"));
        (await page.InnerTextAsync("main")).ShouldNotContain(subject);
    }

    [Fact]
    public async Task TheInbox_ShowsMyOwnItems_AndPagesThroughTheRestWithPlainLinks()
    {
        var page = await SignInAsync(Rsk, "rsk.becker", "demo-becker");
        var bearer = Bearer(Rsk, "rsk.becker");

        // K is in rsk.becker's range (30.20, E–K); mails naming no file are nobody's.
        var file = await CreateFileAsync(page, Rsk, bearer, "Krause" + Letters());
        var mine = "Nachfrage Krause " + Letters();
        await PostMailAsync(page, bearer, mine, $"Bitte um Auskunft zur Akte {file.GetProperty("fileNumber").GetString()}.");
        var marker = "Rundschreiben " + Letters();
        for (var n = 0; n < 55; n++)
        {
            await PostMailAsync(page, bearer, $"{marker} {n:D2}", "Ohne Bezug zu einer Akte.");
        }

        await page.GotoAsync(Url(Rsk, "workbench/inbox"));
        (await page.InnerTextAsync("#inbox-items")).ShouldContain(mine);
        (await page.InnerTextAsync("main")).ShouldNotContain(marker);

        // Nobody's items, 50 a page: "Weitere Eingänge" is a plain link; every one shows once.
        await page.ClickAsync("nav.saas-views >> text=Nicht zugeordnet");
        var seen = new List<string>();
        for (var pages = 1; ; pages++)
        {
            pages.ShouldBeLessThan(20);
            (await page.Locator("#inbox-items tbody tr").CountAsync()).ShouldBeLessThanOrEqualTo(50);
            seen.AddRange((await page.Locator("#inbox-items tbody tr td:first-child").AllInnerTextsAsync()).Where(t => t.StartsWith(marker, StringComparison.Ordinal)));
            var next = page.Locator("nav.saas-pager a[rel=next]");
            if (await next.CountAsync() == 0)
            {
                break;
            }

            await next.ClickAsync();
            (await page.InnerTextAsync("nav.saas-pager")).ShouldContain("Zur ersten Seite");
            await AccessibleAsync(page, "workbench-inbox-page-2");
        }

        seen.Count.ShouldBe(55);
        seen.Distinct().Count().ShouldBe(55);
        seen.ShouldNotContain(mine);
    }

    [Fact]
    public async Task AScanBatchWithoutCoverSheet_GoesToTheInbox_AndItsPagesAreAccessible()
    {
        var page = await SignInAsync(Rsk, "rsk.becker", "demo-becker");
        await page.GotoAsync(Url(Rsk, "workbench/scan-batches"));
        await AccessibleAsync(page, "workbench-scan-batches");
        var name = $"stapel-{Letters()}.pdf";
        await page.SetInputFilesAsync("#batch", new FilePayload { Name = name, MimeType = "application/pdf", Buffer = TestPdf.Create(["Ein Brief ohne Deckblatt " + Letters()]) });
        await page.ClickAsync("main form button[type=submit]");
        (await page.InnerTextAsync("h1")).ShouldContain(name);
        for (var attempt = 0; attempt < 150 && (await page.InnerTextAsync("main")).Contains("wird gerade aufgeteilt", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        (await page.InnerTextAsync("main")).ShouldContain("Scan ohne Deckblatt");
        await AccessibleAsync(page, "workbench-scan-batch");
    }

    [Fact]
    public async Task ABox_IsPackedSent_AndItsDeliveryIsCheckedBySample()
    {
        var page = await SignInAsync(Rsk, "rsk.becker", "demo-becker");
        var bearer = Bearer(Rsk, "rsk.becker");
        var files = new[] { await CreateFileAsync(page, Rsk, bearer, "Altakte" + Letters()), await CreateFileAsync(page, Rsk, bearer, "Altakte" + Letters()) };
        var numbers = files.Select(f => f.GetProperty("fileNumber").GetString()!).ToList();

        await page.GotoAsync(Url(Rsk, "workbench/legacy"));
        await AccessibleAsync(page, "workbench-legacy");
        var label = "K-" + Letters();
        await page.FillAsync("#label", label);
        await page.FillAsync("#files", $"{numbers[0]}: 120\n{numbers[1]}");
        await page.ClickAsync("main form button[type=submit]");
        (await page.InnerTextAsync("h1")).ShouldBe("Karton " + label);
        (await page.InnerTextAsync("main")).ShouldContain(numbers[1]);
        await AccessibleAsync(page, "workbench-box");
        await page.FillAsync("#vendor", "Scan & Archiv GmbH");
        await page.ClickAsync("text=Als versandt vermerken");
        (await page.InnerTextAsync("main")).ShouldContain("beim Scandienstleister");

        // The scanning company's delivery is imported on the box page, with its protocol. A delivery with a folder
        // that is no file of the box is refused next to the form, naming the folder, and what was typed stays.
        foreach (var (field, value) in new Dictionary<string, string>
                 {
                     ["operator"] = "M. Scanner", ["scannedAt"] = "2026-01-10T10:00:00Z", ["deviceMake"] = "Fujitsu", ["deviceModel"] = "fi-7160",
                     ["deviceSerial"] = "A1B2", ["resolutionDpi"] = "300", ["format"] = "PDF/A-2b", ["compression"] = "JBIG2",
                 })
        {
            await page.FillAsync($"#protocol-{field}", value);
        }

        await page.SelectOptionAsync("#protocol-colourMode", "greyscale");
        await page.SetInputFilesAsync("#archive", new FilePayload { Name = "lieferung.zip", MimeType = "application/zip", Buffer = Delivery([.. numbers, "FREMD-" + Letters()]) });
        await page.ClickAsync("#import-heading ~ form button[type=submit]");
        (await page.InnerTextAsync("#import-heading ~ [role=alert]")).ShouldContain("ist kein Aktenzeichen einer Akte in diesem Karton");
        (await page.InputValueAsync("#protocol-deviceModel")).ShouldBe("fi-7160");
        await AccessibleAsync(page, "workbench-box-import-refused");

        await page.SetInputFilesAsync("#archive", new FilePayload { Name = "lieferung.zip", MimeType = "application/zip", Buffer = Delivery(numbers) });
        await page.ClickAsync("#import-heading ~ form button[type=submit]");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("Scans eingespielt");
        await AccessibleAsync(page, "workbench-box-imported");

        await page.ReloadAsync();
        await page.ClickAsync("text=Scanprotokoll >> nth=0");
        (await page.InnerTextAsync("main")).ShouldContain("fi-7160");
        await AccessibleAsync(page, "workbench-protocol");
        await page.GoBackAsync();
        await page.ClickAsync("tbody a >> nth=0");
        (await page.InnerTextAsync("h1")).ShouldBe("Qualitätsprüfung der Lieferung");
        await AccessibleAsync(page, "workbench-qa");
        var sampled = await page.Locator("fieldset.saas-finding").CountAsync();
        sampled.ShouldBeGreaterThan(0);
        for (var i = 0; i < sampled; i++)
        {
            await page.CheckAsync($"#result-ok-{i}");
        }

        await page.ClickAsync("text=Befunde speichern");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("abgenommen");
        await AccessibleAsync(page, "workbench-qa-decided");
    }

    [Fact]
    public async Task AnotherAuthoritysWorkbench_ShowsNothingOfThisAuthoritysFiles()
    {
        var page = await SignInAsync(Rsk, "rsk.becker", "demo-becker");
        var bearer = Bearer(Rsk, "rsk.becker");
        var surname = "Geheim" + Letters();
        var id = (await CreateFileAsync(page, Rsk, bearer, surname)).GetProperty("id").GetString();

        // Signed in at the Rhein-Sieg-Kreis only: Wiesbaden's workbench asks for a sign-in there and shows nothing.
        var response = await page.GotoAsync(Url("wiesbaden", $"workbench/files/{id}"));
        page.Url.ShouldContain("/t/wiesbaden/account/login");
        (await response!.TextAsync()).ShouldNotContain(surname);

        // The Rhein-Sieg-Kreis' token is refused at Wiesbaden's workbench and API: 403, nothing of the file.
        foreach (var path in new[] { $"workbench/files/{id}", $"api/cases/files/{id}" })
        {
            var refused = await page.Context.APIRequest.GetAsync(Url("wiesbaden", path), new APIRequestContextOptions { Headers = bearer, MaxRedirects = 0 });
            refused.Status.ShouldBe(403, path);
            (await refused.TextAsync()).ShouldNotContain(surname);
        }

        // A caseworker of Wiesbaden (signed in there in the same browser) gets 404 for the file of the Rhein-Sieg-Kreis.
        await SignInAsync(page, "wiesbaden", "wi.klein", "demo-klein");
        var wiesbaden = await page.GotoAsync(Url("wiesbaden", $"workbench/files/{id}"));
        wiesbaden!.Status.ShouldBe(404);
        (await page.InnerTextAsync("body")).ShouldNotContain(surname);
        var document = await page.GotoAsync(Url("wiesbaden", $"workbench/search?q={surname}"));
        document!.Status.ShouldBe(200);
        (await page.InnerTextAsync("main")).ShouldNotContain(surname);
    }

    private string Url(string tenant, string path) => new Uri(fixture.BaseAddress, $"/t/{tenant}/{path}").ToString();

    [Fact]
    public async Task ACaseworker_OpensACase_FilesADocumentIntoIt_AndClosesIt_FromTheFilePage()
    {
        var page = await SignInAsync(Rsk, "rsk.becker", "demo-becker");
        var bearer = Bearer(Rsk, "rsk.becker");
        var file = await CreateFileAsync(page, Rsk, bearer, "Haidari" + Letters());
        var fileId = file.GetProperty("id").GetString()!;
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("file", new FilePayload { Name = "arbeitsvertrag.pdf", MimeType = "application/pdf", Buffer = TestPdf.Create(["Arbeitsvertrag"]) });
        form.Set("title", "Arbeitsvertrag");
        var uploaded = await page.Context.APIRequest.PostAsync(Url(Rsk, $"api/cases/files/{fileId}/documents"), new APIRequestContextOptions { Headers = bearer, Multipart = form });
        uploaded.Status.ShouldBe(201, await uploaded.TextAsync());

        await page.GotoAsync(Url(Rsk, $"workbench/files/{fileId}"));
        await page.ClickAsync("#cases summary");
        await page.FillAsync("#case-kind", "aufenthaltserlaubnis");
        await page.FillAsync("#case-title", "Verlängerung § 18b");
        await page.ClickAsync("form[aria-label='Vorgang anlegen'] button[type=submit]");
        var caseRow = page.Locator("#cases tbody tr", new PageLocatorOptions { HasText = "Verlängerung § 18b" });
        (await caseRow.InnerTextAsync()).ShouldContain("offen");
        await AccessibleAsync(page, "workbench-file-cases");

        // The document goes into the case from its row in the timeline.
        var documentRow = page.Locator("#timeline tbody tr", new PageLocatorOptions { HasText = "Arbeitsvertrag" });
        await documentRow.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = "Verlängerung § 18b" });
        await documentRow.Locator("button", new LocatorLocatorOptions { HasText = "Zuordnen" }).ClickAsync();
        (await page.Locator("#timeline tbody tr", new PageLocatorOptions { HasText = "Arbeitsvertrag" }).Locator("select option:checked").InnerTextAsync())
            .ShouldBe("Verlängerung § 18b");

        await caseRow.Locator("select").SelectOptionAsync("abgelehnt");
        await caseRow.Locator("button", new LocatorLocatorOptions { HasText = "Abschließen" }).ClickAsync();
        var closed = await page.Locator("#cases tbody tr", new PageLocatorOptions { HasText = "Verlängerung § 18b" }).InnerTextAsync();
        closed.ShouldContain("abgeschlossen");
        closed.ShouldContain("abgelehnt");
        await AccessibleAsync(page, "workbench-file-case-closed");
    }

    private Task<IPage> SignInAsync(string tenant, string username, string password) => Staff.SignInAsync(fixture, tenant, username, password);

    private Task SignInAsync(IPage page, string tenant, string username, string password) => Staff.SignInThroughTheFormAsync(fixture, page, tenant, username, password);

    private Dictionary<string, string> Bearer(string tenant, string username) => Staff.Bearer(fixture, tenant, username);

    private Task<JsonElement> CreateFileAsync(IPage page, string tenant, IDictionary<string, string> bearer, string surname) =>
        Staff.CreateFileAsync(fixture, page, surname, tenant: tenant, bearer: bearer);

    /// <summary>A mail into the inbox through the API, as the mail server delivers it.</summary>
    private async Task PostMailAsync(IPage page, IDictionary<string, string> bearer, string subject, string body)
    {
        var mail = $"From: absender@example.org\r\nSubject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n";
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("file", new FilePayload { Name = "mail.eml", MimeType = "message/rfc822", Buffer = System.Text.Encoding.UTF8.GetBytes(mail) });
        var posted = await page.Context.APIRequest.PostAsync(Url(Rsk, "api/cases/inbox/mail"), new APIRequestContextOptions { Headers = bearer, Multipart = form });
        posted.Status.ShouldBe(201, await posted.TextAsync());
    }

    /// <summary>A delivery: one folder per file number with one scanned PDF each.</summary>
    private static byte[] Delivery(IEnumerable<string> fileNumbers)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var number in fileNumbers)
            {
                var entry = zip.CreateEntry($"{number}/blatt-001.pdf");
                using var stream = entry.Open();
                stream.Write(TestPdf.Create([$"Altakte {number}"]));
            }
        }

        return buffer.ToArray();
    }

    private static string Letters() => Staff.Letters();

    /// <summary>
    /// The viewer's frame holds Chromium's PDF viewer (the PDF extension's frame, in which the PDF itself is loaded
    /// again), not an error or a blocked page: the content's sandboxing policy leaves the viewer working.
    /// </summary>
    private static async Task ViewerShowsPdfAsync(IPage page)
    {
        var frame = (await (await page.WaitForSelectorAsync("iframe.saas-viewer"))!.ContentFrameAsync())!;
        await frame.WaitForLoadStateAsync(LoadState.Load);
        (await frame.EvaluateAsync<string>("document.contentType")).ShouldBe("application/pdf");
        for (var attempt = 0; attempt < 100 && !frame.ChildFrames.Any(IsPdfViewer); attempt++)
        {
            await Task.Delay(100);
        }

        frame.ChildFrames.Any(IsPdfViewer).ShouldBeTrue("Chromium's PDF viewer did not open in the viewer's frame");

        static bool IsPdfViewer(IFrame f) => f.Url.StartsWith("chrome-extension://", StringComparison.Ordinal) && f.Url.EndsWith("/index.html", StringComparison.Ordinal);
    }

    /// <summary>No axe violation (WCAG 2.1 A and AA); a screenshot for people to look at.</summary>
    private static async Task AccessibleAsync(IPage page, string name)
    {
        await Accessibility.ScreenshotAsync(page, name);
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
    }
}
