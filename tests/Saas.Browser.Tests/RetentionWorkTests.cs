using System.Text.Json;

namespace Saas.Browser.Tests;

/// <summary>
/// Legal holds, deletion runs and hand-overs from the workbench pages in a real browser, signed in as the demo
/// people of tenants/: a hold is placed (a missing reason named at its input first) and released after a
/// confirmation; a deletion run is proposed and opened, and an admin is asked before approving it; a file is
/// handed over after a confirmation and its hand-over shown. Every state is checked with axe and for CSP violations.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RetentionWorkTests(BrowserFixture fixture)
{
    private const string Rsk = "rhein-sieg-kreis";

    [Fact]
    public async Task ACaseworker_PlacesALegalHoldWithAReason_AndReleasesItAfterAConfirmation()
    {
        var page = await SignInAsync(Rsk, "rsk.becker", "demo-becker");
        var surname = "Gesperrt" + Letters();
        var file = await CreateFileAsync(page, surname);
        var number = file.GetProperty("fileNumber").GetString()!;

        await page.GotoAsync(Url($"workbench/retention/hold?file={file.GetProperty("id").GetGuid()}"));
        (await page.InnerTextAsync("h1")).ShouldBe($"Sperre für Akte {number}");
        await AccessibleAsync(page, "retention-hold");

        // Spaces are no reason: named at the input, what was typed stays.
        await page.FillAsync("#reason", "   ");
        await page.ClickAsync("form[aria-labelledby=hold-heading] >> button[type=submit]");
        (await page.InnerTextAsync("#reason-error")).ShouldBe("Der Grund der Sperre fehlt.");
        (await page.GetAttributeAsync("#reason", "aria-invalid")).ShouldBe("true");
        await AccessibleAsync(page, "retention-hold-reason-missing");

        await page.FillAsync("#reason", "Klage vor dem VG Köln anhängig");
        await page.ClickAsync("form[aria-labelledby=hold-heading] >> button[type=submit]");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("Die Sperre wurde gesetzt.");
        (await page.InnerTextAsync("#file-holds")).ShouldContain("Klage vor dem VG Köln anhängig");
        await AccessibleAsync(page, "retention-hold-placed");

        await page.ClickAsync("nav.saas-subnav >> text=Aufbewahrung und Abgabe");
        var row = page.Locator("#holds tbody tr", new PageLocatorOptions { HasText = number });
        (await row.InnerTextAsync()).ShouldContain("Klage vor dem VG Köln anhängig");
        await AccessibleAsync(page, "retention-index");

        await row.Locator("a", new LocatorLocatorOptions { HasText = "Aufheben" }).ClickAsync();
        (await page.InnerTextAsync("#confirm-heading")).ShouldBe("Sperre wirklich aufheben?");
        await AccessibleAsync(page, "retention-release-confirm");
        await page.ClickAsync("text=Ja, Sperre aufheben");
        (await page.InnerTextAsync("[role=status]")).ShouldBe($"Die Sperre der Akte {number} wurde aufgehoben.");
        (await page.Locator("#holds tbody tr", new PageLocatorOptions { HasText = number }).CountAsync()).ShouldBe(0);
        await AccessibleAsync(page, "retention-released");
    }

    [Fact]
    public async Task ACaseworker_ProposesADeletionRun_AndOpensIt_AndAnAdminIsAskedBeforeApproving()
    {
        var page = await SignInAsync(Rsk, "rsk.becker", "demo-becker");
        await page.GotoAsync(Url("workbench/retention"));
        await page.FillAsync("#asOf", "2031-01-01");
        await page.ClickAsync("form[aria-labelledby=propose-heading] >> button[type=submit]");
        page.Url.ShouldMatch(".*/workbench/retention/runs/[0-9a-f-]{36}\\?proposed=True$");
        (await page.InnerTextAsync("h1")).ShouldBe("Löschlauf zum 01.01.2031");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("Der Bericht wurde erstellt.");
        (await page.InnerTextAsync("#run-facts")).ShouldContain("vorgeschlagen");
        (await page.InnerTextAsync("#steps-heading ~ p")).ShouldContain("Freigeben, ausführen oder verwerfen kann nur");
        await AccessibleAsync(page, "retention-run-proposed");
        var run = new Uri(page.Url).AbsolutePath;

        // Opened again from the list of runs.
        await page.GotoAsync(Url("workbench/retention"));
        await AccessibleAsync(page, "retention-index-with-run");
        await page.Locator($"#runs a[href='{run}']").ClickAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe(run);

        var admin = await SignInAsync(Rsk, "rsk.admin", "demo-rsk");
        await admin.GotoAsync(new Uri(fixture.BaseAddress, run).ToString());
        await AccessibleAsync(admin, "retention-run-admin");
        await admin.ClickAsync("#steps >> text=Löschlauf freigeben");
        (await admin.InnerTextAsync("#confirm-heading")).ShouldBe("Löschlauf wirklich freigeben?");
        await AccessibleAsync(admin, "retention-run-confirm-approve");
        await admin.ClickAsync("text=Ja, freigeben");
        (await admin.InnerTextAsync("[role=status]")).ShouldBe("Der Löschlauf wurde freigegeben.");
        (await admin.InnerTextAsync("#run-facts")).ShouldContain("freigegeben");
        await AccessibleAsync(admin, "retention-run-approved");

        // Dropped again, so that no demo document is deleted by a later test.
        await admin.ClickAsync("#steps >> text=Löschlauf verwerfen");
        await admin.ClickAsync("text=Ja, verwerfen");
        (await admin.InnerTextAsync("#run-facts")).ShouldContain("verworfen");
    }

    [Fact]
    public async Task ACaseworker_HandsAFileOverAfterAConfirmation_AndSeesTheHandOver()
    {
        var page = await SignInAsync(Rsk, "rsk.becker", "demo-becker");
        var file = await CreateFileAsync(page, "Umzug" + Letters());
        var number = file.GetProperty("fileNumber").GetString()!;

        await page.GotoAsync(Url($"workbench/transfers/new?file={file.GetProperty("id").GetGuid()}"));
        (await page.InnerTextAsync("h1")).ShouldBe($"Akte {number} abgeben");
        await AccessibleAsync(page, "transfer-start");

        await page.SelectOptionAsync("#toAuthority", "aachen");
        await page.FillAsync("#reason", "Umzug nach Aachen");
        await page.ClickAsync("form[aria-labelledby=form-heading] >> button[type=submit]");
        (await page.InnerTextAsync("#confirm-heading")).ShouldBe("Akte wirklich abgeben?");
        await AccessibleAsync(page, "transfer-confirm");
        await page.ClickAsync("text=Ja, jetzt abgeben");

        page.Url.ShouldMatch(".*/workbench/transfers/[0-9a-f-]{36}\\?sent=True$");
        (await page.InnerTextAsync("h1")).ShouldBe($"Abgabe der Akte {number}");
        (await page.InnerTextAsync("#transfer-state")).ShouldBe("abgegeben, noch nicht übernommen");
        (await page.InnerTextAsync("#transfer-facts")).ShouldContain("aachen");
        await AccessibleAsync(page, "transfer-detail");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-package"));
        download.SuggestedFilename.ShouldEndWith(".zip");

        await page.ClickAsync("text=Zurück zu Abgaben und Übernahmen");
        (await page.InnerTextAsync("#transfers")).ShouldContain(number);
        await AccessibleAsync(page, "transfer-index");
    }

    [Fact]
    public async Task AFileHandedOverToABodyOutsideThePlatform_IsDownloaded_AndItsConfirmationIsRecordedOnThePage()
    {
        var page = await SignInAsync(Rsk, "rsk.becker", "demo-becker");
        var file = await CreateFileAsync(page, "Auswaerts" + Letters());
        var fileId = file.GetProperty("id").GetGuid();

        await page.GotoAsync(Url($"workbench/transfers/new?file={fileId}"));
        await page.FillAsync("#outsideAuthority", "Landeshauptstadt Musterstadt");
        await page.FillAsync("#reason", "Umzug nach Musterstadt");
        await page.ClickAsync("form[aria-labelledby=form-heading] >> button[type=submit]");
        await page.ClickAsync("text=Ja, jetzt abgeben");

        page.Url.ShouldMatch(".*/workbench/transfers/[0-9a-f-]{36}\\?sent=True$");
        (await page.InnerTextAsync("#transfer-facts")).ShouldContain("Landeshauptstadt Musterstadt");
        (await page.InnerTextAsync("#outside-hint")).ShouldContain("0401");
        await AccessibleAsync(page, "transfer-outside");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-package"));
        download.SuggestedFilename.ShouldEndWith("_Abgabe.Abgabe.0401.zip");

        // What the body outside sends back: its import confirmation for this process and this Akte.
        var process = (await page.InnerTextAsync("#transfer-facts code")).Trim();
        var confirmation = "<Abgabe.ImportBestaetigen.0402 xmlns=\"urn:xoev-de:xdomea:schema:3.0.0\"><Kopf>"
            + $"<ProzessID>{process}</ProzessID>"
            + "<Nachrichtentyp listURI=\"urn:xoev-de:xdomea:codeliste:nachrichtentyp\" listVersionID=\"2.0\"><code xmlns=\"\">0402</code></Nachrichtentyp>"
            + "<Erstellungszeitpunkt>2026-06-01T12:00:00+02:00</Erstellungszeitpunkt>"
            + "<Absender><Institution><Name>Landeshauptstadt Musterstadt</Name></Institution></Absender><Empfaenger><Institution><Name>Rhein-Sieg-Kreis</Name></Institution></Empfaenger>"
            + $"</Kopf><AbgegebenesObjekt><IDSGO>{fileId}</IDSGO><Erfolgreich>1</Erfolgreich></AbgegebenesObjekt></Abgabe.ImportBestaetigen.0402>";
        await page.SetInputFilesAsync("#confirmation", new FilePayload { Name = "0402.xml", MimeType = "application/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(confirmation) });
        await page.ClickAsync("form[aria-labelledby=confirmation-heading] >> button[type=submit]");

        (await page.InnerTextAsync("[role=status]")).ShouldContain("Die Bestätigung ist bei dieser Abgabe erfasst.");
        (await page.InnerTextAsync("#transfer-state")).ShouldStartWith("von der empfangenden Behörde übernommen");
        (await page.InnerTextAsync("#confirmations")).ShouldContain("Abgabe.ImportBestaetigen.0402");
        await AccessibleAsync(page, "transfer-outside-confirmed");
    }

    private string Url(string path) => new Uri(fixture.BaseAddress, $"/t/{Rsk}/{path}").ToString();

    private Task<IPage> SignInAsync(string tenant, string username, string password) => Staff.SignInAsync(fixture, tenant, username, password);

    private Task<JsonElement> CreateFileAsync(IPage page, string surname) => Staff.CreateFileAsync(fixture, page, surname);

    private static async Task AccessibleAsync(IPage page, string name)
    {
        await Accessibility.ScreenshotAsync(page, name);
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
    }

    private static string Letters() => Staff.Letters();
}
