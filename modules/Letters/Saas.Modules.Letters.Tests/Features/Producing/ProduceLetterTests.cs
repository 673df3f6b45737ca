using System.Net.Http.Json;
using Saas.Platform.Errors;

namespace Saas.Modules.Letters.Tests.Features.Producing;

/// <summary>
/// Every shipped letter produced for a demo-like authority (docs/adr/0023): filed into the person's file as a
/// PDF/A-2b document of the letter's type, whose text (pdftotext) holds the caller's values, the person's name, the file
/// number and the authority; English text blocks when the applicant reads English, German otherwise; another
/// authority's file is out of reach; the published version keeps running when a broken one is refused.
/// </summary>
public sealed class ProduceLetterTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, string> Shipped() => new()
    {
        { "aachen", "anhoerung", "Städteregion Aachen" },
        { "rhein-sieg-kreis", "bescheid", "Rhein-Sieg-Kreis" },
        { "wiesbaden", "nachforderung", "Landeshauptstadt Wiesbaden" },
        { "nuernberg", "ablauf-erinnerung", "Stadt Nürnberg" },
        { "aachen", "terminbestaetigung", "Städteregion Aachen" },
        { "rhein-sieg-kreis", "terminvorschlag", "Rhein-Sieg-Kreis" },
    };

    /// <summary>The values a process would pass for each shipped letter (every declared placeholder).</summary>
    private static Dictionary<string, string> ValuesOf(string letter) => letter switch
    {
        "anhoerung" => new()
        {
            ["intendedDecision"] = "Ablehnung des Antrags auf Verlängerung der Aufenthaltserlaubnis",
            ["reasons"] = "Der Lebensunterhalt ist nicht gesichert (§ 5 Abs. 1 Nr. 1 AufenthG).",
            ["deadline"] = "15.01.2027", ["address"] = "Pontstraße 12; 52062 Aachen", ["caseworker"] = "Frau Yilmaz",
        },
        "bescheid" => new()
        {
            ["decision"] = "Die Aufenthaltserlaubnis wird bis zum 14.01.2029 verlängert.", ["legalBasis"] = "§ 18a AufenthG",
            ["reasons"] = "Die Voraussetzungen der Fachkräfteeinwanderung liegen vor.", ["validUntil"] = "14.01.2029", ["fee"] = "98,00 €",
            ["address"] = "Markt 1; 53721 Siegburg", ["caseworker"] = "Herr Becker",
        },
        "nachforderung" => new()
        {
            ["missingDocuments"] = "Arbeitsvertrag; Meldebescheinigung; Krankenversicherungsnachweis", ["deadline"] = "31.01.2027",
            ["address"] = "Wilhelmstraße 5; 65183 Wiesbaden", ["caseworker"] = "Frau Schmitt",
        },
        "ablauf-erinnerung" => new() { ["document"] = "Aufenthaltserlaubnis nach § 24 AufenthG", ["expiryDate"] = "04.03.2027", ["address"] = "Hauptmarkt 3; 90403 Nürnberg" },
        "terminbestaetigung" => new()
        {
            ["appointmentDate"] = "12.01.2027", ["appointmentTime"] = "09:30", ["location"] = "Hackländerstraße 1, Aachen", ["bringList"] = "biometrisches Lichtbild",
        },
        "terminvorschlag" => new()
        {
            ["document"] = "Aufenthaltstitel nach § 24 AufenthG", ["expiryDate"] = "04.03.2027", ["appointmentDate"] = "Dienstag, 12.01.2027",
            ["appointmentTime"] = "09:30", ["location"] = "Kaiser-Wilhelm-Platz 1, Siegburg", ["holdUntil"] = "05.01.2027",
            ["acceptLink"] = "https://rhein-sieg-kreis.example/termine/buchung/abc", ["declineLink"] = "https://rhein-sieg-kreis.example/termine/buchung/abc?absage=1",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(letter)),
    };

    [Theory]
    [MemberData(nameof(Shipped))]
    public async Task EveryShippedLetter_IsFiledAsPdfA_OfItsType_WithValuesPersonAndFileNumber(string demo, string letter, string authority)
    {
        await DemoLetters.PublishAsync(fixture.App, fixture.A, demo);
        var client = DemoLetters.Client(fixture, fixture.A.Key);
        var (file, fileNumber) = await DemoLetters.OpenFileAsync(client, "Kovalenko", "Olena");
        var values = ValuesOf(letter);

        var produced = await ProduceAsync(fixture.A, new LetterRequest(letter, file, null, null, values));

        produced.Language.ShouldBe("de");
        produced.Pages.ShouldBeGreaterThanOrEqualTo(1);
        produced.FileName.ShouldEndWith(".pdf");
        var document = JsonDocument.Parse(await client.GetStringAsync($"api/cases/documents/{produced.DocumentId}")).RootElement;
        var expectedType = (await File.ReadAllTextAsync(Path.Combine(DemoLetters.Tenants, demo, "letters", letter + ".yaml")))
            .Split('\n').Single(l => l.StartsWith("  documentType: ", StringComparison.Ordinal))["  documentType: ".Length..];
        document.GetProperty("documentType").GetString().ShouldBe(expectedType);
        document.GetProperty("caseFileId").GetGuid().ShouldBe(file);
        document.GetProperty("contentType").GetString().ShouldBe("application/pdf");
        document.GetProperty("title").GetString().ShouldBe(produced.FileName);

        var pdf = await client.GetByteArrayAsync($"api/cases/documents/{produced.DocumentId}/content");
        var text = await DemoLetters.TextAsync(pdf);
        // Lists (missing evidence, address lines) are written one item per line.
        foreach (var value in values.Where(v => v.Key != "address").SelectMany(v => v.Value.Split("; ")))
        {
            text.ShouldContain(value, Case.Sensitive, $"the PDF of {letter} lacks the value “{value}”");
        }

        text.ShouldContain("Olena Kovalenko");
        text.ShouldContain(fileNumber);
        text.ShouldContain(authority);
        if (values.TryGetValue("address", out var address))
        {
            text.ShouldContain(address.Split(';')[0]);
        }
        text.ShouldNotContain("{");

        // PDF/A-2b, as the XMP metadata declares it.
        var meta = await DemoLetters.PopplerAsync("pdfinfo", pdf, "-meta");
        // (as attributes, which is how WeasyPrint writes them, or as elements)
        meta.ShouldMatch(@"pdfaid:part(=""2""|>2<)");
        meta.ShouldMatch(@"pdfaid:conformance(=""B""|>B<)");
        (await DemoLetters.PopplerAsync("pdfinfo", pdf)).ShouldContain($"Pages:           {produced.Pages}");

        // Searchable like any PDF with a text layer: the e-Akte's search finds the letter in the file by the person's name.
        var search = await client.GetStringAsync($"api/cases/search?q=Kovalenko&file={file}");
        search.ShouldContain(produced.DocumentId.ToString());
    }

    [Fact]
    public async Task TheApplicantsLanguage_IsUsed_WhereTheLetterHasIt_ElseGerman()
    {
        await DemoLetters.PublishAsync(fixture.App, fixture.A, "aachen");
        var client = DemoLetters.Client(fixture, fixture.A.Key);
        var (file, _) = await DemoLetters.OpenFileAsync(client, "Smith", "John");

        var english = await RenderAsync(fixture.A, new LetterRequest("anhoerung", file, null, "en", ValuesOf("anhoerung")));
        english.Language.ShouldBe("en");
        english.Html.ShouldContain("<html lang=\"en\">");
        var text = await DemoLetters.TextAsync(english.Pdf);
        text.ShouldContain("Hearing before the intended decision");
        text.ShouldContain("Dear John Smith,");
        text.ShouldContain("File number");
        text.ShouldNotContain("Aktenzeichen");

        var turkish = await RenderAsync(fixture.A, new LetterRequest("anhoerung", file, null, "tr", ValuesOf("anhoerung")));
        turkish.Language.ShouldBe("de");
        (await DemoLetters.TextAsync(turkish.Pdf)).ShouldContain("Anhörung vor der beabsichtigten Entscheidung");

        var produced = await ProduceAsync(fixture.A, new LetterRequest("anhoerung", file, null, "en", ValuesOf("anhoerung")));
        produced.Language.ShouldBe("en");
    }

    [Fact]
    public async Task ValuesAreText_EncodedInTheHtml_AndNeverRun()
    {
        await DemoLetters.PublishAsync(fixture.App, fixture.A, "aachen");
        var client = DemoLetters.Client(fixture, fixture.A.Key);
        var (file, _) = await DemoLetters.OpenFileAsync(client, "Müller", "Anna");
        var values = ValuesOf("anhoerung");
        values["reasons"] = "<img src=\"http://127.0.0.1:9/x.png\"> @DateTime.Now {deadline}";

        var letter = await RenderAsync(fixture.A, new LetterRequest("anhoerung", file, null, null, values));

        letter.Html.ShouldContain("&lt;img src=&quot;http://127.0.0.1:9/x.png&quot;&gt; @DateTime.Now {deadline}");
        letter.Html.ShouldNotContain("<img");
        (await DemoLetters.TextAsync(letter.Pdf)).ShouldContain("<img src=\"http://127.0.0.1:9/x.png\"> @DateTime.Now {deadline}");
    }

    [Fact]
    public async Task MissingAndUndeclaredValues_AreRefused()
    {
        await DemoLetters.PublishAsync(fixture.App, fixture.A, "aachen");
        var client = DemoLetters.Client(fixture, fixture.A.Key);
        var (file, _) = await DemoLetters.OpenFileAsync(client, "Weber", "Lea");
        var values = ValuesOf("anhoerung");
        values.Remove("deadline");
        (await Should.ThrowAsync<SaasProblemException>(() => RenderAsync(fixture.A, new LetterRequest("anhoerung", file, null, null, values))))
            .Code.ShouldBe("letter-value-missing");

        values = ValuesOf("anhoerung");
        values["frist"] = "morgen";
        (await Should.ThrowAsync<SaasProblemException>(() => RenderAsync(fixture.A, new LetterRequest("anhoerung", file, null, null, values))))
            .Code.ShouldBe("letter-value-undeclared");
        (await Should.ThrowAsync<SaasProblemException>(() => RenderAsync(fixture.A, new LetterRequest("gibt-es-nicht", file, null, null, values))))
            .Code.ShouldBe("letter-not-found");
    }

    [Fact]
    public async Task ALetterOfOneAuthority_CannotBeProducedIntoAnotherAuthoritysFile()
    {
        await DemoLetters.PublishAsync(fixture.App, fixture.A, "aachen");
        await DemoLetters.PublishAsync(fixture.App, fixture.B, "nuernberg");
        var (fileOfB, _) = await DemoLetters.OpenFileAsync(DemoLetters.Client(fixture, fixture.B.Key), "Fremd", "Bea");

        var refused = await Should.ThrowAsync<SaasProblemException>(() => ProduceAsync(fixture.A, new LetterRequest("anhoerung", fileOfB, null, null, ValuesOf("anhoerung"))));
        refused.Code.ShouldBe("letter-file-not-found");
        refused.Status.ShouldBe(404);

        // Over HTTP too: A's preview of B's file is not found, and B's file got nothing.
        var preview = await DemoLetters.Client(fixture, fixture.A.Key).PostAsJsonAsync("api/letters/preview",
            new { letter = "anhoerung", caseFileId = fileOfB, values = ValuesOf("anhoerung") });
        preview.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var ofB = JsonDocument.Parse(await DemoLetters.Client(fixture, fixture.B.Key).GetStringAsync($"api/cases/files/{fileOfB}")).RootElement;
        ofB.GetProperty("documents").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task TheApi_ListsTheLetters_AndPreviewsOne_AsHtmlOrPdf_WithoutFilingIt()
    {
        await DemoLetters.PublishAsync(fixture.App, fixture.A, "wiesbaden");
        var client = DemoLetters.Client(fixture, fixture.A.Key);
        var (file, fileNumber) = await DemoLetters.OpenFileAsync(client, "Nowak", "Piotr");

        var letters = JsonDocument.Parse(await client.GetStringAsync("api/letters")).RootElement;
        letters.EnumerateArray().Select(l => l.GetProperty("key").GetString()).ShouldBe(
            ["ablauf-erinnerung", "anhoerung", "bescheid", "nachforderung", "terminbestaetigung", "terminvorschlag"]);
        var hearing = letters.EnumerateArray().Single(l => l.GetProperty("key").GetString() == "anhoerung");
        hearing.GetProperty("languages").EnumerateArray().Select(l => l.GetString()).ShouldBe(["de", "en"]);
        hearing.GetProperty("placeholders").EnumerateArray().First().GetProperty("label").GetString().ShouldBe("Beabsichtigte Entscheidung");

        var html = await client.PostAsJsonAsync("api/letters/preview", new { letter = "nachforderung", caseFileId = file, values = ValuesOf("nachforderung") });
        html.StatusCode.ShouldBe(HttpStatusCode.OK, await html.Content.ReadAsStringAsync());
        html.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await html.Content.ReadAsStringAsync()).ShouldContain(fileNumber);

        var pdf = await client.PostAsJsonAsync("api/letters/preview", new { letter = "nachforderung", caseFileId = file, language = "en", values = ValuesOf("nachforderung"), format = "pdf" });
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await DemoLetters.TextAsync(await pdf.Content.ReadAsByteArrayAsync())).ShouldContain("we still need the following evidence");

        var read = JsonDocument.Parse(await client.GetStringAsync($"api/cases/files/{file}")).RootElement;
        read.GetProperty("documents").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ABrokenLetter_IsRefusedAtPublishing_AndThePublishedVersionKeepsRunning()
    {
        await DemoLetters.PublishAsync(fixture.App, fixture.A, "aachen");
        var (file, _) = await DemoLetters.OpenFileAsync(DemoLetters.Client(fixture, fixture.A.Key), "Stetig", "Ben");
        var yaml = await File.ReadAllTextAsync(Path.Combine(DemoLetters.Tenants, "aachen", "letters", "anhoerung.yaml"));
        using (fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(fixture.A))
        {
            await using var scope = fixture.App.Services.CreateAsyncScope();
            var drafts = scope.ServiceProvider.GetRequiredService<IMetadataDrafts>();
            var published = await scope.ServiceProvider.GetRequiredService<IMetadataStore>().GetPublishedAsync("letter", "anhoerung");
            var draft = await drafts.SaveAsync(yaml.Replace("bis zum {deadline}", "bis zum {frist}", StringComparison.Ordinal), published!.Version, "admin");
            draft.Errors.ShouldHaveSingleItem().Path.ShouldBe("$.spec.texts[0].blocks[4].text");
            await Should.ThrowAsync<MetadataValidationException>(() => drafts.PublishAsync([("letter", "anhoerung", draft.Document.Version)], "admin"));
        }

        var letter = await RenderAsync(fixture.A, new LetterRequest("anhoerung", file, null, null, ValuesOf("anhoerung")));
        (await DemoLetters.TextAsync(letter.Pdf)).ShouldContain("bis zum 15.01.2027");
    }

    [Fact]
    public async Task APublishedLetterThatNoLongerFitsItsTemplate_IsRefusedBeforeRendering()
    {
        // The studio publishes a letter without its template's "hearing" block; the folder check never saw it.
        await DemoLetters.PublishAsync(fixture.App, fixture.A, "aachen", (name, text) => name != "anhoerung.yaml" ? text
            : text.Replace("        - name: hearing\n", "        - name: hoerung\n", StringComparison.Ordinal));
        var (file, _) = await DemoLetters.OpenFileAsync(DemoLetters.Client(fixture, fixture.A.Key), "Passt", "Nicht");

        var refused = await Should.ThrowAsync<SaasProblemException>(() => ProduceAsync(fixture.A, new LetterRequest("anhoerung", file, null, null, ValuesOf("anhoerung"))));
        refused.Code.ShouldBe("letter-template-invalid");
        refused.Detail!.ShouldContain("_platform/templates/anhoerung.cshtml:15:");
    }

    private async Task<ProducedLetter> ProduceAsync(TenantInfo tenant, LetterRequest request)
    {
        using var _ = fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(tenant);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ILetters>().ProduceAsync(request);
    }

    private async Task<RenderedLetter> RenderAsync(TenantInfo tenant, LetterRequest request)
    {
        using var _ = fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(tenant);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ILetters>().RenderAsync(request);
    }
}
