using System.Net;
using System.Text.Json;
using Saas.Testing;
using Saas.Modules.Applications.Features.Samples;

namespace Saas.Modules.Applications.Tests.Features.Portal;

/// <summary>
/// The applicant's form on the portal without JavaScript (docs/adr/0035), through the host as a browser sees it: the
/// list of forms in the reader's language, each step rendered accessibly, errors at their fields and in the summary
/// with nothing entered lost, a field hidden by its condition neither rendered nor required, repeating groups by submit
/// buttons, save and resume by the link, and the summary, the submit and the receipt; another authority's link is not found.
/// </summary>
public sealed class PortalFormTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static (string Name, string Value)[] Person(string surname = "Öztürk", string birth = "1990-05-17") =>
        [("antragsteller.familienname", surname), ("antragsteller.vornamen", "Ayşe"), ("antragsteller.geburtsdatum", birth), ("aktion", "weiter")];

    private static string StepUrl(string first, string step) => first[..first.LastIndexOf('/')] + "/" + step;

    [Fact]
    public async Task TheFormsList_ShowsTitlesInTheReadersLanguage_AndMarksAGermanOnlyTitle()
    {
        await fixture.PublishAsync(fixture.A, ApplicationsSamples.FormYaml("nur-deutsch", "Nur auf Deutsch"));
        var browser = fixture.Browser();

        var english = await PortalFixture.HtmlAsync(browser, $"/t/{fixture.A.Key}/antraege?lang=en");
        english.ShouldContain("Extension of the residence permit (employment)");
        english.ShouldContain("<span lang=\"de\">Probeantrag Nur auf Deutsch</span>", Case.Sensitive, "a title borrowed from German is marked");
        english.ShouldContain($"href=\"/t/{fixture.A.Key}/antraege/{PortalFixture.FormKey}\"");

        var german = await PortalFixture.HtmlAsync(browser, $"/t/{fixture.A.Key}/antraege?lang=de");
        german.ShouldContain("Verlängerung der Aufenthaltserlaubnis (Beschäftigung)");
        german.ShouldNotContain("<span lang=\"de\">");
    }

    [Fact]
    public async Task TheSampleForm_StartsADraft_AndRendersItsStepsAccessibly()
    {
        var browser = fixture.Browser();
        var first = await PortalFixture.StartAsync(browser, fixture.A);
        first.ShouldMatch($"^/t/{fixture.A.Key}/antraege/entwurf/[A-Za-z0-9_-]{{43}}/person$");
        (await fixture.CountAsync(fixture.A)).Drafts.ShouldBe(1);

        var html = await PortalFixture.HtmlAsync(browser, first);
        html.ShouldContain("<label class=\"kern-label\" for=\"feld-antragsteller-familienname\">Familienname <span class=\"saas-required\">(Pflichtfeld)</span></label>");
        html.ShouldContain("id=\"feld-antragsteller-familienname\" name=\"antragsteller.familienname\" aria-required=\"true\" maxlength=\"120\"");
        html.ShouldContain("type=\"date\" id=\"feld-antragsteller-geburtsdatum\"");
        html.ShouldContain("<legend class=\"kern-label\">Antragstellerin oder Antragsteller</legend>");
        html.ShouldContain("name=\"aktion\" value=\"hinzufuegen:kinder\"", Case.Sensitive, "a repeating group is added to by a submit button");
        html.ShouldContain("enctype=\"multipart/form-data\"");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("feld-aufenthalt-zweck", Case.Sensitive, "the next step's fields are not on this one");

        var stay = await PortalFixture.HtmlAsync(browser, StepUrl(first, "aufenthalt") + "?lang=en");
        stay.ShouldContain("<option value=\"beschaeftigung\">Employment</option>");
        stay.ShouldContain("Purpose of stay");
        stay.ShouldContain("type=\"checkbox\" value=\"true\" id=\"feld-aufenthalt-einverstanden\"");
        stay.ShouldNotContain("feld-aufenthalt-arbeitgeber", Case.Sensitive, "hidden until the purpose is employment");
    }

    [Fact]
    public async Task AStepWithAnError_ShowsItAtTheFieldAndAtTheTop_InTheApplicantsLanguage_KeepingEverythingEntered()
    {
        var browser = fixture.Browser();
        var first = await PortalFixture.StartAsync(browser, fixture.A);

        var response = await PortalFixture.PostAsync(browser, first + "?lang=en", Person("Öztürk <script>alert(1)</script>", "im Mai"));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, html);
        html.ShouldContain("aria-describedby=\"feld-antragsteller-geburtsdatum-fehler\" aria-invalid=\"true\" aria-required=\"true\"");
        html.ShouldContain("<p class=\"kern-error\" id=\"feld-antragsteller-geburtsdatum-fehler\"><span class=\"kern-body\">Please enter a date (YYYY-MM-DD).</span></p>");
        html.ShouldContain("<a class=\"kern-link\" href=\"#feld-antragsteller-geburtsdatum\">Date of birth: Please enter a date (YYYY-MM-DD).</a>");
        html.ShouldContain("value=\"Öztürk &lt;script&gt;alert(1)&lt;/script&gt;\"", Case.Sensitive, "the other values are kept, as text");
        html.ShouldContain("value=\"im Mai\"", Case.Sensitive, "the refused value is kept to be corrected");
        html.ShouldNotContain("<script>alert(1)");
        html.ShouldNotContain("feld-antragsteller-familienname-fehler");

        // The draft kept it too: the step read again shows it without an error.
        var again = await PortalFixture.HtmlAsync(browser, first);
        again.ShouldContain("value=\"Ayşe\"");
        again.ShouldNotContain("kern-error");
    }

    [Fact]
    public async Task AHiddenField_IsNotRenderedNorRequired_AndShowsAndIsRequiredAfterThePostThatRevealsIt()
    {
        var browser = fixture.Browser();
        var first = await PortalFixture.StartAsync(browser, fixture.A);
        (await PortalFixture.PostAsync(browser, first, Person())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stay = StepUrl(first, "aufenthalt");

        var studies = await PortalFixture.PostAsync(browser, stay, [("aufenthalt.zweck", "studium"), ("aufenthalt.einverstanden", "true"), ("aufenthalt.arbeitgeber", "forged"), ("aktion", "weiter")]);
        studies.StatusCode.ShouldBe(HttpStatusCode.Redirect, await studies.Content.ReadAsStringAsync());
        studies.Headers.Location!.OriginalString.ShouldEndWith("/zusammenfassung");
        (await PortalFixture.HtmlAsync(browser, stay)).ShouldNotContain("feld-aufenthalt-arbeitgeber");

        var employment = await PortalFixture.PostAsync(browser, stay, [("aufenthalt.zweck", "beschaeftigung"), ("aufenthalt.einverstanden", "true"), ("aktion", "weiter")]);
        var html = await employment.Content.ReadAsStringAsync();
        employment.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, html);
        html.ShouldContain("href=\"#feld-aufenthalt-arbeitgeber\">Arbeitgeber: Bitte füllen Sie dieses Feld aus.</a>");
        html.ShouldContain("href=\"#feld-aufenthalt-arbeitsvertrag\">Arbeitsvertrag: Bitte füllen Sie dieses Feld aus.</a>");
        html.ShouldContain("aria-describedby=\"feld-aufenthalt-arbeitsvertrag-hilfe feld-aufenthalt-arbeitsvertrag-fehler\"");
        html.ShouldNotContain("value=\"forged\"", Case.Sensitive, "a field that was hidden was not read from the post");

        // The computed yearly salary is shown read-only from the monthly one.
        var salary = await PortalFixture.PostAsync(browser, stay, [("aufenthalt.zweck", "beschaeftigung"), ("aufenthalt.arbeitgeber", "Muster GmbH"),
            ("aufenthalt.bruttogehalt", "3000,50"), ("aufenthalt.einverstanden", "true"), ("aktion", "weiter")],
            ("aufenthalt.arbeitsvertrag", "vertrag.pdf", "application/pdf", PortalFixture.Pdf()));
        var salaryHtml = await salary.Content.ReadAsStringAsync();
        salary.StatusCode.ShouldBe(HttpStatusCode.Redirect, salaryHtml);
        var shown = await PortalFixture.HtmlAsync(browser, stay);
        shown.ShouldContain("<output class=\"kern-body\" id=\"feld-aufenthalt-jahresgehalt\" aria-labelledby=\"feld-aufenthalt-jahresgehalt-label\">36006");
        shown.ShouldContain($"Hochgeladen: vertrag.pdf ({PortalFixture.Pdf().Length} Bytes).");
    }

    [Fact]
    public async Task ARepeatingGroup_IsAddedToAndRemovedFrom_BySubmitButtons()
    {
        var browser = fixture.Browser();
        var first = await PortalFixture.StartAsync(browser, fixture.A);

        var added = await PortalFixture.PostAsync(browser, first, [.. Person()[..3], ("aktion", "hinzufuegen:kinder")]);
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        added.Headers.Location!.OriginalString.ShouldEndWith("/person#feld-kinder-0-");
        await PortalFixture.PostAsync(browser, first, [.. Person()[..3], ("kinder[0].name", "Can"), ("aktion", "hinzufuegen:kinder")]);

        var two = await PortalFixture.HtmlAsync(browser, first);
        two.ShouldContain("<legend class=\"kern-label\">Kinder – Eintrag 2</legend>");
        two.ShouldContain("name=\"kinder[0].name\" aria-required=\"true\" maxlength=\"120\" value=\"Can\"");
        two.ShouldContain("value=\"entfernen:kinder[1]\"");

        await PortalFixture.PostAsync(browser, first, [.. Person()[..3], ("kinder[0].name", "Can"), ("kinder[1].name", "Ela"), ("aktion", "entfernen:kinder[0]")]);
        var one = await PortalFixture.HtmlAsync(browser, first);
        one.ShouldNotContain("Eintrag 2");
        one.ShouldContain("value=\"Ela\"", Case.Sensitive, "the second entry moved up; what was entered in it stays");

        // A child without its required birth date holds the step up, located in its entry.
        var missing = await PortalFixture.PostAsync(browser, first, [.. Person(), ("kinder[0].name", "Ela")]);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("href=\"#feld-kinder-0--geburtsdatum\">Geburtsdatum des Kindes: Bitte füllen Sie dieses Feld aus.</a>");
    }

    [Fact]
    public async Task HostilePosts_AreRefusedWithAClearMessage_AndWhatWasAcceptedBeforeStays()
    {
        var browser = fixture.Browser();
        var first = await PortalFixture.StartAsync(browser, fixture.A);
        (await PortalFixture.PostAsync(browser, first, [.. Person()[..3], ("aktion", "speichern")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // A text far beyond any form field: refused at its field, the earlier answer kept, the step not left.
        var huge = await PortalFixture.PostAsync(browser, first, [("antragsteller.familienname", new string('x', 20_000)), ("aktion", "weiter")]);
        huge.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = await huge.Content.ReadAsStringAsync();
        page.ShouldContain("Diese Angabe ist zu lang (höchstens 10000 Zeichen");
        page.ShouldContain("href=\"#feld-antragsteller-familienname\"");
        page.ShouldContain("value=\"Öztürk\"", Case.Sensitive, "the answer accepted before stays");

        // A file whose name is longer than a file system takes (the contract is asked for when the purpose is employment).
        var stay = StepUrl(first, "aufenthalt");
        (await PortalFixture.PostAsync(browser, stay, [("aufenthalt.zweck", "beschaeftigung"), ("aktion", "speichern")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var file = await PortalFixture.PostAsync(browser, stay, [("aufenthalt.zweck", "beschaeftigung"), ("aktion", "weiter")],
            ("aufenthalt.arbeitsvertrag", new string('a', 300) + ".pdf", "application/pdf", "%PDF-1.7"u8.ToArray()));
        file.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await file.Content.ReadAsStringAsync()).ShouldContain("href=\"#feld-aufenthalt-arbeitsvertrag\"");

        // More values than the form reader takes: nothing of the post is taken, and the kernel says so.
        var tooMany = await PortalFixture.PostAsync(browser, first,
            Enumerable.Range(0, 2_100).Select(i => ($"x{i}", "1")).Append(("antragsteller.familienname", "Angreifer")).ToArray());
        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await tooMany.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("form-not-taken");
        problem.GetProperty("title").GetString()!.ShouldStartWith("Ihre Eingabe war zu umfangreich oder das Formular war veraltet; sie wurde nicht übernommen.");

        // A 70 KB answer in a multipart post reaches the step and is refused at its field like any answer out of bounds.
        var long70 = await PortalFixture.PostAsync(browser, first, [("antragsteller.vornamen", new string('y', 70 * 1024)), ("aktion", "weiter")]);
        long70.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await long70.Content.ReadAsStringAsync()).ShouldContain("href=\"#feld-antragsteller-vornamen\"");

        (await PortalFixture.HtmlAsync(fixture.Browser(), first)).ShouldContain("value=\"Öztürk\"", Case.Sensitive, "the draft is as it was before the hostile posts");
    }

    [Fact]
    public async Task SaveAndContinueLater_ShowsTheResumeLink_ThatAnotherBrowserOpensWithTheAnswers()
    {
        var browser = fixture.Browser();
        var first = await PortalFixture.StartAsync(browser, fixture.A);

        var saved = await PortalFixture.PostAsync(browser, first, [("antragsteller.familienname", "Haddad"), ("aktion", "speichern")]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, "saving never waits for the required fields");
        var notice = await PortalFixture.HtmlAsync(browser, saved.Headers.Location!.OriginalString);
        notice.ShouldContain($"id=\"fortsetzen\" href=\"http://localhost{first}\"");
        notice.ShouldContain("<form method=\"post\" id=\"link-senden\"", Case.Insensitive, "the notice offers to send the link");

        var elsewhere = fixture.Browser();
        (await PortalFixture.HtmlAsync(elsewhere, first)).ShouldContain("value=\"Haddad\"");
    }

    [Fact]
    public async Task TheResumeLink_IsSentByEmail_OnlyTheLink_AndOnlyAFewTimes()
    {
        var browser = fixture.Browser();
        var first = await PortalFixture.StartAsync(browser, fixture.A);
        var saved = await PortalFixture.PostAsync(browser, first, [("antragsteller.familienname", "Haddad"), ("aktion", "speichern")]);
        var notice = saved.Headers.Location!.OriginalString;
        var linkForm = notice.Split('?')[0] + "?handler=Link";

        var wrong = await PortalFixture.PostAsync(browser, linkForm, [("email", "not-an-address")], page: notice);
        wrong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var shown = await wrong.Content.ReadAsStringAsync();
        shown.ShouldContain("<p class=\"kern-error\" id=\"email-error\">Geben Sie eine E-Mail-Adresse wie name@beispiel.de an.</p>");
        shown.ShouldContain("aria-invalid=\"true\"");

        var email = TestMail.NewAddress("resume");
        for (var i = 0; i < 3; i++)
        {
            var sent = await PortalFixture.PostAsync(browser, linkForm, [("email", email)], page: notice);
            sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await PortalFixture.HtmlAsync(browser, sent.Headers.Location!.OriginalString)).ShouldContain("id=\"link-gesendet\"");
        }

        var exhausted = await PortalFixture.PostAsync(browser, linkForm, [("email", email)], page: notice);
        exhausted.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await exhausted.Content.ReadAsStringAsync()).ShouldContain("Der Link zu diesem Antrag wurde schon 3-mal verschickt.");

        var mails = await TestMail.WaitForAsync(email, 3);
        var mail = mails[0];
        mail.GetProperty("subject").GetString().ShouldBe($"Ihr Antrag bei {fixture.A.Name}: Link zum Weitermachen");
        var text = mail.GetProperty("text").GetString()!;
        text.ShouldContain($"{SaasAppFactory.PublicBaseUrl.TrimEnd('/')}{first}");
        text.ShouldNotContain("Haddad", customMessage: "no answers in an e-mail");
    }

    [Fact]
    public async Task TheSummary_ListsEveryAnswer_AndSubmittingTwice_MakesOneSubmissionWithOneReceipt()
    {
        var browser = fixture.Browser();
        var first = await PortalFixture.StartAsync(browser, fixture.A);
        await PortalFixture.PostAsync(browser, first, Person());
        var done = await PortalFixture.PostAsync(browser, StepUrl(first, "aufenthalt"), [("aufenthalt.zweck", "familie"), ("aufenthalt.einverstanden", "true"), ("aktion", "weiter")]);
        var summaryUrl = done.Headers.Location!.OriginalString;

        var summary = await PortalFixture.HtmlAsync(browser, summaryUrl);
        summary.ShouldContain("<dt>Familienname</dt><dd>Öztürk</dd>");
        summary.ShouldContain("<dt>Zweck des Aufenthalts</dt><dd>Familiennachzug</dd>");
        summary.ShouldContain("<dt>Ich versichere, dass meine Angaben richtig sind.</dt><dd>Ja</dd>");
        summary.ShouldNotContain("Arbeitgeber", Case.Sensitive, "a hidden field is not an answer");
        var key = System.Text.RegularExpressions.Regex.Match(summary, "name=\"Idempotency-Key\" value=\"([^\"]+)\"").Groups[1].Value;
        key.Length.ShouldBeGreaterThan(20);

        var submitUrl = summaryUrl.Replace("/zusammenfassung", "/absenden", StringComparison.Ordinal);
        var token = PortalFixture.Antiforgery(summary);
        var receipts = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            // The browser's resend: the same form with the same key.
            var response = await browser.PostAsync(submitUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Idempotency-Key"] = key }));
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
            var receipt = await PortalFixture.HtmlAsync(browser, response.Headers.Location!.OriginalString);
            receipt.ShouldContain("<dt>Familienname</dt><dd>Öztürk</dd>");
            receipts.Add(System.Text.RegularExpressions.Regex.Match(receipt, "id=\"eingangsnummer\"><bdi dir=\"ltr\">([^<]+)<").Groups[1].Value);
        }

        receipts[0].ShouldMatch("^20[0-9]{2}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$");
        receipts[1].ShouldBe(receipts[0]);
        (await fixture.CountAsync(fixture.A)).Submissions.ShouldBe(1);
        var stored = await fixture.SingleSubmissionAsync(fixture.A);
        stored.IdempotencyKey.ShouldBe(key);
        JsonNode.Parse(stored.Answers)!["antragsteller"]!["familienname"]!.GetValue<string>().ShouldBe("Öztürk");
        (await browser.GetAsync(first)).Headers.Location!.OriginalString.ShouldEndWith("/eingang", Case.Sensitive, "a submitted draft's steps lead to its receipt");

        // A forged key on the draft's submit is refused, not a second submission.
        var forged = await browser.PostAsync(submitUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Idempotency-Key"] = "other" }));
        forged.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await fixture.CountAsync(fixture.A)).Submissions.ShouldBe(1);
    }

    [Fact]
    public async Task AnotherAuthoritysDraftLink_IsNotFound_ForReadingWritingAndSubmitting()
    {
        var browser = fixture.Browser();
        var first = await PortalFixture.StartAsync(browser, fixture.A);
        await PortalFixture.PostAsync(browser, first, Person("Geheim"));
        var onB = first.Replace($"/t/{fixture.A.Key}/", $"/t/{fixture.B.Key}/", StringComparison.Ordinal);

        var draftOnB = onB[..onB.LastIndexOf('/')];
        foreach (var url in new[] { onB, draftOnB + "/zusammenfassung", draftOnB + "/eingang", draftOnB + "/absenden" })
        {
            var response = await browser.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            body.ShouldNotContain("Geheim");
        }

        var post = await browser.PostAsync(onB, new FormUrlEncodedContent(new Dictionary<string, string> { ["antragsteller.familienname"] = "x" }));
        ((int)post.StatusCode).ShouldBeInRange(400, 404);
        (await fixture.CountAsync(fixture.B)).Drafts.ShouldBe(0);
        (await PortalFixture.HtmlAsync(browser, first)).ShouldContain("value=\"Geheim\"");
    }

    [Fact]
    public async Task AnUnknownForm_OrStep_IsNotFound_WithTheApplicationsOwnProblem()
    {
        var browser = fixture.Browser();
        var unknown = await browser.GetAsync($"/t/{fixture.A.Key}/antraege/gibt-es-nicht");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var first = await PortalFixture.StartAsync(browser, fixture.A);
        var step = await browser.GetAsync(StepUrl(first, "erfunden"));
        step.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await step.Content.ReadAsStringAsync()).ShouldContain("Diesen Schritt hat der Antrag nicht.");
        var json = JsonDocument.Parse(await (await fixture.App.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, StepUrl(first, "erfunden"))
        {
            Headers = { { "Accept", "application/json" } },
        })).Content.ReadAsStringAsync());
        json.RootElement.GetProperty("code").GetString().ShouldBe("application-step-not-found");
    }
}
