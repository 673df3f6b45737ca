namespace Saas.Modules.Cases.Tests.Features.LegacyDigitisation;

/// <summary>
/// The box page imports the returned scans with the same use case as the API: a good delivery goes into QA, a bad
/// archive is refused next to the form in the person's language with the entry it is about, keeping what was typed;
/// documents of a delivery the check rejected are marked where the file shows its documents.
/// </summary>
public sealed partial class LegacyPagesTests(LegacyFixture fixture) : IClassFixture<LegacyFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheBoxPage_ImportsTheReturnedScans_AndTheDeliveryWaitsForItsCheck()
    {
        var (client, file, box) = await SentBoxAsync();
        var zip = TestZip.Create(($"{file.Number}/0001.pdf", TestPdf.Create(["Blatt eins " + Unique()])), ($"{file.Number}/0002.pdf", TestPdf.Create(["Blatt zwei"])));

        var response = await PostImportAsync(client, box, zip, "de");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith($"/t/{fixture.A.Key}/workbench/legacy/boxes/{box}");

        var page = await client.GetStringAsync(location);
        page.ShouldContain("Scans eingespielt");
        var boxJson = JsonDocument.Parse(await client.GetStringAsync($"api/cases/legacy/boxes/{box}")).RootElement;
        boxJson.GetProperty("status").GetString().ShouldBe("in-qa");
        var batches = boxJson.GetProperty("batches").EnumerateArray().ToList();
        batches.Count.ShouldBe(1);
        batches[0].GetProperty("documents").GetInt32().ShouldBe(2);
        var documents = JsonDocument.Parse(await client.GetStringAsync($"api/cases/files/{file.Id}")).RootElement.GetProperty("documents");
        documents.GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task ABadArchiveFromTheBoxPage_IsRefusedNextToTheFormInThePersonsLanguage_NamingTheEntry_AndKeepsWhatWasTyped()
    {
        var (client, file, box) = await SentBoxAsync();
        var zip = TestZip.Create(($"{file.Number}/0001.pdf", TestPdf.Create(["gut"])), ("FREMD-4711/0001.pdf", TestPdf.Create(["fremd"])));

        var german = await PostImportAsync(client, box, zip, "de");
        var html = await german.Content.ReadAsStringAsync();
        german.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, html);
        var alert = Alert(html);
        alert.ShouldContain("Der Ordner „FREMD-4711“ ist kein Aktenzeichen einer Akte in diesem Karton.");
        alert.ShouldContain("FREMD-4711/");
        html.ShouldContain("value=\"SN-4711\"");                 // what was typed stays
        var at = html.IndexOf("role=\"alert\"", StringComparison.Ordinal);    // next to the import form, not elsewhere on the page
        at.ShouldBeGreaterThan(html.IndexOf("id=\"import-heading\"", StringComparison.Ordinal));
        at.ShouldBeLessThan(html.IndexOf("name=\"Archive\"", StringComparison.Ordinal));

        var english = await PostImportAsync(client, box, zip, "en");
        english.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        Alert(await english.Content.ReadAsStringAsync()).ShouldContain("The folder 'FREMD-4711' is not the file number of a file in this box.");

        // A protocol field that is wrong is named at its input.
        var protocol = await PostImportAsync(client, box, zip, "en", ("Protocol.ResolutionDpi", "12"));
        protocol.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var protocolHtml = await protocol.Content.ReadAsStringAsync();
        protocolHtml.ShouldContain("id=\"protocol-resolutionDpi-error\">a whole number from 100 to 1200</p>");
        protocolHtml.ShouldContain("aria-describedby=\"protocol-resolutionDpi-error\"");

        // Nothing was imported.
        JsonDocument.Parse(await client.GetStringAsync($"api/cases/legacy/boxes/{box}")).RootElement.GetProperty("status").GetString().ShouldBe("sent");
        JsonDocument.Parse(await client.GetStringAsync($"api/cases/files/{file.Id}")).RootElement.GetProperty("documents").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task DocumentsOfARejectedDelivery_AreMarkedWhereTheFileShowsItsDocuments_AndThoseOfAnAcceptedOneAreNot()
    {
        var (client, file, box) = await SentBoxAsync();
        var imported = await client.PostAsync($"api/cases/legacy/boxes/{box}/scans",
            ImportForm(TestZip.Create(($"{file.Number}/0001.pdf", TestPdf.Create(["eins " + Unique()])), ($"{file.Number}/0002.pdf", TestPdf.Create(["zwei"])))));
        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var batch = JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement;
        var sample = batch.GetProperty("sample").EnumerateArray().Select(s => s.GetProperty("documentId").GetGuid()).ToList();

        var filePage = await client.GetStringAsync($"workbench/files/{file.Id}");
        filePage.ShouldNotContain("data-mark=\"rejected-delivery\"");

        var findings = await client.PostAsJsonAsync($"api/cases/legacy/batches/{batch.GetProperty("id").GetGuid()}/findings",
            new { findings = sample.Select(d => new { documentId = d, result = "defect", category = "illegible" }) });
        findings.StatusCode.ShouldBe(HttpStatusCode.OK, await findings.Content.ReadAsStringAsync());
        JsonDocument.Parse(await findings.Content.ReadAsStringAsync()).RootElement.GetProperty("qaStatus").GetString().ShouldBe("rejected");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"workbench/files/{file.Id}");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var rejected = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        MarkCount(rejected).ShouldBe(2); // both documents of the delivery, not only the sampled ones
        rejected.ShouldContain("from a rejected delivery");

        // Another file's page, with a document of its own, shows no mark.
        var other = await CreateFileAsync(client);
        var pdf = new ByteArrayContent(TestPdf.Create(["Antrag " + Unique()]));
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using (var upload = new MultipartFormDataContent { { pdf, "file", "antrag.pdf" } })
        {
            var uploaded = await client.PostAsync($"api/cases/files/{other.Id}/documents", upload);
            uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        }

        MarkCount(await client.GetStringAsync($"workbench/files/{other.Id}")).ShouldBe(0);
    }

    private static int MarkCount(string html) => Regex.Matches(html, "data-mark=\"rejected-delivery\"").Count;

    private static string Alert(string html)
    {
        var match = AlertRegex().Match(html);
        match.Success.ShouldBeTrue("no alert next to the form");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<div class=\"kern-alert kern-alert--danger\" role=\"alert\">(.*?)</div>\\s*</div>", RegexOptions.Singleline)]
    private static partial Regex AlertRegex();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    private async Task<HttpResponseMessage> PostImportAsync(HttpClient client, Guid box, byte[] zip, string language, params (string Name, string Value)[] overrides)
    {
        var html = await client.GetStringAsync($"workbench/legacy/boxes/{box}");
        var token = TokenRegex().Match(html);
        token.Success.ShouldBeTrue("the box page has no import form");
        var fields = new Dictionary<string, string>
        {
            ["Protocol.Operator"] = "M. Muster",
            ["Protocol.ScannedAt"] = DateTimeOffset.UtcNow.AddDays(-2).ToString("O"),
            ["Protocol.DeviceMake"] = "Fujitsu",
            ["Protocol.DeviceModel"] = "fi-7900",
            ["Protocol.DeviceSerial"] = "SN-4711",
            ["Protocol.ResolutionDpi"] = "300",
            ["Protocol.ColourMode"] = "greyscale",
            ["Protocol.Format"] = "PDF/A-2b",
            ["Protocol.Compression"] = "JPEG",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        foreach (var (name, value) in overrides)
        {
            fields[name] = value;
        }

        var archive = new ByteArrayContent(zip);
        archive.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var form = new MultipartFormDataContent { { archive, "Archive", "karton.zip" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"workbench/legacy/boxes/{box}?handler=Import") { Content = form };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return await client.SendAsync(request);
    }

    private static MultipartFormDataContent ImportForm(byte[] zip)
    {
        var archive = new ByteArrayContent(zip);
        archive.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var form = new MultipartFormDataContent { { archive, "archive", "karton.zip" } };
        foreach (var (name, value) in new Dictionary<string, string>
                 {
                     ["operator"] = "M. Muster", ["scannedAt"] = DateTimeOffset.UtcNow.AddDays(-2).ToString("O"), ["deviceMake"] = "Fujitsu",
                     ["deviceModel"] = "fi-7900", ["deviceSerial"] = "SN-4711", ["resolutionDpi"] = "300", ["colourMode"] = "greyscale",
                     ["format"] = "PDF/A-2b", ["compression"] = "JPEG",
                 })
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private async Task<(HttpClient Client, (Guid Id, string Number) File, Guid Box)> SentBoxAsync()
    {
        var token = fixture.TokenFor(fixture.A.Key, "cw-" + fixture.A.Key);
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{fixture.A.Key}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var file = await CreateFileAsync(client);
        var created = await client.PostAsJsonAsync("api/cases/legacy/boxes", new { label = "K-" + Unique(), files = new[] { new { caseFileId = file.Id, sheets = 10 } } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var box = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var sent = await client.PostAsJsonAsync($"api/cases/legacy/boxes/{box}/sent", new { vendor = "Scan GmbH", sentAt = DateTimeOffset.UtcNow.AddDays(-14) });
        sent.StatusCode.ShouldBe(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        return (client, file, box);
    }

    private static async Task<(Guid Id, string Number)> CreateFileAsync(HttpClient client)
    {
        var number = "ALT-" + Unique();
        var response = await client.PostAsJsonAsync("api/cases/files", new { fileNumber = number, surname = "Nowak", givenNames = "Ewa" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid(), number);
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

}
