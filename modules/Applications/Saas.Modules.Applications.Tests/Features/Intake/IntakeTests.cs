using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Saas.Modules.Applications.Tests.Features.Portal;
using Saas.Platform.Tenancy;
using Saas.Testing;

namespace Saas.Modules.Applications.Tests.Features.Intake;

/// <summary>
/// The portal's fixture whose authorities also have Nürnberg's document types, units and Eingangsbestätigung
/// (tenants/nuernberg), and A the process the form's intake names, so a submission can be filed as it would be there;
/// B lacks the process, for the test of a refused intake.
/// </summary>
public sealed class IntakeFixture : PortalFixture
{
    public const string Process = "aufenthaltserlaubnis-verlaengerung";

    public static IEnumerable<string> Supporting() =>
        new[] { "document-types", "units" }.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(SaasAppFactory.RepositoryRoot, "tenants", "nuernberg", folder), "*.yaml"))
            .Order(StringComparer.Ordinal)
            .Concat(new[] { "eingangsbestaetigung", "portal-nachricht", "nachforderung" }.Select(letter => Path.Combine(SaasAppFactory.RepositoryRoot, "tenants", "nuernberg", "letters", letter + ".yaml")))
            .Select(File.ReadAllText);

    // The letters' templates come from the repository's tenants/ (the shared layout in tenants/_platform/templates).
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Letters:TenantsPath"] = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants"),
    };

    public static string ProcessYaml => File.ReadAllText(Path.Combine(SaasAppFactory.RepositoryRoot, "tenants", "nuernberg", "processes", Process + ".yaml"));

    protected override async Task PrepareAuthoritiesAsync()
    {
        await base.PrepareAuthoritiesAsync();
        foreach (var tenant in new[] { A, B })
        {
            foreach (var yaml in Supporting())
            {
                await PublishAsync(tenant, yaml);
            }
        }

        await PublishAsync(A, ProcessYaml);
    }
}

