using System.Buffers.Binary;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Saas.Modules.Cases.Features.Transfer;

namespace Saas.Modules.Cases.Tests.Features.Transfer;

/// <summary>
/// A file moves from A to B as a package, through the API as the two authorities' caseworkers use it, on real
/// PostgreSQL; and every kind of bad package is refused at B before anything is written there.
/// </summary>
public sealed class TransferTests(TransferFixture fixture) : IClassFixture<TransferFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. RandomNumberGenerator.GetBytes(200)];

    [Fact]
    public async Task AFile_MovesFromAToB_WithCasesDocumentsAndIdenticalBytes_AndBothSidesRecordIt()
    {
        var a = await Client(fixture.A);
        var b = await Client(fixture.B);
        var word = "Zuzugsbescheinigung" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var pdf = TestPdf.Create(["Antrag auf Verlaengerung", $"Meldebestaetigung {word}"]);
        var fileNumber = "2026-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var fileId = await CreateFileAsync(a, fileNumber, "Petrenko");
        var pdfId = await UploadAsync(a, fileId, pdf, "application/pdf", "Antrag");
        var (residence, naturalisation, pngId) = await AddCasesAndScanAsync(fixture.A, fileId);

        var transfer = await TransferAsync(a, fileId, fixture.B.Key);
        transfer.StatusCode.ShouldBe(HttpStatusCode.Created, await transfer.Content.ReadAsStringAsync());
        var sent = Json(await transfer.Content.ReadAsStringAsync());
        var transferId = sent.GetProperty("id").GetGuid();
        var messageId = sent.GetProperty("messageId").GetGuid();
        sent.GetProperty("documents").GetInt32().ShouldBe(2);
        sent.GetProperty("cases").GetInt32().ShouldBe(2);

        var package = await a.GetByteArrayAsync($"api/cases/transfers/{transferId}/package");
        Convert.ToHexStringLower(SHA256.HashData(package)).ShouldBe(sent.GetProperty("packageSha256").GetString());
        var messageEntry = $"{messageId}_Abgabe.Abgabe.0401.xml";
        var entries = Unzip(package);
        // xdomea's package (Hardening item 10): the message named after its process, the primary documents beside it.
        entries.Keys.Order().ShouldBe(new[] { messageEntry, $"{pdfId}.pdf", $"{pngId}.png" }.Order());
        entries[$"{pdfId}.pdf"].ShouldBe(pdf);
        OfficialXdomea.ShouldBeValid(entries[messageEntry], "the package's Abgabe.Abgabe.0401");
        {
            var manifest = XDocument.Load(new MemoryStream(entries[messageEntry]));
            XNamespace ns = "urn:xoev-de:xdomea:schema:3.0.0";
            manifest.Root!.Name.ShouldBe(ns + "Abgabe.Abgabe.0401");
            var head = manifest.Root.Element(ns + "Kopf")!;
            head.Element(ns + "ProzessID")!.Value.ShouldBe(messageId.ToString());
            head.Element(ns + "Nachrichtentyp")!.Element("code")!.Value.ShouldBe("0401");
            head.Element(ns + "Absender")!.Element(ns + "Behoerdenkennung")!.Element(ns + "Behoerdenschluessel")!.Element("code")!.Value.ShouldBe(fixture.A.Key);
            head.Element(ns + "Absender")!.Element(ns + "Institution")!.Element(ns + "Name")!.Value.ShouldBe(fixture.A.Name);
            head.Element(ns + "Empfaenger")!.Element(ns + "Institution")!.Element(ns + "Kurzbezeichnung")!.Value.ShouldBe(fixture.B.Key);
            var akte = manifest.Root.Element(ns + "Schriftgutobjekt")!.Element(ns + "Akte")!;
            akte.Element(ns + "Identifikation")!.Element(ns + "ID")!.Value.ShouldBe(fileId.ToString());
            akte.Element(ns + "AllgemeineMetadaten")!.Element(ns + "Kennzeichen")!.Value.ShouldBe(fileNumber);
            var person = akte.Element(ns + "Kontakt")!;
            person.Element(ns + "Name")!.Element(ns + "Familienname")!.Element(ns + "Name")!.Value.ShouldBe("Petrenko");
            person.Element(ns + "Geburt")!.Element(ns + "Datum")!.Value.ShouldBe("1985-02-03");
            akte.Element(ns + "AnwendungsspezifischeErweiterung")!.Elements(ns + "Feld")
                .Single(f => f.Element(ns + "Name")!.Value == "AZRNummer").Element(ns + "Wert")!.Value.ShouldBe("123456789012");
            var vorgaenge = akte.Element(ns + "Akteninhalt")!.Elements(ns + "Vorgang").ToList();
            vorgaenge.Count.ShouldBe(2);
            var scanned = vorgaenge.Single(v => v.Element(ns + "Identifikation")!.Element(ns + "ID")!.Value == naturalisation.ToString()).Element(ns + "Dokument")!;
            scanned.Element(ns + "Identifikation")!.Element(ns + "ID")!.Value.ShouldBe(pngId.ToString());
            scanned.Descendants(ns + "Primaerdokument").Single().Element(ns + "Dateiname")!.Value.ShouldBe($"{pngId}.png");
        }

        // A keeps the file, read-only.
        var atA = Json(await a.GetStringAsync($"api/cases/files/{fileId}"));
        atA.GetProperty("file").GetProperty("status").GetString().ShouldBe("transferred");
        atA.GetProperty("documents").GetArrayLength().ShouldBe(2);
        (await a.GetByteArrayAsync($"api/cases/documents/{pdfId}/content")).ShouldBe(pdf);
        var late = await UploadRawAsync(a, fileId, pdf, "application/pdf");
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await late.Content.ReadAsStringAsync()).ShouldContain("file-read-only");
        (await TransferAsync(a, fileId, fixture.C.Key)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await InTenantAsync(fixture.A, async (db, _) =>
            (await db.CaseFiles.SingleAsync(f => f.Id == fileId)).DepartedAt.ShouldBe(DateOnly.FromDateTime(DateTime.UtcNow), "leaving the district starts retention"));

        var imported = await ImportAsync(b, package);
        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var received = Json(await imported.Content.ReadAsStringAsync());
        var newId = received.GetProperty("file").GetProperty("id").GetGuid();
        newId.ShouldNotBe(fileId);
        received.GetProperty("file").GetProperty("fileNumber").GetString().ShouldBe(fileNumber);
        received.GetProperty("fromAuthority").GetString().ShouldBe(fixture.A.Key);
        received.GetProperty("confirmations").EnumerateArray().Select(c => c.GetString()).ShouldBe(["0402"], "no receipt was asked for; the import is confirmed");

        // B confirms the import as xdomea's Abgabe.ImportBestaetigen.0402; A reads it and says so (Hardening item 10).
        var confirmation = await b.GetAsync($"api/cases/transfers/{received.GetProperty("transferId").GetGuid()}/confirmations/0402");
        confirmation.StatusCode.ShouldBe(HttpStatusCode.OK);
        confirmation.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"{messageId}_Abgabe.ImportBestaetigen.0402.xml");
        var confirmationXml = await confirmation.Content.ReadAsByteArrayAsync();
        OfficialXdomea.ShouldBeValid(confirmationXml, "B's Abgabe.ImportBestaetigen.0402");
        var confirmed = XDocument.Load(new MemoryStream(confirmationXml));
        XNamespace xd = "urn:xoev-de:xdomea:schema:3.0.0";
        confirmed.Root!.Element(xd + "Kopf")!.Element(xd + "ProzessID")!.Value.ShouldBe(messageId.ToString());
        confirmed.Root.Element(xd + "AbgegebenesObjekt")!.Element(xd + "IDSGO")!.Value.ShouldBe(fileId.ToString());
        confirmed.Root.Element(xd + "AbgegebenesObjekt")!.Element(xd + "Erfolgreich")!.Value.ShouldBe("1");
        var stateAtA = Json(await a.GetStringAsync($"api/cases/transfers/{transferId}"));
        stateAtA.GetProperty("state").GetString().ShouldBe("received-by-receiver");
        stateAtA.GetProperty("receivedAt").GetDateTimeOffset().ShouldBe(confirmed.Root.Element(xd + "Kopf")!.Element(xd + "Erstellungszeitpunkt")!.Value is var at
            ? DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) : default);

        var atB = Json(await b.GetStringAsync($"api/cases/files/{newId}"));
        var file = atB.GetProperty("file");
        file.GetProperty("surname").GetString().ShouldBe("Petrenko");
        file.GetProperty("givenNames").GetString().ShouldBe("Andrii Mykola");
        file.GetProperty("birthDate").GetString().ShouldBe("1985-02-03");
        file.GetProperty("nationalities").EnumerateArray().Select(n => n.GetString()).ShouldBe(["UKR"]);
        file.GetProperty("nameVariants").EnumerateArray().Select(n => n.GetString()).ShouldBe(["Petrenco"]);
        file.GetProperty("centralRegisterNumber").GetString().ShouldBe("123456789012");
        file.GetProperty("status").GetString().ShouldBe("active");
        var documents = atB.GetProperty("documents").EnumerateArray().ToList();
        documents.Count.ShouldBe(2);
        var pdfAtB = documents.Single(d => d.GetProperty("contentType").GetString() == "application/pdf");
        var pngAtB = documents.Single(d => d.GetProperty("contentType").GetString() == "image/png");
        pdfAtB.GetProperty("title").GetString().ShouldBe("Antrag");
        pdfAtB.GetProperty("source").GetString().ShouldBe("upload");
        pngAtB.GetProperty("source").GetString().ShouldBe("scan");
        pngAtB.GetProperty("paperOriginal").GetBoolean().ShouldBeTrue();
        pngAtB.GetProperty("documentType").GetString().ShouldBe("einbuergerungsantrag");
        (await b.GetByteArrayAsync($"api/cases/documents/{pdfAtB.GetProperty("id").GetGuid()}/content")).ShouldBe(pdf);
        (await b.GetByteArrayAsync($"api/cases/documents/{pngAtB.GetProperty("id").GetGuid()}/content")).ShouldBe(Png);
        (await b.GetAsync($"api/cases/documents/{pdfId}/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await InTenantAsync(fixture.B, async (db, _) =>
        {
            var procedures = await db.Cases.Where(p => p.CaseFileId == newId).OrderBy(p => p.OpenedAt).ToListAsync();
            procedures.Select(p => (p.Kind, p.Title, p.Status, p.Outcome)).ShouldBe(new[]
            {
                ("aufenthaltserlaubnis", "Verlängerung § 18a", "closed", (string?)"erteilt"),
                ("einbuergerung", "Einbürgerung", "open", null),
            });
            procedures.ShouldAllBe(p => p.Id != residence && p.Id != naturalisation);
            var png = await db.Documents.SingleAsync(d => d.CaseFileId == newId && d.ContentType == "image/png");
            png.CaseId.ShouldBe(procedures[1].Id);
            (await db.Documents.SingleAsync(d => d.CaseFileId == newId && d.ContentType == "application/pdf")).CaseId.ShouldBe(procedures[0].Id);
        });

        // The imported PDF goes through text extraction at B like any new document.
        (await WaitForTextAsync(b, pdfAtB.GetProperty("id").GetGuid())).GetProperty("status").GetString().ShouldBe("done");
        (await b.GetStringAsync($"api/cases/search?q={word}")).ShouldContain(pdfAtB.GetProperty("id").GetGuid().ToString());

        // Other tests of this class hand files over too: only this message's rows and records count here.
        var outRow = (await TransferRowsAsync(fixture.A)).Where(r => r.Message == messageId);
        var inRow = (await TransferRowsAsync(fixture.B)).Where(r => r.Message == messageId);
        outRow.ShouldHaveSingleItem().ShouldBe(("out", fileId, fixture.B.Key, messageId, sent.GetProperty("packageSha256").GetString()!, 2));
        inRow.ShouldHaveSingleItem().ShouldBe(("in", newId, fixture.A.Key, messageId, sent.GetProperty("packageSha256").GetString()!, 2));
        (await AuditAsync(fixture.A, "casefile.transfer-out")).Where(d => d.Contains(messageId.ToString(), StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            d => d.ShouldContain(fixture.B.Key), d => d.ShouldContain(messageId.ToString()), d => d.ShouldContain("2 documents"), d => d.ShouldContain(sent.GetProperty("packageSha256").GetString()!));
        (await AuditAsync(fixture.B, "casefile.transfer-in")).Where(d => d.Contains(messageId.ToString(), StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            d => d.ShouldContain(fixture.A.Key), d => d.ShouldContain(messageId.ToString()));
        (await AuditAsync(fixture.A, "transfer.package.read")).Where(d => d.Contains(messageId.ToString(), StringComparison.Ordinal)).ShouldHaveSingleItem();

        // A package is taken over once.
        var again = await ImportAsync(b, package);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("already-imported");
    }

    [Fact]
    public async Task B_CannotDownloadAsPackage_NorHandOverAsFile()
    {
        var a = await Client(fixture.A);
        var b = await Client(fixture.B);
        var fileId = await CreateFileAsync(a, null, "Nowak");
        var transfer = await TransferAsync(a, fileId, fixture.C.Key);
        transfer.StatusCode.ShouldBe(HttpStatusCode.Created, await transfer.Content.ReadAsStringAsync());
        var transferId = Json(await transfer.Content.ReadAsStringAsync()).GetProperty("id").GetGuid();

        (await b.GetAsync($"api/cases/transfers/{transferId}/package")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var other = await CreateFileAsync(a, null, "Nowak");
        (await TransferAsync(b, other, fixture.C.Key)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await TransferAsync(b, other, fixture.B.Key)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Json(await a.GetStringAsync($"api/cases/files/{other}")).GetProperty("file").GetProperty("status").GetString().ShouldBe("active");
        (await AuditAsync(fixture.B, "transfer.package.read")).ShouldBeEmpty();
    }

    [Fact]
    public async Task APackageAddressedToC_IsRefusedAtB_AndCreatesNothing()
    {
        var a = await Client(fixture.A);
        var b = await Client(fixture.B);
        var fileId = await CreateFileAsync(a, null, "Yılmaz");
        await UploadAsync(a, fileId, TestPdf.Create(["Pass"]), "application/pdf", "Pass");
        var transfer = Json(await (await TransferAsync(a, fileId, fixture.C.Key)).Content.ReadAsStringAsync());
        var package = await a.GetByteArrayAsync($"api/cases/transfers/{transfer.GetProperty("id").GetGuid()}/package");

        var before = await CountsAsync(fixture.B);
        var response = await ImportAsync(b, package);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = Json(await response.Content.ReadAsStringAsync());
        problem.GetProperty("code").GetString().ShouldBe("wrong-receiver");
        problem.GetProperty("detail").GetString()!.ShouldContain(fixture.C.Key);
        (await CountsAsync(fixture.B)).ShouldBe(before);
    }

    [Fact]
    public async Task TheReceiver_MustBeAnotherAuthorityOfThePlatform_ThatKeepsFiles()
    {
        var a = await Client(fixture.A);
        var fileId = await CreateFileAsync(a, null, "Schmidt");
        foreach (var (receiver, code) in new[]
                 {
                     ("keine-solche-behoerde", "receiver-unknown"), ("../../etc", "receiver-unknown"), (fixture.WithoutCases.Key, "receiver-without-cases"),
                     (fixture.A.Key, "receiver-is-sender"),
                 })
        {
            var response = await TransferAsync(a, fileId, receiver);
            response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, receiver);
            var problem = Json(await response.Content.ReadAsStringAsync());
            problem.GetProperty("code").GetString().ShouldBe(code);
            problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        }

        var english = new HttpRequestMessage(HttpMethod.Post, $"api/cases/files/{fileId}/transfer") { Content = JsonContent.Create(new { toAuthority = fixture.WithoutCases.Key, reason = "Umzug" }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        Json(await (await a.SendAsync(english)).Content.ReadAsStringAsync()).GetProperty("title").GetString()!.ShouldContain("does not keep electronic files");
        var missing = await a.PostAsJsonAsync($"api/cases/files/{fileId}/transfer", new { toAuthority = fixture.B.Key });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json(await a.GetStringAsync($"api/cases/files/{fileId}")).GetProperty("file").GetProperty("status").GetString().ShouldBe("active");
        (await TransferRowsAsync(fixture.A)).ShouldNotContain(r => r.File == fileId);
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("documents/../../evil")]
    [InlineData("/etc/cron.d/evil")]
    [InlineData("C:/Windows/evil")]
    [InlineData("documents\\evil")]
    [InlineData("documents/0000000000000000000000000000000000000000000000000000000000000000/x")]
    [InlineData("documents/")]
    [InlineData("readme.txt")]
    [InlineData("00000000-0000-0000-0000-000000000000_Abgabe.Abgabe.0401.xml")]
    public async Task AnEntryOutsideTheLayout_IsRefusedByName_AndNothingIsWritten(string name)
    {
        var b = await Client(fixture.B);
        var message = Message(fixture.B.Key, []);
        var before = await CountsAsync(fixture.B);
        var response = await ImportAsync(b, TestZip.Create(CompressionLevel.Fastest, message, (name, "evil"u8.ToArray())));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = Json(await response.Content.ReadAsStringAsync());
        problem.GetProperty("code").GetString().ShouldBe("invalid-package");
        problem.GetProperty("detail").GetString()!.ShouldContain(name);
        (await CountsAsync(fixture.B)).ShouldBe(before);
    }

    [Fact]
    public async Task AZipBomb_IsRefusedByItsDeclaredSize_WithoutWritingIt()
    {
        var b = await Client(fixture.B);
        var (bomb, entry) = ZerosZip(200L * 1024 * 1024);
        bomb.Length.ShouldBeLessThan(1024 * 1024);
        var before = await CountsAsync(fixture.B);
        var response = await ImportAsync(b, bomb);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
        Json(await response.Content.ReadAsStringAsync()).GetProperty("detail").GetString()!.ShouldContain(entry);
        (await CountsAsync(fixture.B)).ShouldBe(before);
    }

    [Fact]
    public async Task AZipBombThatUnderstatesItsSize_IsStoppedWhileReading_WithoutWritingIt()
    {
        var b = await Client(fixture.B);
        const int declared = 1000;
        var (bomb, _) = ZerosZip(200L * 1024 * 1024, declared);
        var before = await CountsAsync(fixture.B);
        var response = await ImportAsync(b, bomb);
        var body = await response.Content.ReadAsStringAsync();
        // The zip reader stops at the declared size (the counting stream would stop anything beyond it, see
        // TransferPackageUnitTests): 1000 zeros were read, which are not the promised document.
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
        Json(body).GetProperty("code").GetString().ShouldBe("document-mismatch");
        Json(body).GetProperty("detail").GetString()!.ShouldContain($"({declared} bytes), the message says");
        (await CountsAsync(fixture.B)).ShouldBe(before);
    }

    [Fact]
    public async Task MoreEntriesThanAllowed_AreRefused()
    {
        var b = await Client(fixture.B);
        var entries = Enumerable.Range(0, TransferFixture.MaxEntries + 1)
            .Select(i => ($"{Guid.NewGuid()}.pdf", new byte[] { 1 }))
            .Prepend(Message(fixture.B.Key, [])).ToArray();
        var before = await CountsAsync(fixture.B);
        var response = await ImportAsync(b, TestZip.Create(CompressionLevel.Fastest, entries));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("package-too-large");
        (await CountsAsync(fixture.B)).ShouldBe(before);
    }

    [Fact]
    public async Task ATamperedDocument_IsRefusedNamingIt_AndTheUntouchedPackageStillArrives()
    {
        var a = await Client(fixture.A);
        var b = await Client(fixture.B);
        var fileId = await CreateFileAsync(a, null, "Öztürk");
        var pdf = TestPdf.Create(["Bescheid"]);
        var documentId = await UploadAsync(a, fileId, pdf, "application/pdf", "Bescheid");
        var transfer = Json(await (await TransferAsync(a, fileId, fixture.B.Key)).Content.ReadAsStringAsync());
        var package = await a.GetByteArrayAsync($"api/cases/transfers/{transfer.GetProperty("id").GetGuid()}/package");

        var entries = Unzip(package);
        var tampered = (byte[])entries[$"{documentId}.pdf"].Clone();
        tampered[^3] ^= 0x20;
        entries[$"{documentId}.pdf"] = tampered;
        var before = await CountsAsync(fixture.B);
        var response = await ImportAsync(b, TestZip.Create(CompressionLevel.Fastest, [.. entries.Select(e => (e.Key, e.Value))]));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = Json(await response.Content.ReadAsStringAsync());
        problem.GetProperty("code").GetString().ShouldBe("document-mismatch");
        problem.GetProperty("detail").GetString()!.ShouldContain(documentId.ToString());
        (await CountsAsync(fixture.B)).ShouldBe(before);

        (await ImportAsync(b, package)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ADocumentMissingFromThePackage_IsRefusedNamingIt()
    {
        var b = await Client(fixture.B);
        var pdf = TestPdf.Create(["Fehlt"]);
        var document = Document(pdf);
        var before = await CountsAsync(fixture.B);
        var response = await ImportAsync(b, TestZip.Create(CompressionLevel.Fastest, Message(fixture.B.Key, [document])));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        Json(await response.Content.ReadAsStringAsync()).GetProperty("detail").GetString()!.ShouldContain(document.Id.ToString());
        (await CountsAsync(fixture.B)).ShouldBe(before);
    }

    [Theory]
    [InlineData("<!DOCTYPE Abgabe [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;")]
    [InlineData("<!DOCTYPE Abgabe [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>", "&c;")]
    [InlineData("<!DOCTYPE Abgabe SYSTEM \"http://127.0.0.1:9/evil.dtd\">", "x")]
    public async Task AManifestWithADtd_IsRefused_AndNothingIsWritten(string doctype, string reference)
    {
        var b = await Client(fixture.B);
        var (name, bytes) = Message(fixture.B.Key, []);
        var manifest = Encoding.UTF8.GetString(bytes)
            .Replace("<xdomea:Abgabe.Abgabe.0401 ", doctype + "<xdomea:Abgabe.Abgabe.0401 ", StringComparison.Ordinal)
            .Replace("Umzug", reference, StringComparison.Ordinal);
        var before = await CountsAsync(fixture.B);
        var response = await ImportAsync(b, TestZip.Create(CompressionLevel.Fastest, (name, Encoding.UTF8.GetBytes(manifest))));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        Json(body).GetProperty("code").GetString().ShouldBe("xdomea-invalid");
        body.ShouldContain("DTD");
        body.ShouldNotContain("root:");
        (await CountsAsync(fixture.B)).ShouldBe(before);
    }

    [Fact]
    public async Task APackageTheSenderNeverHandedOver_IsRefused_EvenWhenEveryHashIsRight()
    {
        var b = await Client(fixture.B);
        var pdf = TestPdf.Create(["Gefaelscht"]);
        var document = Document(pdf);
        var forged = TestZip.Create(CompressionLevel.Fastest, Message(fixture.B.Key, [document]), (document.FileName, pdf));
        var before = await CountsAsync(fixture.B);
        var response = await ImportAsync(b, forged);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        Json(await response.Content.ReadAsStringAsync()).GetProperty("code").GetString().ShouldBe("not-sent-by-sender");
        (await CountsAsync(fixture.B)).ShouldBe(before);
    }

    [Fact]
    public async Task AnImport_WhoseFileNumberIsTaken_GetsASuffix()
    {
        var a = await Client(fixture.A);
        var b = await Client(fixture.B);
        var fileNumber = "Z-" + Guid.NewGuid().ToString("N")[..8];
        await CreateFileAsync(b, fileNumber, "Vorhanden");
        var fileId = await CreateFileAsync(a, fileNumber, "Kaya");
        var transfer = Json(await (await TransferAsync(a, fileId, fixture.B.Key)).Content.ReadAsStringAsync());
        var package = await a.GetByteArrayAsync($"api/cases/transfers/{transfer.GetProperty("id").GetGuid()}/package");
        var imported = await ImportAsync(b, package);
        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        Json(await imported.Content.ReadAsStringAsync()).GetProperty("file").GetProperty("fileNumber").GetString().ShouldBe(fileNumber + "-2");
    }

    [Fact]
    public async Task Applicants_CannotImport_AndAnUploadThatIsNoForm_IsABadRequest()
    {
        var token = fixture.TokenFor(fixture.B.Key, "app-" + fixture.B.Key);
        var applicant = fixture.App.CreateClient();
        applicant.BaseAddress = new Uri(applicant.BaseAddress!, $"/t/{fixture.B.Key}/");
        applicant.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await ImportAsync(applicant, TestZip.Create(CompressionLevel.Fastest, Message(fixture.B.Key, [])))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var b = await Client(fixture.B);
        (await b.PostAsync("api/cases/transfers/import", new StringContent("kind: x", Encoding.UTF8, "application/yaml"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ImportAsync(b, "not a zip at all, just text"u8.ToArray())).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    // ---- helpers ----

    private Task<HttpClient> Client(TenantInfo tenant)
    {
        var token = fixture.TokenFor(tenant.Key, "cw-" + tenant.Key);
        var client = fixture.App.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant.Key}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Task.FromResult(client);
    }

    private static async Task<Guid> CreateFileAsync(HttpClient client, string? fileNumber, string surname)
    {
        var response = await client.PostAsJsonAsync("api/cases/files", new
        {
            fileNumber, surname, givenNames = "Andrii Mykola", birthDate = "1985-02-03", nationalities = new[] { "UKR" }, nameVariants = new[] { "Petrenco" },
            centralRegisterNumber = "123456789012", confirmDuplicate = true, // the same person again in each test: not a duplicate to be warned of here
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Json(await response.Content.ReadAsStringAsync()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> UploadAsync(HttpClient client, Guid file, byte[] bytes, string contentType, string title)
    {
        var response = await UploadRawAsync(client, file, bytes, contentType, title);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Json(await response.Content.ReadAsStringAsync()).GetProperty("id").GetGuid();
    }

    private static async Task<HttpResponseMessage> UploadRawAsync(HttpClient client, Guid file, byte[] bytes, string contentType, string title = "Antrag")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent { { content, "file", "antrag.pdf" }, { new StringContent("antrag"), "documentType" }, { new StringContent(title), "title" } };
        return await client.PostAsync($"api/cases/files/{file}/documents", form);
    }

    /// <summary>Cases have no API yet: two are written as the application would, and a scanned paper original is filed in the second.</summary>
    private async Task<(Guid Residence, Guid Naturalisation, Guid Scan)> AddCasesAndScanAsync(TenantInfo tenant, Guid fileId)
    {
        var residence = new Saas.Modules.Cases.Features.CaseFiles.Case
        {
            CaseFileId = fileId, Kind = "aufenthaltserlaubnis", Title = "Verlängerung § 18a", Status = "closed", Outcome = "erteilt",
            OpenedAt = DateTimeOffset.Parse("2024-01-10T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            ClosedAt = DateTimeOffset.Parse("2024-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), CreatedBy = "test",
        };
        var naturalisation = new Saas.Modules.Cases.Features.CaseFiles.Case
        {
            CaseFileId = fileId, Kind = "einbuergerung", Title = "Einbürgerung", OpenedAt = DateTimeOffset.Parse("2025-06-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            CreatedBy = "test",
        };
        var scan = Guid.NewGuid();
        await InTenantAsync(tenant, async (db, services) =>
        {
            db.Cases.AddRange(residence, naturalisation);
            await db.SaveChangesAsync();
            var blob = await services.GetRequiredService<IBlobStore>().PutAsync(new MemoryStream(Png));
            db.Documents.Add(new CaseDocument
            {
                Id = scan, CaseFileId = fileId, CaseId = naturalisation.Id, DocumentType = "einbuergerungsantrag", Title = "Antrag (Scan)", Source = "scan",
                ContentType = "image/png", Sha256 = blob.Sha256, Length = blob.Length, PaperOriginal = true, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
            });
            await db.SaveChangesAsync();
        });

        // The uploaded PDF belongs to the first procedure; documents are insert-only for the application, so the owner files it.
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var link = new NpgsqlCommand("UPDATE cases.documents SET procedure_id = $1 WHERE case_file_id = $2 AND content_type = 'application/pdf'", connection);
        link.Parameters.Add(new NpgsqlParameter { Value = residence.Id });
        link.Parameters.Add(new NpgsqlParameter { Value = fileId });
        (await link.ExecuteNonQueryAsync()).ShouldBe(1);
        return (residence.Id, naturalisation.Id, scan);
    }

    private async Task InTenantAsync(TenantInfo tenant, Func<CasesDbContext, IServiceProvider, Task> work)
    {
        using var scope = fixture.App.Services.CreateScope();
        using (scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant))
        {
            await work(scope.ServiceProvider.GetRequiredService<CasesDbContext>(), scope.ServiceProvider);
        }
    }

    private static Task<HttpResponseMessage> TransferAsync(HttpClient client, Guid file, string receiver) =>
        client.PostAsJsonAsync($"api/cases/files/{file}/transfer", new { toAuthority = receiver, reason = "Umzug in den Bezirk der empfangenden Behörde" });

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] package)
    {
        var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var form = new MultipartFormDataContent { { content, "file", "abgabe.zip" } };
        return await client.PostAsync("api/cases/transfers/import", form);
    }

    /// <summary>Everything an import could leave behind at an authority.</summary>
    private async Task<(int Files, int Cases, int Documents, int Transfers, int Blobs, long Audit, long Outbox)> CountsAsync(TenantInfo tenant)
    {
        var counts = (Files: 0, Cases: 0, Documents: 0, Transfers: 0, Blobs: 0);
        await InTenantAsync(tenant, async (db, services) =>
        {
            var blobs = 0;
            await foreach (var _ in services.GetRequiredService<IBlobStore>().ListAsync())
            {
                blobs++;
            }

            counts = (await db.CaseFiles.CountAsync(), await db.Cases.CountAsync(), await db.Documents.CountAsync(), await db.Transfers.CountAsync(), blobs);
        });
        return (counts.Files, counts.Cases, counts.Documents, counts.Transfers, counts.Blobs,
            await ScalarAsync("SELECT count(*) FROM audit.events WHERE tenant_id = $1 AND action LIKE 'casefile.%'", tenant.Id),
            await ScalarAsync("SELECT count(*) FROM platform.outbox_messages WHERE tenant_id = $1", tenant.Id));
    }

    private async Task<long> ScalarAsync(string sql, Guid tenant)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> AuditAsync(TenantInfo tenant, string action)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT coalesce(details, '') FROM audit.events WHERE tenant_id = $1 AND action = $2 ORDER BY seq", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = action });
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    private async Task<List<(string Direction, Guid File, string Counterpart, Guid Message, string Sha256, int Documents)>> TransferRowsAsync(TenantInfo tenant)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT direction, case_file_id, counterpart_authority, message_id, package_sha256, document_count FROM cases.transfers WHERE tenant_id = $1 AND package_blob_key = package_sha256", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<(string, Guid, string, Guid, string, int)>();
        while (await reader.ReadAsync())
        {
            list.Add((reader.GetString(0), reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3), reader.GetString(4), reader.GetInt32(5)));
        }

        return list;
    }

    private static async Task<JsonElement> WaitForTextAsync(HttpClient client, Guid document)
    {
        // Bounded polling for the background job; no assertion on how long it takes.
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var status = Json(await client.GetStringAsync($"api/cases/documents/{document}/text"));
            if (status.GetProperty("status").GetString() != "pending")
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Text extraction did not finish.");
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static ManifestDocument Document(byte[] pdf)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var id = Guid.NewGuid();
        return new ManifestDocument(id, "antrag", "Antrag", "upload", "application/pdf", DateTimeOffset.UtcNow, false, sha, pdf.Length,
            TransferManifest.DocumentEntry(id, "application/pdf"), null);
    }

    /// <summary>A schema-valid Abgabe.Abgabe.0401 from A to the given receiver and its entry name, as a forger or a broken system could write it.</summary>
    private (string Name, byte[] Bytes) Message(string receiver, IReadOnlyList<ManifestDocument> documents)
    {
        var id = Guid.NewGuid();
        var manifest = new TransferManifest(
            new ManifestHeader(id, DateTimeOffset.UtcNow, fixture.A.Key, fixture.A.Name, receiver, "Empfänger", "Umzug"),
            Guid.NewGuid(),
            "F-" + Guid.NewGuid().ToString("N")[..6],
            new ManifestPerson("Muster", "Erika", new DateOnly(1990, 1, 1), ["DEU"], [], null),
            [],
            documents);
        return (TransferManifest.EntryName(id), Encoding.UTF8.GetBytes(manifest.ToXml().ToString()));
    }

    private static Dictionary<string, byte[]> Unzip(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package));
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    /// <summary>
    /// A package whose one document is <paramref name="size"/> zero bytes, deflated to almost nothing. With
    /// <paramref name="declare"/> the zip's headers lie and claim that many bytes (and so does the manifest).
    /// </summary>
    private (byte[] Zip, string Entry) ZerosZip(long size, int? declare = null)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[1024 * 1024];
        for (long written = 0; written < size; written += chunk.Length)
        {
            sha.AppendData(chunk);
        }

        var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        var claimed = declare ?? size;
        var id = Guid.NewGuid();
        var document = new ManifestDocument(id, "antrag", "Nullen", "upload", "application/pdf", DateTimeOffset.UtcNow, false, hash, claimed,
            TransferManifest.DocumentEntry(id, "application/pdf"), null);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var (messageName, messageBytes) = Message(fixture.B.Key, [document]);
            using (var manifest = zip.CreateEntry(messageName).Open())
            {
                manifest.Write(messageBytes);
            }

            using var stream = zip.CreateEntry(document.FileName, CompressionLevel.SmallestSize).Open();
            for (long written = 0; written < size; written += chunk.Length)
            {
                stream.Write(chunk);
            }
        }

        var bytes = buffer.ToArray();
        if (declare is { } small)
        {
            // Local header: uncompressed size at +22; central directory header: at +24. Only the document's entry (the second of each).
            Patch(bytes, 0x04034b50, 22, small);
            Patch(bytes, 0x02014b50, 24, small);
        }

        return (bytes, document.FileName);
    }

    private static void Patch(byte[] zip, uint signature, int offset, int value)
    {
        var seen = 0;
        for (var i = 0; i + 4 <= zip.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) == signature && ++seen == 2)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + offset), (uint)value);
                return;
            }
        }

        throw new InvalidOperationException("Header not found.");
    }
}
