using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;

namespace Saas.Modules.Cases.Tests.Features.Transfer;

/// <summary>
/// Hardening item 10 over HTTP on real PostgreSQL: a schema-valid xdomea 3.0.0 Abgabe.Abgabe.0401 that another
/// system wrote (built here by hand from the schema, not by this platform's writer) is taken over, with the
/// confirmations it asks for; a file handed over to a body outside the platform is offered as a download and its
/// confirmation, written by hand as that body would, is read back.
/// </summary>
public sealed class XdomeaTransferTests(TransferFixture fixture) : IClassFixture<TransferFixture>, IAsyncLifetime
{
    private static readonly XNamespace X = "urn:xoev-de:xdomea:schema:3.0.0";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. RandomNumberGenerator.GetBytes(64)];

    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task HardeningItem10_ASchemaValidAbgabeFromAnotherSystem_IsTakenOver_WithImportAndReceiptConfirmations()
    {
        var b = Client(fixture.B);
        var process = Guid.NewGuid();
        var akte = Guid.NewGuid();
        var antrag = Guid.NewGuid();
        var foto = Guid.NewGuid();
        var pdf = TestPdf.Create(["Antrag aus einem anderen System"]);
        var number = "FREMD-" + Guid.NewGuid().ToString("N")[..6];
        var message = Encoding.UTF8.GetBytes(ForeignAbgabe(process, akte, antrag, foto, number));
        OfficialXdomea.ShouldBeValid(message, "the hand-built foreign Abgabe.Abgabe.0401");

        var response = await ImportAsync(b, TestZip.Create(CompressionLevel.Fastest, ($"{process}_Abgabe.Abgabe.0401.xml", message), ($"{antrag}_Antrag.pdf", pdf), ($"{foto}_Lichtbild.png", Png)));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var received = Json(body);
        received.GetProperty("fromOnPlatform").GetBoolean().ShouldBeFalse();
        received.GetProperty("fromAuthority").GetString().ShouldBe("Landratsamt Musterkreis");
        received.GetProperty("messageId").GetGuid().ShouldBe(process);
        received.GetProperty("confirmations").EnumerateArray().Select(c => c.GetString()).ShouldBe(["0402", "0403"]);
        var file = received.GetProperty("file");
        file.GetProperty("fileNumber").GetString().ShouldBe(number);
        file.GetProperty("surname").GetString().ShouldBe("Kovalenko");
        file.GetProperty("givenNames").GetString().ShouldBe("Olha");
        file.GetProperty("birthDate").GetString().ShouldBe("1979-11-30");

        var fileId = file.GetProperty("id").GetGuid();
        var atB = Json(await b.GetStringAsync($"api/cases/files/{fileId}"));
        var documents = atB.GetProperty("documents").EnumerateArray().ToList();
        documents.Count.ShouldBe(2);
        var pdfAtB = documents.Single(d => d.GetProperty("contentType").GetString() == "application/pdf");
        pdfAtB.GetProperty("title").GetString().ShouldBe("Antrag auf Aufenthaltserlaubnis");
        (await b.GetByteArrayAsync($"api/cases/documents/{pdfAtB.GetProperty("id").GetGuid()}/content")).ShouldBe(pdf);
        var photo = documents.Single(d => d.GetProperty("contentType").GetString() == "image/png");
        photo.GetProperty("paperOriginal").GetBoolean().ShouldBeTrue("Medium 003 (paper) says there is a paper original");
        await InTenantAsync(fixture.B, async db =>
        {
            var procedure = await db.Cases.SingleAsync(c => c.CaseFileId == fileId);
            (procedure.Kind, procedure.Title, procedure.Status).ShouldBe(("Aufenthaltstitel", "Antrag 2025", "closed"));
            procedure.OpenedAt.ShouldBe(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));
            (await db.Documents.SingleAsync(d => d.CaseFileId == fileId && d.ContentType == "application/pdf")).CaseId.ShouldBe(procedure.Id);
            (await db.Documents.SingleAsync(d => d.CaseFileId == fileId && d.ContentType == "image/png")).CaseId.ShouldBeNull();
        });

        // The confirmations for the other system, in its process, naming its Akte.
        var transferId = received.GetProperty("transferId").GetGuid();
        foreach (var (type, root) in new[] { ("0402", "Abgabe.ImportBestaetigen.0402"), ("0403", "Abgabe.EmpfangBestaetigen.0403") })
        {
            var download = await b.GetAsync($"api/cases/transfers/{transferId}/confirmations/{type}");
            download.StatusCode.ShouldBe(HttpStatusCode.OK);
            download.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"{process}_{root}.xml");
            var xml = await download.Content.ReadAsByteArrayAsync();
            OfficialXdomea.ShouldBeValid(xml, root);
            var document = XDocument.Load(new MemoryStream(xml));
            document.Root!.Name.ShouldBe(X + root);
            document.Root.Element(X + "Kopf")!.Element(X + "ProzessID")!.Value.ShouldBe(process.ToString());
            document.Root.Element(X + "Kopf")!.Element(X + "Empfaenger")!.Element(X + "Institution")!.Element(X + "Name")!.Value.ShouldBe("Landratsamt Musterkreis");
            if (type == "0402")
            {
                document.Root.Element(X + "AbgegebenesObjekt")!.Element(X + "IDSGO")!.Value.ShouldBe(akte.ToString());
            }
        }

        var view = Json(await b.GetStringAsync($"api/cases/transfers/{transferId}"));
        view.GetProperty("counterpartOnPlatform").GetBoolean().ShouldBeFalse();
        (await b.GetAsync($"api/cases/transfers/{transferId}/confirmations/0499")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Teilakte")]
    [InlineData("NoPerson")]
    public async Task HardeningItem10_AValidAbgabeTheEAkteCannotHold_IsRefusedSayingWhy_AndNothingIsWritten(string variant)
    {
        var b = Client(fixture.B);
        var process = Guid.NewGuid();
        var xml = ForeignAbgabe(process, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "X-1", withDocuments: false);
        xml = variant == "Teilakte"
            ? xml.Replace("</Akteninhalt>", $"<Teilakte><Identifikation><ID>{Guid.NewGuid()}</ID></Identifikation></Teilakte></Akteninhalt>", StringComparison.Ordinal)
            : xml.Replace("<Familienname><Name>Kovalenko</Name></Familienname>", "", StringComparison.Ordinal);
        OfficialXdomea.ShouldBeValid(Encoding.UTF8.GetBytes(xml), variant);
        var before = await CountAsync(fixture.B);
        var response = await ImportAsync(b, TestZip.Create(CompressionLevel.Fastest, ($"{process}_Abgabe.Abgabe.0401.xml", Encoding.UTF8.GetBytes(xml))));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
        Json(body).GetProperty("code").GetString().ShouldBe("xdomea-not-supported");
        Json(body).GetProperty("detail").GetString()!.ShouldContain(variant == "Teilakte" ? "Teilakte" : "Familienname");
        Json(body).GetProperty("detail").GetString()!.ShouldContain("line ");
        (await CountAsync(fixture.B)).ShouldBe(before);
    }

    [Fact]
    public async Task HardeningItem10_ASchemaInvalidMessage_IsRefusedWithLineAndPosition_InTheReadersLanguage()
    {
        var b = Client(fixture.B);
        var process = Guid.NewGuid();
        // Kopf after Schriftgutobjekt: the schema's sequence is broken where Schriftgutobjekt now comes first.
        var xml = ForeignAbgabe(process, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "X-2", withDocuments: false);
        var kopfStart = xml.IndexOf("<Kopf>", StringComparison.Ordinal);
        var kopfEnd = xml.IndexOf("</Kopf>", StringComparison.Ordinal) + "</Kopf>".Length;
        var kopf = xml[kopfStart..kopfEnd];
        xml = xml.Remove(kopfStart, kopf.Length).Replace("</Abgabe.Abgabe.0401>", kopf + "</Abgabe.Abgabe.0401>", StringComparison.Ordinal);
        OfficialXdomea.Errors(Encoding.UTF8.GetBytes(xml)).ShouldNotBeEmpty();
        var line = Array.FindIndex(xml.Split('\n'), l => l.StartsWith("<Schriftgutobjekt>", StringComparison.Ordinal)) + 1;
        line.ShouldBeGreaterThan(2);
        var request = new HttpRequestMessage(HttpMethod.Post, "api/cases/transfers/import") { Content = Form(TestZip.Create(CompressionLevel.Fastest, ($"{process}_Abgabe.Abgabe.0401.xml", Encoding.UTF8.GetBytes(xml)))) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var response = await b.SendAsync(request);
        var problem = Json(await response.Content.ReadAsStringAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("xdomea-invalid");
        problem.GetProperty("title").GetString()!.ShouldContain($"does not conform to the xdomea 3.0.0 schema (line {line}, position");
        problem.GetProperty("detail").GetString()!.ShouldContain($"{process}_Abgabe.Abgabe.0401.xml, line {line}, position");
    }

    [Fact]
    public async Task HardeningItem10_AFileHandedOverOutsideThePlatform_IsADownload_AndItsConfirmationIsRead()
    {
        var a = Client(fixture.A);
        var created = await a.PostAsJsonAsync("api/cases/files", new
        {
            surname = "Haddad", givenNames = "Rami", birthDate = "1991-07-14", nationalities = new[] { "SYR" }, confirmDuplicate = true,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var fileId = Json(await created.Content.ReadAsStringAsync()).GetProperty("id").GetGuid();

        (await a.PostAsJsonAsync($"api/cases/files/{fileId}/transfer", new { toAuthority = fixture.B.Key, outsideAuthority = "Stadt X", reason = "Umzug" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest, "one receiver, not two");
        var handOver = await a.PostAsJsonAsync($"api/cases/files/{fileId}/transfer", new { outsideAuthority = "Landeshauptstadt Musterstadt", reason = "Umzug nach Musterstadt" });
        handOver.StatusCode.ShouldBe(HttpStatusCode.Created, await handOver.Content.ReadAsStringAsync());
        var sent = Json(await handOver.Content.ReadAsStringAsync());
        sent.GetProperty("onPlatform").GetBoolean().ShouldBeFalse();
        var transferId = sent.GetProperty("id").GetGuid();
        var messageId = sent.GetProperty("messageId").GetGuid();

        var download = await a.GetAsync($"api/cases/transfers/{transferId}/package");
        download.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"{messageId}_Abgabe.Abgabe.0401.zip");
        using (var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync())))
        {
            var entry = zip.Entries.ShouldHaveSingleItem();
            entry.FullName.ShouldBe($"{messageId}_Abgabe.Abgabe.0401.xml");
            using var copy = new MemoryStream();
            await (await entry.OpenAsync()).CopyToAsync(copy);
            OfficialXdomea.ShouldBeValid(copy.ToArray(), "the package for a body outside the platform");
            var kopf = XDocument.Load(new MemoryStream(copy.ToArray())).Root!.Element(X + "Kopf")!;
            kopf.Element(X + "Empfaenger")!.Element(X + "Behoerdenkennung").ShouldBeNull("a body outside the platform has no platform key");
            kopf.Element(X + "Empfaenger")!.Element(X + "Institution")!.Element(X + "Name")!.Value.ShouldBe("Landeshauptstadt Musterstadt");
        }

        Json(await a.GetStringAsync($"api/cases/transfers/{transferId}")).GetProperty("state").GetString().ShouldBe("sent");

        // What the body outside sends back, written by hand from the schema: first for another process, then a receipt, then the import.
        var wrong = await ConfirmAsync(a, transferId, Confirmation("0402", Guid.NewGuid(), fileId));
        wrong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        Json(await wrong.Content.ReadAsStringAsync()).GetProperty("code").GetString().ShouldBe("confirmation-mismatch");
        var broken = await ConfirmAsync(a, transferId, Confirmation("0402", messageId, fileId).Replace("<Erfolgreich>1</Erfolgreich>", "<Erfolgreich>vielleicht</Erfolgreich>", StringComparison.Ordinal));
        broken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json(await broken.Content.ReadAsStringAsync()).GetProperty("detail").GetString()!.ShouldContain("line 1");

        (await ConfirmAsync(a, transferId, Confirmation("0403", messageId, null))).StatusCode.ShouldBe(HttpStatusCode.Created);
        Json(await a.GetStringAsync($"api/cases/transfers/{transferId}")).GetProperty("state").GetString().ShouldBe("receipt-confirmed");
        var import = await ConfirmAsync(a, transferId, Confirmation("0402", messageId, fileId));
        import.StatusCode.ShouldBe(HttpStatusCode.Created, await import.Content.ReadAsStringAsync());
        var view = Json(await a.GetStringAsync($"api/cases/transfers/{transferId}"));
        view.GetProperty("state").GetString().ShouldBe("received-by-receiver");
        view.GetProperty("receivedAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero));
        view.GetProperty("confirmations").EnumerateArray().Select(c => c.GetString()).ShouldBe(["0402", "0403"]);
        (await ConfirmAsync(a, transferId, Confirmation("0402", messageId, fileId))).StatusCode.ShouldBe(HttpStatusCode.Conflict, "recorded once");

        // B cannot see A's hand-over, nor record a confirmation for it.
        (await ConfirmAsync(Client(fixture.B), transferId, Confirmation("0402", messageId, fileId))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheOutsideReceiversConfirmation_IsRecordedFromTheHandOverPage_AndARefusedOneIsExplainedAtTheForm()
    {
        var a = Client(fixture.A);
        var created = await a.PostAsJsonAsync("api/cases/files", new { surname = "Haddad", givenNames = "Lina", confirmDuplicate = true });
        var fileId = Json(await created.Content.ReadAsStringAsync()).GetProperty("id").GetGuid();
        var handOver = await a.PostAsJsonAsync($"api/cases/files/{fileId}/transfer", new { outsideAuthority = "Landeshauptstadt Musterstadt", reason = "Umzug" });
        handOver.StatusCode.ShouldBe(HttpStatusCode.Created, await handOver.Content.ReadAsStringAsync());
        var sent = Json(await handOver.Content.ReadAsStringAsync());
        var (transferId, messageId) = (sent.GetProperty("id").GetGuid(), sent.GetProperty("messageId").GetGuid());

        var page = $"workbench/transfers/{transferId}";
        using var browser = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = a.BaseAddress! });
        browser.DefaultRequestHeaders.Authorization = a.DefaultRequestHeaders.Authorization;
        var html = await browser.GetStringAsync(page);
        html.ShouldContain("id=\"confirmation\" name=\"Confirmation\" type=\"file\"");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        async Task<HttpResponseMessage> UploadAsync(string xml)
        {
            var client = browser;
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            using var form = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" }, { content, "Confirmation", "0402.xml" } };
            return await client.PostAsync($"{page}?handler=Confirmation", form);
        }

        // One for another process is refused at the form, in German, and nothing is recorded.
        var refused = await UploadAsync(Confirmation("0402", Guid.NewGuid(), fileId));
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("role=\"alert\"");
        Json(await a.GetStringAsync($"api/cases/transfers/{transferId}")).GetProperty("state").GetString().ShouldBe("sent");

        var recorded = await UploadAsync(Confirmation("0402", messageId, fileId));
        recorded.StatusCode.ShouldBe(HttpStatusCode.Redirect, await recorded.Content.ReadAsStringAsync());
        recorded.Headers.Location!.ToString().ShouldContain("confirmed=True", Case.Insensitive);
        Json(await a.GetStringAsync($"api/cases/transfers/{transferId}")).GetProperty("state").GetString().ShouldBe("received-by-receiver");
        (await a.GetStringAsync(page + "?confirmed=true")).ShouldContain("Die Bestätigung ist bei dieser Abgabe erfasst.");
    }

    [Fact]
    public async Task HardeningItem10_BetweenAuthoritiesOfThePlatform_NoConfirmationIsRecordedByHand()
    {
        var a = Client(fixture.A);
        var created = await a.PostAsJsonAsync("api/cases/files", new { surname = "Nowak", givenNames = "Jan", confirmDuplicate = true });
        var fileId = Json(await created.Content.ReadAsStringAsync()).GetProperty("id").GetGuid();
        var sent = Json(await (await a.PostAsJsonAsync($"api/cases/files/{fileId}/transfer", new { toAuthority = fixture.C.Key, reason = "Umzug" })).Content.ReadAsStringAsync());
        var response = await ConfirmAsync(a, sent.GetProperty("id").GetGuid(), Confirmation("0402", sent.GetProperty("messageId").GetGuid(), fileId));
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        Json(await response.Content.ReadAsStringAsync()).GetProperty("code").GetString().ShouldBe("confirmation-not-expected");
        Json(await a.GetStringAsync($"api/cases/transfers/{sent.GetProperty("id").GetGuid()}")).GetProperty("state").GetString().ShouldBe("sent");
    }

    /// <summary>
    /// An Abgabe.Abgabe.0401 as another system writes it, from the schema: default namespace, no extension of this
    /// platform, an authority key of another code list, a Vorgang with its Dokument, a loose paper Dokument, two
    /// versions of one document (the last counts), and a receipt asked for.
    /// </summary>
    private static string ForeignAbgabe(Guid process, Guid akte, Guid antrag, Guid foto, string number, bool withDocuments = true)
    {
        const string Pdf = "<Name listURI=\"urn:xoev-de:xdomea:codeliste:dateiformat\" listVersionID=\"1.0\"><code xmlns=\"\">018</code></Name>";
        var photo = withDocuments
            ? $"<Dokument><Identifikation><ID>{foto}</ID></Identifikation><AllgemeineMetadaten><Betreff>Lichtbild</Betreff>"
              + "<Medium listURI=\"urn:xoev-de:xdomea:codeliste:medium\" listVersionID=\"1.0\"><code xmlns=\"\">003</code></Medium></AllgemeineMetadaten>"
              + "<Version><Nummer>1</Nummer><Format><Name listURI=\"urn:xoev-de:xdomea:codeliste:dateiformat\" listVersionID=\"1.0\"><code xmlns=\"\">019</code></Name><Version>1.2</Version>"
              + $"<Primaerdokument><Dateiname>{foto}_Lichtbild.png</Dateiname></Primaerdokument></Format></Version></Dokument>\n"
            : "";
        var application = withDocuments
            ? $"<Dokument><Identifikation><ID>{antrag}</ID></Identifikation><AllgemeineMetadaten><Betreff>Antrag auf Aufenthaltserlaubnis</Betreff></AllgemeineMetadaten>"
              + $"<Version><Nummer>0.9</Nummer><Format>{Pdf}<Version>1.4</Version><Primaerdokument><Dateiname>{antrag}_Entwurf.pdf</Dateiname></Primaerdokument></Format></Version>"
              + $"<Version><Nummer>1</Nummer><Format>{Pdf}<Version>1.7</Version><Primaerdokument><Dateiname>{antrag}_Antrag.pdf</Dateiname>"
              + "<DateinameOriginal>antrag.pdf</DateinameOriginal><DatumUhrzeit>2025-03-01T10:00:00Z</DatumUhrzeit></Primaerdokument></Format></Version></Dokument>\n"
            : "";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Abgabe.Abgabe.0401 xmlns=\"urn:xoev-de:xdomea:schema:3.0.0\">\n"
            + $"<Kopf><ProzessID>{process}</ProzessID><Nachrichtentyp listURI=\"urn:xoev-de:xdomea:codeliste:nachrichtentyp\" listVersionID=\"2.0\"><code xmlns=\"\">0401</code></Nachrichtentyp>\n"
            + "<Erstellungszeitpunkt>2026-04-01T08:30:00+02:00</Erstellungszeitpunkt>\n"
            + "<Absender><Behoerdenkennung><Behoerdenschluessel listURI=\"urn:de:example:behoerden\" listVersionID=\"1\"><code xmlns=\"\">08315000</code></Behoerdenschluessel></Behoerdenkennung>"
            + "<Institution><Name>Landratsamt Musterkreis</Name></Institution></Absender>\n"
            + "<Empfaenger><Institution><Name>Ausländerbehörde</Name></Institution></Empfaenger>\n"
            + "<SendendesSystem><Produktname>Anderes DMS</Produktname><Version>7.1</Version></SendendesSystem>\n"
            + "<Importbestaetigung>1</Importbestaetigung><Empfangsbestaetigung>1</Empfangsbestaetigung></Kopf>\n"
            + "<Schriftgutobjekt><Akte>\n"
            + $"<Identifikation><ID>{akte}</ID></Identifikation>\n"
            + $"<AllgemeineMetadaten><Betreff>Ausländerakte Kovalenko</Betreff><Kennzeichen>{number}</Kennzeichen></AllgemeineMetadaten>\n"
            + "<Akteninhalt>\n"
            + photo
            + $"<Vorgang><Identifikation><ID>{Guid.NewGuid()}</ID></Identifikation><AllgemeineMetadaten><Betreff>Antrag 2025</Betreff></AllgemeineMetadaten>\n"
            + "<Typ>Aufenthaltstitel</Typ><ZdA>true</ZdA><Laufzeit><Beginn>2025-03-01</Beginn><Ende>2025-05-02</Ende></Laufzeit>\n"
            + application
            + "</Vorgang>\n"
            + "</Akteninhalt>\n"
            + "<Kontakt><Name><Familienname><Name>Kovalenko</Name></Familienname><Vorname><Name>Olha</Name></Vorname></Name><Geburt><Datum>1979-11-30</Datum></Geburt></Kontakt>\n"
            + "<AnwendungsspezifischeErweiterung><Kennung>urn:de:example:dms</Kennung><Name>Anderes DMS</Name><Feld><Name>Ablage</Name><Wert>Regal 4</Wert></Feld></AnwendungsspezifischeErweiterung>\n"
            + "</Akte></Schriftgutobjekt>\n"
            + "</Abgabe.Abgabe.0401>\n";
    }

    /// <summary>A 0402 or 0403 as a body outside the platform writes it back, from the schema.</summary>
    private static string Confirmation(string type, Guid process, Guid? akte)
    {
        var root = type == "0402" ? "Abgabe.ImportBestaetigen.0402" : "Abgabe.EmpfangBestaetigen.0403";
        var objects = akte is { } id ? $"<AbgegebenesObjekt><IDSGO>{id}</IDSGO><Erfolgreich>1</Erfolgreich></AbgegebenesObjekt>" : "";
        return $"<{root} xmlns=\"urn:xoev-de:xdomea:schema:3.0.0\"><Kopf><ProzessID>{process}</ProzessID>"
            + $"<Nachrichtentyp listURI=\"urn:xoev-de:xdomea:codeliste:nachrichtentyp\" listVersionID=\"2.0\"><code xmlns=\"\">{type}</code></Nachrichtentyp>"
            + "<Erstellungszeitpunkt>2026-06-01T12:00:00+02:00</Erstellungszeitpunkt>"
            + "<Absender><Institution><Name>Landeshauptstadt Musterstadt</Name></Institution></Absender><Empfaenger><Institution><Name>Stadt</Name></Institution></Empfaenger>"
            + $"</Kopf>{objects}</{root}>";
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, Guid transfer, string xml)
    {
        OfficialXdomea.Errors(Encoding.UTF8.GetBytes(xml)).Count.ShouldBe(xml.Contains("vielleicht", StringComparison.Ordinal) ? 1 : 0);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var form = new MultipartFormDataContent { { content, "file", "bestaetigung.xml" } };
        return await client.PostAsync($"api/cases/transfers/{transfer}/confirmations", form);
    }

    private HttpClient Client(TenantInfo tenant)
    {
        var client = fixture.App.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant.Key}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.TokenFor(tenant.Key, "cw-" + tenant.Key));
        return client;
    }

    private static MultipartFormDataContent Form(byte[] package)
    {
        var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return new MultipartFormDataContent { { content, "file", "abgabe.zip" } };
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] package)
    {
        using var form = Form(package);
        return await client.PostAsync("api/cases/transfers/import", form);
    }

    private async Task<(int Files, int Transfers, int Confirmations)> CountAsync(TenantInfo tenant)
    {
        var counts = (0, 0, 0);
        await InTenantAsync(tenant, async db => counts = (await db.CaseFiles.CountAsync(), await db.Transfers.CountAsync(), await db.TransferConfirmations.CountAsync()));
        return counts;
    }

    private async Task InTenantAsync(TenantInfo tenant, Func<CasesDbContext, Task> work)
    {
        using var scope = fixture.App.Services.CreateScope();
        using (scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant))
        {
            await work(scope.ServiceProvider.GetRequiredService<CasesDbContext>());
        }
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}