/// <summary>
/// A submission's way into the e-Akte (docs/adr/0042), through the outbox as the host runs it: a new person gets a new
/// file, a known one is found by name and birth date (or the file number they give), an alike one waits for a
/// caseworker's choice; the case is opened with the process's kind, the evidence becomes its documents, the process
/// starts. A refusal keeps its reason and is retried once fixed; another authority's caseworker sees none of it.
/// </summary>
public sealed class IntakeTests(IntakeFixture fixture) : IClassFixture<IntakeFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Staff(TenantInfo tenant, string who = "cw")
    {
        var client = fixture.App.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant.Key}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.TokenFor(tenant.Key, $"{who}-{tenant.Key}"));
        return client;
    }

    private async Task<Guid> SubmitAsync(TenantInfo tenant, string surname, string given, string birth, string? fileNumber = null, bool contract = true)
    {
        var person = new JsonObject { ["familienname"] = surname, ["vornamen"] = given, ["geburtsdatum"] = birth };
        if (fileNumber is not null)
        {
            person["aktenzeichen"] = fileNumber;
        }

        var stay = new JsonObject { ["zweck"] = contract ? "beschaeftigung" : "familie", ["einverstanden"] = true };
        if (contract)
        {
            stay["arbeitgeber"] = "Muster GmbH";
            stay["bruttogehalt"] = "3000";
            stay["arbeitsvertrag"] = await fixture.UploadAsync(tenant, "aufenthalt.arbeitsvertrag", PortalFixture.Pdf("Vertrag " + surname + " " + Guid.NewGuid()));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{tenant.Key}/api/applications/{PortalFixture.FormKey}/submissions")
        {
            Content = new StringContent(new JsonObject { ["antragsteller"] = person, ["aufenthalt"] = stay }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await fixture.App.CreateClient().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>The submission as the intake shows it, once the outbox has run its intake (not "received" any more).</summary>
    private async Task<JsonElement> SettledAsync(TenantInfo tenant, Guid id)
    {
        var staff = Staff(tenant);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var item = await staff.GetFromJsonAsync<JsonElement>($"api/applications/intake/{id}");
            if (item.GetProperty("status").GetString() != "received" || DateTime.UtcNow > deadline)
            {
                return item;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task ANewApplicant_GetsAFile_ACaseWithTheContractAsDocument_AndTheProcessRunning()
    {
        var id = await SubmitAsync(fixture.A, "Haddad", "Samir", "1991-04-02");
        var item = await SettledAsync(fixture.A, id);
        item.GetProperty("status").GetString().ShouldBe("filed", item.ToString());
        item.GetProperty("surname").GetString().ShouldBe("Haddad");

        var staff = Staff(fixture.A);
        var file = await staff.GetFromJsonAsync<JsonElement>($"api/cases/files/{item.GetProperty("caseFileId").GetGuid()}");
        file.GetProperty("file").GetProperty("surname").GetString().ShouldBe("Haddad");
        var documents = file.GetProperty("documents").EnumerateArray().ToList();
        documents.Count.ShouldBe(2, "the contract and the Eingangsbestätigung");
        var document = documents.Single(d => d.GetProperty("documentType").GetString() != "antrag");
        document.GetProperty("documentType").GetString().ShouldBe("arbeitsvertrag");
        document.GetProperty("contentType").GetString().ShouldBe("application/pdf");
        document.GetProperty("id").GetGuid().ShouldBe(item.GetProperty("evidence")[0].GetProperty("documentId").GetGuid());
        document.GetProperty("caseId").GetGuid().ShouldBe(item.GetProperty("caseId").GetGuid());

        // The Eingangsbestätigung: a PDF/A in the case, with the receipt number and every answer as the applicant gave it.
        var receipt = documents.Single(d => d.GetProperty("documentType").GetString() == "antrag");
        receipt.GetProperty("caseId").GetGuid().ShouldBe(item.GetProperty("caseId").GetGuid());
        var pdf = await staff.GetByteArrayAsync($"api/cases/documents/{receipt.GetProperty("id").GetGuid()}/content");
        var text = await PdfTextAsync(pdf);
        text.ShouldContain("Eingangsnummer " + item.GetProperty("receiptNumber").GetString());
        text.ShouldContain("Familienname Haddad");
        text.ShouldContain("Arbeitgeber Muster GmbH");
        text.ShouldContain("Bruttogehalt im Jahr (berechnet)", Case.Sensitive, "a computed value is listed as submitted");
        text.ShouldContain("vertrag.pdf");

        var process = await staff.GetFromJsonAsync<JsonElement>($"api/workflows/cases/{item.GetProperty("caseId").GetGuid()}/process");
        process.GetProperty("state").GetString().ShouldBe("eingegangen");

        // Filing again (a repeated event, a retry) changes nothing.
        var again = await (await staff.PostAsync($"api/applications/intake/{id}/retry", null)).Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("caseId").GetGuid().ShouldBe(item.GetProperty("caseId").GetGuid());
        (await staff.GetFromJsonAsync<JsonElement>($"api/cases/files/{item.GetProperty("caseFileId").GetGuid()}")).GetProperty("documents").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task AKnownPerson_IsFoundByNameAndBirthDate_AnAlikeOne_WaitsForTheCaseworkersChoice()
    {
        var staff = Staff(fixture.A);
        var created = await staff.PostAsJsonAsync("api/cases/files", new { surname = "Öztürk", givenNames = "Ayşe", birthDate = "1990-05-17" });
        var known = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The same person, written without accents: surely her file.
        var same = await SettledAsync(fixture.A, await SubmitAsync(fixture.A, "Ozturk", "Ayse", "1990-05-17", contract: false));
        same.GetProperty("status").GetString().ShouldBe("filed", same.ToString());
        same.GetProperty("caseFileId").GetGuid().ShouldBe(known);

        // A name that only sounds alike: a caseworker says whose it is.
        var alike = await SettledAsync(fixture.A, await SubmitAsync(fixture.A, "Östürk", "Ayşe", "1990-05-17", contract: false));
        alike.GetProperty("status").GetString().ShouldBe("person-unclear", alike.ToString());
        alike.GetProperty("candidates")[0].GetProperty("id").GetGuid().ShouldBe(known);
        alike.GetProperty("caseId").ValueKind.ShouldBe(JsonValueKind.Null);

        var listed = await staff.GetFromJsonAsync<JsonElement>("api/applications/intake?status=person-unclear");
        listed.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([alike.GetProperty("id").GetGuid()]);

        var chosen = await staff.PostAsJsonAsync($"api/applications/intake/{alike.GetProperty("id").GetGuid()}/person", new { caseFileId = known });
        var filed = await chosen.Content.ReadFromJsonAsync<JsonElement>();
        chosen.StatusCode.ShouldBe(HttpStatusCode.OK, filed.ToString());
        filed.GetProperty("status").GetString().ShouldBe("filed");
        filed.GetProperty("caseFileId").GetGuid().ShouldBe(known);

        // A choice for a submission that waits for none is refused.
        var late = await staff.PostAsJsonAsync($"api/applications/intake/{alike.GetProperty("id").GetGuid()}/person", new { newFile = true });
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The file number the applicant gives finds the file, but only with the person it belongs to.
        var number = (await staff.GetFromJsonAsync<JsonElement>($"api/cases/files/{known}")).GetProperty("file").GetProperty("fileNumber").GetString()!;
        var byNumber = await SettledAsync(fixture.A, await SubmitAsync(fixture.A, "Öztürk", "Ayşe", "1990-05-17", number, contract: false));
        byNumber.GetProperty("caseFileId").GetGuid().ShouldBe(known);
        var wrongPerson = await SettledAsync(fixture.A, await SubmitAsync(fixture.A, "Yilmaz", "Mehmet", "1985-01-01", number, contract: false));
        wrongPerson.GetProperty("status").GetString().ShouldBe("person-unclear", "another person's file number is not taken on trust");
    }

    [Fact]
    public async Task WhenTheProcessIsNotPublished_TheIntakeKeepsTheReason_AndARetryFilesItOnceItIs()
    {
        var id = await SubmitAsync(fixture.B, "Nowak", "Jan", "1979-11-30");
        var failed = await SettledAsync(fixture.B, id);
        failed.GetProperty("status").GetString().ShouldBe("failed", failed.ToString());
        failed.GetProperty("error").GetString()!.ShouldStartWith("application-intake-process-missing: Der Prozess „aufenthaltserlaubnis-verlaengerung“");
        failed.GetProperty("caseFileId").ValueKind.ShouldNotBe(JsonValueKind.Null, "the file opened before the refusal is kept");

        await fixture.PublishAsync(fixture.B, IntakeFixture.ProcessYaml);
        var retried = await (await Staff(fixture.B).PostAsync($"api/applications/intake/{id}/retry", null)).Content.ReadFromJsonAsync<JsonElement>();
        retried.GetProperty("status").GetString().ShouldBe("filed", retried.ToString());
        retried.GetProperty("caseFileId").GetGuid().ShouldBe(failed.GetProperty("caseFileId").GetGuid());
    }

    [Fact]
    public async Task AnotherAuthority_SeesNoneOfIt_AndApplicantsAndAnonymousCallersGetNoIntake()
    {
        var id = await SubmitAsync(fixture.A, "Haddad", "Samir", "1991-04-02");
        await SettledAsync(fixture.A, id);

        (await Staff(fixture.B).GetAsync($"api/applications/intake/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Staff(fixture.B).PostAsync($"api/applications/intake/{id}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Staff(fixture.B).GetFromJsonAsync<JsonElement>("api/applications/intake")).GetArrayLength().ShouldBe(0);
        (await fixture.App.CreateClient().GetAsync($"/t/{fixture.A.Key}/api/applications/intake")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Staff(fixture.A, "app").GetAsync("api/applications/intake")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ThePortalsReceiptPage_OffersTheEingangsbestaetigungAsPdf_OnceTheIntakeHasFiledIt_InTheApplicantsLanguage()
    {
        var browser = fixture.Browser();
        var first = await PortalFixture.StartAsync(browser, fixture.A);
        var step = first[..first.LastIndexOf('/')];
        (await PortalFixture.PostAsync(browser, first + "?lang=en", [("antragsteller.familienname", "Kovalenko"), ("antragsteller.vornamen", "Olena"),
            ("antragsteller.geburtsdatum", "1988-11-23"), ("aktion", "weiter")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PortalFixture.PostAsync(browser, step + "/aufenthalt?lang=en", [("aufenthalt.zweck", "familie"), ("aufenthalt.einverstanden", "true"), ("aktion", "weiter")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var summary = await PortalFixture.HtmlAsync(browser, step + "/zusammenfassung?lang=en");
        var key = System.Text.RegularExpressions.Regex.Match(summary, "name=\"Idempotency-Key\" value=\"([^\"]+)\"").Groups[1].Value;
        var submitted = await browser.PostAsync(step + "/absenden?lang=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFixture.Antiforgery(summary), ["Idempotency-Key"] = key,
        }));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await submitted.Content.ReadAsStringAsync());
        var receiptUrl = step + "/eingang?lang=en";

        var submission = await fixture.SingleSubmissionAsync(fixture.A);
        var filed = await SettledAsync(fixture.A, submission.Id);
        filed.GetProperty("status").GetString().ShouldBe("filed", filed.ToString());
        var page = await PortalFixture.HtmlAsync(browser, receiptUrl);
        page.ShouldContain("id=\"eingangsbestaetigung\"");
        page.ShouldContain("Download the receipt as a PDF");

        var download = await browser.GetAsync(step + "/eingang?handler=Pdf");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = await PdfTextAsync(await download.Content.ReadAsByteArrayAsync());
        text.ShouldContain("Receipt number " + submission.ReceiptNumber);
        text.ShouldContain("Purpose of stay Family reunification", Case.Sensitive, "the answers as the applicant read them, in English");

        // Another authority's path with this draft's link finds nothing.
        (await browser.GetAsync(step.Replace($"/t/{fixture.A.Key}/", $"/t/{fixture.B.Key}/", StringComparison.Ordinal) + "/eingang?handler=Pdf")).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>pdftotext's words (poppler-utils), white space folded, so a line broken by the layout is still found.</summary>
    internal static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", [path, "-"]) { RedirectStandardOutput = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
