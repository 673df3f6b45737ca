using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Saas.Modules.Applications.Tests.Features.Intake;
using Saas.Modules.Applications.Tests.Features.Portal;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Applications.Tests.Features.Mailbox;

/// <summary>
/// The mailbox of a submission (docs/adr/0044): the applicant writes with a file, and the message is filed into the case
/// as a letter with the attachment as a document; the caseworker answers and the applicant reads it; a process's
/// notify lands there as a notice in the applicant's language, beside the timeline's "evidence requested". A guest
/// writes by the draft's link. Empty, overlong and too early messages are refused with the text kept; another
/// applicant and another authority find nothing.
/// </summary>
public sealed class MailboxTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private string ApplicantToken(string subject) => fixture.ApplicantToken(subject);

    private HttpClient Client(TenantInfo tenant, string token) => fixture.Api(tenant, token);

    private HttpClient Staff(TenantInfo tenant) => Client(tenant, fixture.TokenFor(tenant.Key, $"cw-{tenant.Key}"));

    private async Task<Guid> SubmitAsync(TenantInfo tenant, string token)
    {
        var values = new JsonObject
        {
            ["antragsteller"] = new JsonObject { ["familienname"] = "Kovalenko", ["vornamen"] = "Olena", ["geburtsdatum"] = "1988-11-23" },
            ["aufenthalt"] = new JsonObject { ["zweck"] = "familie", ["einverstanden"] = true },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{tenant.Key}/api/applications/{PortalFixture.FormKey}/submissions")
        {
            Content = new StringContent(values.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await fixture.App.CreateClient().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Polls <paramref name="url"/> until <paramref name="done"/> holds (bounded; no assertion on time).</summary>
    private static async Task<JsonElement> UntilAsync(HttpClient client, string url, Func<JsonElement, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var state = await client.GetFromJsonAsync<JsonElement>(url);
            if (done(state) || attempt > 600)
            {
                return state;
            }

            await Task.Delay(100);
        }
    }

    private Task<JsonElement> FiledAsync(TenantInfo tenant, Guid id) =>
        UntilAsync(Staff(tenant), $"api/applications/intake/{id}", i => i.GetProperty("status").GetString() != "received");

    [Fact]
    public async Task TheApplicantsMessageWithAFile_IsFiledIntoTheCase_AndTheCaseworkersAnswerIsReadOnThePortal()
    {
        var subject = "bpk2-" + Guid.NewGuid().ToString("N");
        var id = await SubmitAsync(fixture.A, ApplicantToken(subject));
        var item = await FiledAsync(fixture.A, id);
        item.GetProperty("status").GetString().ShouldBe("filed", item.ToString());

        // On the portal's page of the application, as a browser posts it: a text of two lines and a PDF.
        var browser = fixture.Browser();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApplicantToken(subject));
        var page = $"/t/{fixture.A.Key}/antraege/meine/{id}";
        var sent = await PortalFixture.PostAsync(browser, page + "?handler=Message", [("nachricht", "Anbei der neue Arbeitsvertrag.\nMit freundlichen Grüßen")],
            ("anhang", "vertrag-neu.pdf", "application/pdf", PortalFixture.Pdf("Neuer Vertrag Kovalenko")), page: page);
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());

        var staff = Staff(fixture.A);
        var messages = await UntilAsync(staff, $"api/applications/intake/{id}/messages", m => m.EnumerateArray().All(x => x.GetProperty("filed").GetBoolean()));
        var message = messages.EnumerateArray().Single();
        message.GetProperty("filed").GetBoolean().ShouldBeTrue(message.ToString());
        message.GetProperty("direction").GetString().ShouldBe("from-applicant");
        message.GetProperty("attachment").GetString().ShouldBe("vertrag-neu.pdf");
        message.GetProperty("readAt").ValueKind.ShouldNotBe(JsonValueKind.Null, "the caseworker has now read it");

        // In the e-Akte: the message as a letter (Schriftverkehr) and the file as a document of the case.
        var file = await staff.GetFromJsonAsync<JsonElement>($"api/cases/files/{item.GetProperty("caseFileId").GetGuid()}");
        var documents = file.GetProperty("documents").EnumerateArray().ToList();
        var letter = documents.Single(d => d.GetProperty("documentType").GetString() == "schriftverkehr");
        letter.GetProperty("caseId").GetGuid().ShouldBe(item.GetProperty("caseId").GetGuid());
        var text = await IntakeTests.PdfTextAsync(await staff.GetByteArrayAsync($"api/cases/documents/{letter.GetProperty("id").GetGuid()}/content"));
        text.ShouldContain("Anbei der neue Arbeitsvertrag.");
        text.ShouldContain("vertrag-neu.pdf");
        documents.ShouldContain(d => d.GetProperty("title").GetString()!.Contains("vertrag-neu", StringComparison.Ordinal), string.Join(", ", documents.Select(d => d.GetProperty("title").GetString())));

        // The caseworker answers; the applicant reads it (and only then is it read).
        var answered = await staff.PostAsJsonAsync($"api/applications/intake/{id}/messages", new { text = "Danke, wir prüfen den Vertrag." });
        answered.StatusCode.ShouldBe(HttpStatusCode.Created, await answered.Content.ReadAsStringAsync());
        (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("readAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var html = await PortalFixture.HtmlAsync(browser, page);
        html.ShouldContain("Danke, wir prüfen den Vertrag.");
        html.ShouldContain("Anhang: vertrag-neu.pdf");
        var read = await staff.GetFromJsonAsync<JsonElement>($"api/applications/intake/{id}/messages");
        read.EnumerateArray().Single(m => m.GetProperty("direction").GetString() == "to-applicant").GetProperty("readAt").ValueKind.ShouldNotBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task AProcessNotice_LandsInTheMailbox_WithTheTimelinesEvidenceRequested()
    {
        var subject = "bpk2-" + Guid.NewGuid().ToString("N");
        var id = await SubmitAsync(fixture.A, ApplicantToken(subject));
        var item = await FiledAsync(fixture.A, id);
        var staff = Staff(fixture.A);
        var taken = await staff.PostAsJsonAsync($"api/workflows/instances/{item.GetProperty("processInstanceId").GetGuid()}/transitions/nachfordern",
            new { inputs = new JsonObject { ["nachforderung.fehlend"] = new JsonArray("Reisepass") } });
        taken.StatusCode.ShouldBe(HttpStatusCode.OK, await taken.Content.ReadAsStringAsync());

        var mine = Client(fixture.A, ApplicantToken(subject));
        var messages = await UntilAsync(mine, $"api/applications/mine/{id}/messages", m => m.GetArrayLength() > 0);
        var notice = messages.EnumerateArray().Single();
        notice.GetProperty("notice").GetString().ShouldBe("nachweise-angefordert");
        notice.GetProperty("author").GetString().ShouldBe("process");
        notice.GetProperty("text").GetString()!.ShouldStartWith("Für Ihren Antrag fehlen noch Nachweise.");
        var detail = await mine.GetFromJsonAsync<JsonElement>($"api/applications/mine/{id}");
        detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("status").GetString()).ShouldBe(["received", "evidence-requested"]);

        // In English when the applicant reads in English.
        var english = await mine.GetFromJsonAsync<JsonElement>($"api/applications/mine/{id}/messages?lang=en");
        english.EnumerateArray().Single().GetProperty("text").GetString()!.ShouldStartWith("Evidence is still missing");
    }

    [Fact]
    public async Task BadMessages_AreRefusedWithTheTextKept_AndNobodyElseFindsTheMailbox()
    {
        var subject = "bpk2-" + Guid.NewGuid().ToString("N");
        var id = await SubmitAsync(fixture.A, ApplicantToken(subject));
        await FiledAsync(fixture.A, id);
        var mine = Client(fixture.A, ApplicantToken(subject));

        (await mine.PostAsJsonAsync($"api/applications/mine/{id}/messages", new { text = "  " })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await mine.PostAsJsonAsync($"api/applications/mine/{id}/messages", new { text = new string('x', 5001) })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await mine.PostAsJsonAsync($"api/applications/mine/{id}/messages", new { text = "Hallo\u0007" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        // On the page: a file that is no PDF is refused at the form, and the text typed stays.
        var browser = fixture.Browser();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApplicantToken(subject));
        var page = $"/t/{fixture.A.Key}/antraege/meine/{id}";
        var refused = await PortalFixture.PostAsync(browser, page + "?handler=Message", [("nachricht", "Mein <b>Pass</b>")],
            ("anhang", "pass.pdf", "application/pdf", "MZ kein PDF"u8.ToArray()), page: page);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("id=\"postfach-fehler\"");
        html.ShouldContain("Mein &lt;b&gt;Pass&lt;/b&gt;</textarea>");
        (await mine.GetFromJsonAsync<JsonElement>($"api/applications/mine/{id}/messages")).GetArrayLength().ShouldBe(0, "nothing refused was kept");

        // Another applicant, the same person at another authority, and B's staff find nothing.
        (await Client(fixture.A, ApplicantToken("bpk2-" + Guid.NewGuid().ToString("N"))).GetAsync($"api/applications/mine/{id}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client(fixture.B, ApplicantToken(subject)).GetAsync($"api/applications/mine/{id}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Staff(fixture.B).GetAsync($"api/applications/intake/{id}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Staff(fixture.B).PostAsJsonAsync($"api/applications/intake/{id}/messages", new { text = "Hallo" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BeforeTheIntakeFiledIt_TheMailboxIsNotOpenYet()
    {
        // B has not published the process: the intake stops, the case is not opened, and a message could not be filed.
        var subject = "bpk2-" + Guid.NewGuid().ToString("N");
        var id = await SubmitAsync(fixture.B, ApplicantToken(subject));
        (await FiledAsync(fixture.B, id)).GetProperty("status").GetString().ShouldBe("failed");
        var refused = await Client(fixture.B, ApplicantToken(subject)).PostAsJsonAsync($"api/applications/mine/{id}/messages", new { text = "Hallo" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("application-mailbox-not-open");
        var browser = fixture.Browser();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApplicantToken(subject));
        (await PortalFixture.HtmlAsync(browser, $"/t/{fixture.B.Key}/antraege/meine/{id}")).ShouldContain("id=\"postfach-bald\"");
    }

    [Fact]
    public async Task TheCaseworkersPages_ListTheOnlineApplications_ShowTheMailbox_AndAnswer()
    {
        var subject = "bpk2-" + Guid.NewGuid().ToString("N");
        var id = await SubmitAsync(fixture.A, ApplicantToken(subject));
        await FiledAsync(fixture.A, id);
        (await Client(fixture.A, ApplicantToken(subject)).PostAsJsonAsync($"api/applications/mine/{id}/messages", new { text = "Ich bin ab Montag verreist." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var browser = fixture.Browser();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.TokenFor(fixture.A.Key, $"cw-{fixture.A.Key}"));
        var list = await PortalFixture.HtmlAsync(browser, $"/t/{fixture.A.Key}/workbench/online?status=filed");
        list.ShouldContain($"data-submission=\"{id}\"");
        list.ShouldContain("Kovalenko, Olena");
        var page = $"/t/{fixture.A.Key}/workbench/online/{id}";
        var detail = await PortalFixture.HtmlAsync(browser, page);
        detail.ShouldContain("Ich bin ab Montag verreist.");
        detail.ShouldContain("id=\"akte\"");

        // An empty answer is refused on the page; a real one reaches the applicant.
        var refused = await PortalFixture.PostAsync(browser, page + "/Answer", [("antwort", " ")], page: page);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("id=\"fehler\"");
        var answered = await PortalFixture.PostAsync(browser, page + "/Answer", [("antwort", "Gute Reise, wir melden uns.")], page: page);
        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answered.Content.ReadAsStringAsync());
        var messages = await Client(fixture.A, ApplicantToken(subject)).GetFromJsonAsync<JsonElement>($"api/applications/mine/{id}/messages");
        messages.EnumerateArray().Select(m => m.GetProperty("text").GetString()).ShouldBe(["Ich bin ab Montag verreist.", "Gute Reise, wir melden uns."]);

        // The applicant and another authority's caseworker do not get in.
        var applicant = fixture.Browser();
        applicant.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApplicantToken(subject));
        (await applicant.GetAsync($"/t/{fixture.A.Key}/workbench/online")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var other = fixture.Browser();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.TokenFor(fixture.B.Key, $"cw-{fixture.B.Key}"));
        (await other.GetAsync($"/t/{fixture.B.Key}/workbench/online/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
