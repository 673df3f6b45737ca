namespace Saas.Browser.Tests;

/// <summary>
/// An applicant applies online on Nürnberg's portal in a real browser (docs/adr/0035): from the start page to the
/// forms, a step sent empty (its errors at the fields and in the summary), the steps filled (a forged file refused, the
/// employment contract kept), the summary and the receipt with its number — every page checked with axe and the page's CSP.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApplicationTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AnApplicant_AppliesOnline_FromTheStartPage_OnAccessiblePages()
    {
        var page = await fixture.NewPageAsync("de-DE");
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/t/nuernberg/").ToString());
        await page.ClickAsync("#apply-online");
        page.Url.ShouldEndWith("/t/nuernberg/antraege");
        await Accessibility.AssertAccessibleAsync(page, "forms-nuernberg");

        await page.ClickAsync("main a[href$='/antraege/verlaengerung-beschaeftigung']");
        page.Url.ShouldContain("/t/nuernberg/antraege/entwurf/");
        await Accessibility.AssertAccessibleAsync(page, "form-step-person-nuernberg");

        await page.ClickAsync("button.kern-btn--primary[value=weiter]");
        (await page.InnerTextAsync("[role=alert]")).ShouldContain("Familienname");
        (await page.GetAttributeAsync("#feld-antragsteller-familienname", "aria-invalid")).ShouldBe("true");
        await Accessibility.AssertAccessibleAsync(page, "form-step-errors-nuernberg");

        await page.FillAsync("#feld-antragsteller-familienname", "Kovalenko");
        await page.FillAsync("#feld-antragsteller-vornamen", "Olena");
        await page.FillAsync("#feld-antragsteller-geburtsdatum", "1988-11-23");
        await page.ClickAsync("button.kern-btn--primary[value=weiter]");
        page.Url.ShouldEndWith("/aufenthalt");
        await page.SelectOptionAsync("#feld-aufenthalt-zweck", "beschaeftigung");
        await page.CheckAsync("#feld-aufenthalt-einverstanden");
        await Accessibility.AssertAccessibleAsync(page, "form-step-stay-nuernberg");
        await page.ClickAsync("button.kern-btn--primary[value=weiter]");

        // Employment asks for the employer and the contract (docs/adr/0042): a file that only claims to be a PDF is
        // refused at its field by its content; a real one is kept, and the step goes on.
        (await page.InnerTextAsync("[role=alert]")).ShouldContain("Arbeitsvertrag");
        await page.FillAsync("#feld-aufenthalt-arbeitgeber", "Muster GmbH");
        await page.SetInputFilesAsync("#feld-aufenthalt-arbeitsvertrag", new FilePayload { Name = "vertrag.pdf", MimeType = "application/pdf", Buffer = "MZ kein PDF"u8.ToArray() });
        await page.ClickAsync("button.kern-btn--primary[value=weiter]");
        (await page.InnerTextAsync("[role=alert]")).ShouldContain("Der Inhalt dieser Datei ist keines der angenommenen Formate");
        (await page.InputValueAsync("#feld-aufenthalt-arbeitgeber")).ShouldBe("Muster GmbH");
        await Accessibility.AssertAccessibleAsync(page, "form-step-file-refused-nuernberg");
        await page.SetInputFilesAsync("#feld-aufenthalt-arbeitsvertrag", new FilePayload { Name = "vertrag.pdf", MimeType = "application/pdf", Buffer = Saas.Testing.OneLinePdf.Create("Arbeitsvertrag Kovalenko") });
        await page.ClickAsync("button.kern-btn--primary[value=weiter]");

        (await page.InnerTextAsync("main")).ShouldContain("Kovalenko");
        (await page.InnerTextAsync("main")).ShouldContain("vertrag.pdf");
        await Accessibility.AssertAccessibleAsync(page, "form-summary-nuernberg");
        await page.ClickAsync("main form button[type=submit].kern-btn--primary");
        (await page.InnerTextAsync("#eingangsnummer")).ShouldNotBeNullOrWhiteSpace();
        await Accessibility.AssertAccessibleAsync(page, "form-receipt-nuernberg");
    }

    [Fact]
    public async Task ASignedInApplicant_FindsTheirApplication_UnderMeineAntraege_WithItsStatus()
    {
        // Aachen's demo applicant turns to Nürnberg (docs/adr/0043): "Meine Anträge" in the header asks for the sign-in first.
        var page = await fixture.NewPageAsync("de-DE");
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/t/nuernberg/").ToString());
        await page.ClickAsync("header a:has-text('Meine Anträge')");
        await page.FillAsync("#username", "olena.k");
        await page.FillAsync("#password", "demo-olena");
        await page.ClickAsync("button[type=submit]");
        await Staff.UntilAtAsync(page, "/t/nuernberg/antraege/meine");
        (await page.InnerTextAsync("#angemeldet")).ShouldContain("Olena Kovalenko");
        await Accessibility.AssertAccessibleAsync(page, "my-applications-empty-nuernberg");

        var number = await ApplyForFamilyReunionAsync(page, "Kovalenko", "Olena", "1988-11-23");
        (await page.GetAttributeAsync("#zeitleiste li[aria-current=step]", "data-status")).ShouldBe("received");

        await page.ClickAsync("header a:has-text('Meine Anträge')");
        var row = page.Locator("tr[data-submission]", new PageLocatorOptions { HasText = number });
        (await row.Locator("td[data-status]").InnerTextAsync()).ShouldBe("Eingegangen");
        await Accessibility.AssertAccessibleAsync(page, "my-applications-nuernberg");
        await row.Locator("a").ClickAsync();
        (await page.InnerTextAsync("#eingangsnummer")).ShouldBe(number);
        (await page.InnerTextAsync("#vertrauensniveau")).ShouldContain("hoch");
        await Accessibility.AssertAccessibleAsync(page, "my-application-timeline-nuernberg");
    }

    [Fact]
    public async Task ASignedInApplicant_InArabic_RightToLeft_FollowsTheApplication_AndWritesInTheMailbox_WhichTheCaseworkerFindsInTheEAkte()
    {
        // Rhein-Sieg-Kreis's demo applicant turns to Nürnberg, reading Arabic (docs/adr/0033, 0043, 0044).
        var page = await fixture.NewPageAsync("ar");
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/t/nuernberg/antraege/meine").ToString());
        await page.FillAsync("#username", "ahmad.h");
        await page.FillAsync("#password", "demo-ahmad");
        await page.ClickAsync("button[type=submit]");
        await Staff.UntilAtAsync(page, "/t/nuernberg/antraege/meine");
        (await page.GetAttributeAsync("html", "dir")).ShouldBe("rtl");
        (await page.InnerTextAsync("h1")).ShouldBe("طلباتي");

        var number = await ApplyForFamilyReunionAsync(page, "Hosseini", "Ahmad", "1990-02-14");

        await page.ClickAsync("header a:has-text('طلباتي')");
        await page.Locator("tr[data-submission]", new PageLocatorOptions { HasText = number }).Locator("a").ClickAsync();
        // The mailbox opens once the intake has filed the application into the e-Akte (seconds; reloaded until then).
        for (var attempt = 0; attempt < 120 && await page.Locator("#postfach-schreiben").CountAsync() == 0; attempt++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }

        (await page.InnerTextAsync("#zeitleiste li[aria-current=step]")).ShouldContain("تم الاستلام");
        await page.FillAsync("#nachricht", "مرفق عقد العمل الجديد.");
        await page.SetInputFilesAsync("#anhang", new FilePayload { Name = "aqd.pdf", MimeType = "application/pdf", Buffer = Saas.Testing.OneLinePdf.Create("Arbeitsvertrag Hosseini") });
        await page.ClickAsync("#postfach-schreiben button[type=submit]");
        (await page.InnerTextAsync("#postfach")).ShouldContain("مرفق عقد العمل الجديد.");

        // Right to left, as the screenshot shows: the heading ends at the right edge of the page's content.
        (await page.GetAttributeAsync("html", "dir")).ShouldBe("rtl");
        var main = (await page.Locator("main").BoundingBoxAsync())!;
        var heading = (await page.Locator("main h1").BoundingBoxAsync())!;
        (heading.X + heading.Width).ShouldBeGreaterThan(main.X + main.Width * 0.6f, "an RTL heading starts on the right");
        await Accessibility.AssertAccessibleAsync(page, "my-application-mailbox-ar");

        // The caseworker finds the message in the e-Akte as a letter of the case, with the file beside it.
        var staff = Staff.Bearer(fixture, "nuernberg", "nbg.wolf");
        var intake = await page.Context.APIRequest.GetAsync(Staff.Url(fixture, "nuernberg", "api/applications/intake"), new APIRequestContextOptions { Headers = staff });
        var item = System.Text.Json.JsonDocument.Parse(await intake.TextAsync()).RootElement.EnumerateArray().Single(i => i.GetProperty("receiptNumber").GetString() == number);
        var id = item.GetProperty("id").GetGuid();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var messages = System.Text.Json.JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync(Staff.Url(fixture, "nuernberg", $"api/applications/intake/{id}/messages"),
                new APIRequestContextOptions { Headers = staff })).TextAsync()).RootElement;
            if (messages.EnumerateArray().All(m => m.GetProperty("filed").GetBoolean()))
            {
                break;
            }

            await Task.Delay(500);
        }

        var file = System.Text.Json.JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync(Staff.Url(fixture, "nuernberg", $"api/cases/files/{item.GetProperty("caseFileId").GetGuid()}"),
            new APIRequestContextOptions { Headers = staff })).TextAsync()).RootElement;
        var types = file.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("documentType").GetString()).ToList();
        types.ShouldContain("schriftverkehr");
        file.GetProperty("documents").EnumerateArray().ShouldContain(d => d.GetProperty("title").GetString()!.Contains("aqd", StringComparison.Ordinal));

        // And on the workbench's page of the online application, where the caseworker answers.
        var workbench = await Staff.SignInAsync(fixture, "nuernberg", "nbg.wolf", "demo-wolf");
        await workbench.GotoAsync(Staff.Url(fixture, "nuernberg", $"workbench/online/{id}"));
        (await workbench.InnerTextAsync("#postfach")).ShouldContain("مرفق عقد العمل الجديد.");
        await Accessibility.AssertAccessibleAsync(workbench, "workbench-online-application-nuernberg");
        await workbench.FillAsync("#antwort", "Vielen Dank, wir prüfen den Vertrag.");
        await workbench.ClickAsync("#antworten button[type=submit]");
        (await workbench.InnerTextAsync("#postfach")).ShouldContain("Vielen Dank, wir prüfen den Vertrag.");
    }

    /// <summary>Nürnberg's extension form, filled in for family reasons (no evidence asked) and submitted: the receipt number.</summary>
    private async Task<string> ApplyForFamilyReunionAsync(IPage page, string surname, string givenNames, string birthDate)
    {
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/t/nuernberg/antraege/verlaengerung-beschaeftigung").ToString());
        await page.FillAsync("#feld-antragsteller-familienname", surname);
        await page.FillAsync("#feld-antragsteller-vornamen", givenNames);
        await page.FillAsync("#feld-antragsteller-geburtsdatum", birthDate);
        await page.ClickAsync("button.kern-btn--primary[value=weiter]");
        await page.SelectOptionAsync("#feld-aufenthalt-zweck", "familie");
        await page.CheckAsync("#feld-aufenthalt-einverstanden");
        await page.ClickAsync("button.kern-btn--primary[value=weiter]");
        await page.ClickAsync("main form button[type=submit].kern-btn--primary");
        return await page.InnerTextAsync("#eingangsnummer");
    }
}
