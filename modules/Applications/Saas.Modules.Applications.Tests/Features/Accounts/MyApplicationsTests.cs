using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Saas.Modules.Applications.Tests.Features.Intake;
using Saas.Modules.Applications.Tests.Features.Portal;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Applications.Tests.Features.Accounts;

/// <summary>
/// Signed-in applicants (docs/adr/0043): what they submit is theirs, with the trust level of their sign-in; "Meine
/// Anträge" lists their drafts and submissions with the status their case's process gives them, and a submission's
/// timeline follows the process (the caseworkers' own states stay inside). Another applicant, another authority and
/// staff see none of it; a guest follows the application by the draft's link.
/// </summary>
public sealed class MyApplicationsTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private string ApplicantToken(string subject, string? trust = "STORK-QAA-Level-4") => fixture.ApplicantToken(subject, trust);

    private HttpClient Client(TenantInfo tenant, string token) => fixture.Api(tenant, token);

    private async Task<Guid> SubmitAsync(TenantInfo tenant, string? token, string surname)
    {
        var values = new JsonObject
        {
            ["antragsteller"] = new JsonObject { ["familienname"] = surname, ["vornamen"] = "Olena", ["geburtsdatum"] = "1988-11-23" },
            ["aufenthalt"] = new JsonObject { ["zweck"] = "familie", ["einverstanden"] = true },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{tenant.Key}/api/applications/{PortalFixture.FormKey}/submissions")
        {
            Content = new StringContent(values.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await fixture.App.CreateClient().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>The intake's view of a submission once the outbox has filed it.</summary>
    private async Task<JsonElement> FiledAsync(TenantInfo tenant, Guid id)
    {
        var staff = Client(tenant, fixture.TokenFor(tenant.Key, $"cw-{tenant.Key}"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var item = await staff.GetFromJsonAsync<JsonElement>($"api/applications/intake/{id}");
            if (item.GetProperty("status").GetString() != "received" || DateTime.UtcNow > deadline)
            {
                item.GetProperty("status").GetString().ShouldBe("filed", item.ToString());
                return item;
            }

            await Task.Delay(100);
        }
    }

    private static IEnumerable<string> Statuses(JsonElement timeline) => timeline.EnumerateArray().Select(e => e.GetProperty("status").GetString()!);

    [Fact]
    public void EveryStatusAProcessMayName_HasATextInGermanAndEnglish()
    {
        Saas.Platform.Texts.TextCatalog.Include([typeof(Saas.Modules.Applications.Features.Accounts.SignedInApplicant).Assembly]);
        foreach (var status in Saas.Modules.Workflows.Contracts.ApplicantStatuses.All)
        {
            foreach (var language in new[] { "de", "en" })
            {
                Saas.Platform.Texts.TextCatalog.Shared.Has(language, "applications.status." + status).ShouldBeTrue($"{language}: {status}");
            }
        }
    }

    [Fact]
    public async Task ASignedInApplicantsSubmission_IsTheirs_WithTheTrustLevel_AndItsTimelineFollowsTheProcess()
    {
        var subject = "bpk2-" + Guid.NewGuid().ToString("N");
        var mine = Client(fixture.A, ApplicantToken(subject));
        var id = await SubmitAsync(fixture.A, ApplicantToken(subject), "Kovalenko");

        var list = await mine.GetFromJsonAsync<JsonElement>("api/applications/mine");
        var listed = list.GetProperty("submissions").EnumerateArray().Single();
        listed.GetProperty("id").GetGuid().ShouldBe(id);
        listed.GetProperty("status").GetString().ShouldBe("received");

        // Filed into the e-Akte, its process starts in "eingegangen", which the applicant sees as "received" still.
        var item = await FiledAsync(fixture.A, id);
        var detail = await mine.GetFromJsonAsync<JsonElement>($"api/applications/mine/{id}");
        Statuses(detail.GetProperty("timeline")).ShouldBe(["received"]);
        detail.GetProperty("trustLevel").GetString().ShouldBe("STORK-QAA-Level-4");

        // A caseworker records the withdrawal: the applicant's timeline says "decided", not the process's own names.
        var staff = Client(fixture.A, fixture.TokenFor(fixture.A.Key, $"cw-{fixture.A.Key}"));
        var taken = await staff.PostAsJsonAsync($"api/workflows/instances/{item.GetProperty("processInstanceId").GetGuid()}/transitions/zuruecknehmen", new { });
        taken.StatusCode.ShouldBe(HttpStatusCode.OK, await taken.Content.ReadAsStringAsync());
        detail = await mine.GetFromJsonAsync<JsonElement>($"api/applications/mine/{id}");
        Statuses(detail.GetProperty("timeline")).ShouldBe(["received", "decided"]);
        detail.GetProperty("submission").GetProperty("status").GetString().ShouldBe("decided");
        detail.ToString().ShouldNotContain("zurueckgenommen");

        // The portal page shows the same, in the applicant's language.
        var page = await mine.GetAsync($"antraege/meine/{id}");
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("data-status=\"decided\" aria-current=\"step\"");
        html.ShouldContain("Entschieden");
        html.ShouldContain("Vertrauensniveau „hoch“");
    }

    [Fact]
    public async Task AnotherApplicant_AnotherAuthority_StaffAndGuests_SeeNoneOfIt()
    {
        var subject = "bpk2-" + Guid.NewGuid().ToString("N");
        var id = await SubmitAsync(fixture.A, ApplicantToken(subject), "Kovalenko");
        var guest = await SubmitAsync(fixture.A, null, "Gast");

        // The same person at another authority has nothing there, and A's id is not found there.
        var atB = Client(fixture.B, ApplicantToken(subject));
        (await atB.GetFromJsonAsync<JsonElement>("api/applications/mine")).GetProperty("submissions").GetArrayLength().ShouldBe(0);
        (await atB.GetAsync($"api/applications/mine/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Another applicant at A: neither the first one's nor the guest's.
        var other = Client(fixture.A, ApplicantToken("bpk2-" + Guid.NewGuid().ToString("N")));
        (await other.GetFromJsonAsync<JsonElement>("api/applications/mine")).GetProperty("submissions").GetArrayLength().ShouldBe(0);
        (await other.GetAsync($"api/applications/mine/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"api/applications/mine/{guest}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"antraege/meine/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Staff have no "my applications"; nobody signed in gets 401.
        var staff = Client(fixture.A, fixture.TokenFor(fixture.A.Key, $"cw-{fixture.A.Key}"));
        (await staff.GetAsync("api/applications/mine")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.App.CreateClient().GetAsync($"/t/{fixture.A.Key}/api/applications/mine")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ASignedInApplicantsDraft_IsListed_AndContinuedWithANewLink_WhileTheOldOneStopsWorking()
    {
        var subject = "bpk2-" + Guid.NewGuid().ToString("N");
        var browser = fixture.Browser();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApplicantToken(subject, trust: null));
        var first = await PortalFixture.StartAsync(browser, fixture.A);

        var mine = await PortalFixture.HtmlAsync(browser, $"/t/{fixture.A.Key}/antraege/meine");
        mine.ShouldContain("data-draft=");
        // A guest's draft, started without signing in, is nobody's.
        await PortalFixture.StartAsync(fixture.Browser(), fixture.A);
        var listed = await Client(fixture.A, ApplicantToken(subject)).GetFromJsonAsync<JsonElement>("api/applications/mine");
        var draft = listed.GetProperty("drafts").EnumerateArray().Single().GetProperty("id").GetGuid();

        var resumed = await PortalFixture.PostAsync(browser, $"/t/{fixture.A.Key}/antraege/meine?handler=Resume", [("draft", draft.ToString())],
            page: $"/t/{fixture.A.Key}/antraege/meine");
        resumed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await resumed.Content.ReadAsStringAsync());
        var next = resumed.Headers.Location!.OriginalString;
        next.ShouldNotBe(first);
        await PortalFixture.HtmlAsync(browser, next);
        await PortalFixture.HtmlAsync(fixture.Browser(), first, HttpStatusCode.NotFound);

        // Another applicant cannot continue it.
        var stranger = fixture.Browser();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApplicantToken("bpk2-" + Guid.NewGuid().ToString("N")));
        var refused = await PortalFixture.PostAsync(stranger, $"/t/{fixture.A.Key}/antraege/meine?handler=Resume", [("draft", draft.ToString())],
            page: $"/t/{fixture.A.Key}/antraege/meine");
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>Fills in and submits the form on the portal as a browser does: the receipt page's path.</summary>
    private static async Task<string> PortalSubmitAsync(HttpClient browser, TenantInfo tenant)
    {
        var first = await PortalFixture.StartAsync(browser, tenant);
        await PortalFixture.PostAsync(browser, first,
            [("antragsteller.familienname", "Gast"), ("antragsteller.vornamen", "Gustav"), ("antragsteller.geburtsdatum", "1980-01-01"), ("aktion", "weiter")]);
        var done = await PortalFixture.PostAsync(browser, first[..first.LastIndexOf('/')] + "/aufenthalt",
            [("aufenthalt.zweck", "familie"), ("aufenthalt.einverstanden", "true"), ("aktion", "weiter")]);
        var summaryUrl = done.Headers.Location!.OriginalString;
        var summary = await PortalFixture.HtmlAsync(browser, summaryUrl);
        var key = System.Text.RegularExpressions.Regex.Match(summary, "name=\"Idempotency-Key\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await browser.PostAsync(summaryUrl.Replace("/zusammenfassung", "/absenden", StringComparison.Ordinal),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalFixture.Antiforgery(summary), ["Idempotency-Key"] = key }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task AGuestFollowsTheApplicationOnTheReceiptPage_ASignedInApplicantsPortalSubmissionIsTheirs()
    {
        var guest = fixture.Browser();
        var receipt = await PortalFixture.HtmlAsync(guest, await PortalSubmitAsync(guest, fixture.A));
        receipt.ShouldContain("id=\"zeitleiste\"");
        receipt.ShouldContain("data-status=\"received\" aria-current=\"step\"");

        var subject = "bpk2-" + Guid.NewGuid().ToString("N");
        var browser = fixture.Browser();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApplicantToken(subject, "STORK-QAA-Level-3"));
        await PortalSubmitAsync(browser, fixture.A);
        var mine = await PortalFixture.HtmlAsync(browser, $"/t/{fixture.A.Key}/antraege/meine");
        mine.ShouldContain("data-status=\"received\"");
        mine.ShouldContain("Angemeldet als Olena Kovalenko.");
        var listed = await Client(fixture.A, ApplicantToken(subject)).GetFromJsonAsync<JsonElement>("api/applications/mine");
        var id = listed.GetProperty("submissions").EnumerateArray().Single().GetProperty("id").GetGuid();
        (await Client(fixture.A, ApplicantToken(subject)).GetFromJsonAsync<JsonElement>($"api/applications/mine/{id}")).GetProperty("trustLevel").GetString()
            .ShouldBe("STORK-QAA-Level-3", "the trust level of the sign-in it was submitted with");
        listed.GetProperty("drafts").GetArrayLength().ShouldBe(0, "a submitted draft is no longer listed as begun");
    }
}
