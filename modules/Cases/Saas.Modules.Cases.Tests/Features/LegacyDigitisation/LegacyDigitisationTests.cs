using Saas.Modules.Cases.Features.LegacyDigitisation;

namespace Saas.Modules.Cases.Tests.Features.LegacyDigitisation;

/// <summary>Two authorities, with small archive limits so that a zip bomb is refused quickly.</summary>
public sealed class LegacyFixture : TwoTenantsFixture
{
    public const int MaxBytes = 64 * 1024;

    public const int MaxEntries = 20;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Cases:Legacy:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cases:Legacy:MaxEntries"] = MaxEntries.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Legacy digitisation through the API on real PostgreSQL: box → sent → import of the returned scans → sample →
/// findings → accepted or rejected, the scan protocol with its hashes, and everything that must be refused
/// without leaving a trace.
/// </summary>
public sealed class LegacyDigitisationTests(LegacyFixture fixture) : IClassFixture<LegacyFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ABox_GoesOutAndComesBack_IsSampled_Checked_AndAccepted_WithAProtocolWhoseHashesMatchTheDocuments()
    {
        var a = await Client(fixture.A.Key);
        var first = await CreateFileAsync(a);
        var second = await CreateFileAsync(a);
        var box = await CreateBoxAsync(a, first.Id, second.Id);

        // Status changes out of order are refused in both languages.
        var early = await a.PostAsJsonAsync($"api/cases/legacy/boxes/{box}/returned", new { });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        Title(await early.Content.ReadAsStringAsync()).ShouldBe("Der Karton ist gepackt; „zurückgekommen“ ist von dort aus nicht möglich.");
        using (var english = new HttpRequestMessage(HttpMethod.Post, $"api/cases/legacy/boxes/{box}/returned") { Content = JsonContent.Create(new { }) })
        {
            english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
            var response = await a.SendAsync(english);
            response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            Title(await response.Content.ReadAsStringAsync()).ShouldBe("The box is packed; it cannot become returned from there.");
        }

        // A file in a box that is not yet accepted cannot be packed again.
        var again = await a.PostAsJsonAsync("api/cases/legacy/boxes", new { label = "K-" + Unique(), files = new[] { new { caseFileId = first.Id } } });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain(first.Number);

        await SendAsync(a, box);
        (await a.PostAsJsonAsync($"api/cases/legacy/boxes/{box}/sent", new { vendor = "Scan GmbH" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var contents = new Dictionary<string, byte[]>();
        for (var i = 1; i <= 4; i++)
        {
            contents[$"{first.Number}/{i:D4}.pdf"] = TestPdf.Create([$"Altakte {first.Number} Blatt {i}"]);
        }

        for (var i = 1; i <= 2; i++)
        {
            contents[$"{second.Number}/{i:D4}.pdf"] = TestPdf.Create([$"Altakte {second.Number} Blatt {i}"]);
        }

        var zip = TestZip.Create([.. contents.Select(c => (c.Key, c.Value))]);
        var imported = await ImportAsync(a, box, zip);
        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var batchJson = JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement;
        var batch = batchJson.GetProperty("id").GetGuid();
        batchJson.GetProperty("documents").GetInt32().ShouldBe(6);
        batchJson.GetProperty("qaRate").GetDecimal().ShouldBe(0.20m);
        batchJson.GetProperty("sampleSize").GetInt32().ShouldBe(2); // ceil(0.20 × 6)
        var sample = batchJson.GetProperty("sample").EnumerateArray().Select(s => s.GetProperty("documentId").GetGuid()).ToList();
        sample.Count.ShouldBe(2);

        var boxJson = JsonDocument.Parse(await a.GetStringAsync($"api/cases/legacy/boxes/{box}")).RootElement;
        boxJson.GetProperty("status").GetString().ShouldBe("in-qa");
        var file = JsonDocument.Parse(await a.GetStringAsync($"api/cases/files/{first.Id}")).RootElement;
        var documents = file.GetProperty("documents").EnumerateArray().ToList();
        documents.Count.ShouldBe(4);
        documents.ShouldAllBe(d => d.GetProperty("source").GetString() == "legacy-digitisation" && d.GetProperty("paperOriginal").GetBoolean());

        // The first finding leaves the batch open; the last one decides it.
        var partial = await RecordAsync(a, batch, new { documentId = sample[0], result = "ok" });
        partial.GetProperty("qaStatus").GetString().ShouldBe("in-qa");
        partial.GetProperty("checked").GetInt32().ShouldBe(1);
        var decided = await RecordAsync(a, batch, new { documentId = sample[1], result = "ok" });
        decided.GetProperty("qaStatus").GetString().ShouldBe("accepted");
        decided.GetProperty("boxStatus").GetString().ShouldBe("accepted");
        var late = await a.PostAsJsonAsync($"api/cases/legacy/batches/{batch}/findings", new { findings = new[] { new { documentId = sample[0], result = "ok" } } });
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var protocol = JsonDocument.Parse(await a.GetStringAsync($"api/cases/legacy/batches/{batch}/protocol")).RootElement;
        var scan = protocol.GetProperty("scan");
        scan.GetProperty("vendor").GetString().ShouldBe("Scan GmbH");
        scan.GetProperty("operator").GetString().ShouldBe("M. Muster");
        scan.GetProperty("device").GetProperty("serial").GetString().ShouldBe("SN-4711");
        scan.GetProperty("settings").GetProperty("resolutionDpi").GetInt32().ShouldBe(300);
        scan.GetProperty("settings").GetProperty("colourMode").GetString().ShouldBe("greyscale");
        var delivery = protocol.GetProperty("delivery");
        delivery.GetProperty("archiveSha256").GetString().ShouldBe(Sha256(zip));
        var manifest = string.Concat(contents.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{Sha256(c.Value)}  {c.Key}\n"));
        delivery.GetProperty("manifestSha256").GetString().ShouldBe(Sha256(Encoding.UTF8.GetBytes(manifest)));
        var files = delivery.GetProperty("files").EnumerateArray().ToList();
        files.Count.ShouldBe(6);
        foreach (var entry in files)
        {
            var path = entry.GetProperty("path").GetString()!;
            entry.GetProperty("sha256").GetString().ShouldBe(Sha256(contents[path]));
            var stored = await a.GetByteArrayAsync($"api/cases/documents/{entry.GetProperty("documentId").GetGuid()}/content");
            Sha256(stored).ShouldBe(entry.GetProperty("sha256").GetString());
        }

        var qa = protocol.GetProperty("qualityAssurance");
        qa.GetProperty("status").GetString().ShouldBe("accepted");
        qa.GetProperty("sampleSize").GetInt32().ShouldBe(2);
        qa.GetProperty("rate").GetDecimal().ShouldBe(0.20m);
        qa.GetProperty("checked").GetInt32().ShouldBe(2);
        qa.GetProperty("defects").GetInt32().ShouldBe(0);
        qa.GetProperty("findings").GetArrayLength().ShouldBe(2);
        // The recorded seed and method redraw the same sample from the manifest.
        var redrawn = QaSampler.Draw(Convert.FromHexString(qa.GetProperty("seed").GetString()!), contents.Keys, 2);
        qa.GetProperty("sample").EnumerateArray().Select(s => s.GetString()!).ShouldBe(redrawn, ignoreOrder: true);
        protocol.GetProperty("box").GetProperty("status").GetString().ShouldBe("accepted");

        // Once accepted, the files are free to be packed again.
        (await a.PostAsJsonAsync("api/cases/legacy/boxes", new { label = "K-" + Unique(), files = new[] { new { caseFileId = first.Id } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ABatchWithTooManyDefects_IsRejected_AndTheBoxGoesBackToTheVendor()
    {
        var a = await Client(fixture.A.Key);
        var first = await CreateFileAsync(a);
        var second = await CreateFileAsync(a);
        var box = await CreateBoxAsync(a, first.Id, second.Id);
        await SendAsync(a, box);
        var imported = await ImportAsync(a, box, TestZip.Create(
            ($"{first.Number}/0001.pdf", TestPdf.Create(["Seite eins " + Unique()])),
            ($"{first.Number}/0002.pdf", TestPdf.Create(["Seite zwei " + Unique()])),
            ($"{first.Number}/0003.pdf", TestPdf.Create(["Seite drei " + Unique()])),
            ($"{second.Number}/0001.pdf", TestPdf.Create(["Seite eins " + Unique()])),
            ($"{second.Number}/0002.pdf", TestPdf.Create(["Seite zwei " + Unique()])),
            ($"{second.Number}/0003.pdf", TestPdf.Create(["Seite drei " + Unique()]))));
        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var batchJson = JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement;
        var batch = batchJson.GetProperty("id").GetGuid();
        var sample = batchJson.GetProperty("sample").EnumerateArray().Select(s => s.GetProperty("documentId").GetGuid()).ToList();

        var invalid = await a.PostAsJsonAsync($"api/cases/legacy/batches/{batch}/findings", new { findings = new[] { new { documentId = sample[0], result = "defect", category = "smudged" } } });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("findings[0].category");
        var outside = await a.PostAsJsonAsync($"api/cases/legacy/batches/{batch}/findings", new { findings = new[] { new { documentId = Guid.NewGuid(), result = "ok" } } });
        outside.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var decided = await RecordAsync(a, batch,
            new { documentId = sample[0], result = "defect", category = "missing-page", note = "Blatt 3 fehlt" },
            new { documentId = sample[1], result = "ok" });
        decided.GetProperty("qaStatus").GetString().ShouldBe("rejected");
        decided.GetProperty("boxStatus").GetString().ShouldBe("rejected");
        decided.GetProperty("defectRate").GetDecimal().ShouldBe(0.5m);

        var boxJson = JsonDocument.Parse(await a.GetStringAsync($"api/cases/legacy/boxes/{box}")).RootElement;
        boxJson.GetProperty("status").GetString().ShouldBe("rejected");
        boxJson.GetProperty("rejectionReason").GetString()!.ShouldContain("missing-page: 1");
        var qa = JsonDocument.Parse(await a.GetStringAsync($"api/cases/legacy/batches/{batch}/protocol")).RootElement.GetProperty("qualityAssurance");
        qa.GetProperty("defectsByCategory").GetProperty("missing-page").GetInt32().ShouldBe(1);
        qa.GetProperty("findings").EnumerateArray().ShouldContain(f => f.GetProperty("note").GetString() == "Blatt 3 fehlt");

        // Back to the scanning company; the files stay in this box until it is accepted.
        await SendAsync(a, box);
        (await a.PostAsJsonAsync("api/cases/legacy/boxes", new { label = "K-" + Unique(), files = new[] { new { caseFileId = second.Id } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnotherAuthority_NeitherSeesNorImportsNorChecks_AndItsFileNumbersAreRefusedAsFolders()
    {
        var a = await Client(fixture.A.Key);
        var b = await Client(fixture.B.Key);
        var file = await CreateFileAsync(a);
        var box = await CreateBoxAsync(a, file.Id);
        await SendAsync(a, box);
        var zip = TestZip.Create(($"{file.Number}/0001.pdf", TestPdf.Create(["Akte A " + Unique()])));
        var imported = await ImportAsync(a, box, zip);
        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var batchJson = JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement;
        var batch = batchJson.GetProperty("id").GetGuid();
        var sampled = batchJson.GetProperty("sample")[0].GetProperty("documentId").GetGuid();

        (await b.GetAsync($"api/cases/legacy/boxes/{box}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.GetStringAsync("api/cases/legacy/boxes")).ShouldNotContain(box.ToString());
        (await b.PostAsJsonAsync($"api/cases/legacy/boxes/{box}/sent", new { vendor = "X" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ImportAsync(b, box, zip)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.GetAsync($"api/cases/legacy/batches/{batch}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.GetAsync($"api/cases/legacy/batches/{batch}/protocol")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostAsJsonAsync($"api/cases/legacy/batches/{batch}/findings", new { findings = new[] { new { documentId = sampled, result = "defect", category = "illegible" } } }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var packForeign = await b.PostAsJsonAsync("api/cases/legacy/boxes", new { label = "K-" + Unique(), files = new[] { new { caseFileId = file.Id } } });
        packForeign.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        JsonDocument.Parse(await a.GetStringAsync($"api/cases/legacy/batches/{batch}")).RootElement.GetProperty("checked").GetInt32().ShouldBe(0);

        // A's next box; the archive names a file number of B as a folder.
        var own = await CreateFileAsync(a);
        var foreign = await CreateFileAsync(b);
        var next = await CreateBoxAsync(a, own.Id);
        await SendAsync(a, next);
        var before = await CountAsync(fixture.A.Id);
        var response = await ImportAsync(a, next, TestZip.Create(
            ($"{own.Number}/0001.pdf", TestPdf.Create(["eigene Akte"])),
            ($"{foreign.Number}/0001.pdf", TestPdf.Create(["fremde Akte"]))));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("unknown-folder");
        body.ShouldContain(foreign.Number);
        (await CountAsync(fixture.A.Id)).ShouldBe(before);
    }

    public static TheoryData<string> UnsafeNames() => new()
    {
        "../0001.pdf",
        "{0}/../../0001.pdf",
        "/etc/0001.pdf",
        "{0}\\0001.pdf",
        "C:/{0}/0001.pdf",
        "{0}/./0001.pdf",
        "{0}//0001.pdf",
    };

    [Theory]
    [MemberData(nameof(UnsafeNames))]
    public async Task AnEntryWithAnUnsafeName_IsRefused_AndNothingIsCreated(string pattern)
    {
        var (a, file, box) = await SentBoxAsync();
        var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, file.Number);
        await RefusedAsync(a, box, TestZip.Create(($"{file.Number}/0001.pdf", TestPdf.Create(["gut"])), (name, TestPdf.Create(["boese"]))),
            HttpStatusCode.UnprocessableEntity, "unsafe-entry-name");
    }

    [Fact]
    public async Task AZipBomb_IsRefusedByItsDeclaredSize_AndNothingIsCreated()
    {
        var (a, file, box) = await SentBoxAsync();
        var bomb = new byte[LegacyFixture.MaxBytes * 16];
        "%PDF-1.4\n"u8.CopyTo(bomb);
        var zip = TestZip.Create(($"{file.Number}/0001.pdf", bomb));
        zip.Length.ShouldBeLessThan(LegacyFixture.MaxBytes / 8);
        await RefusedAsync(a, box, zip, HttpStatusCode.RequestEntityTooLarge, "archive-too-large");
    }

    [Fact]
    public async Task AnImageBomb_AmongTheReturnedScans_IsRefusedByItsHeader_AndNothingIsCreated()
    {
        var (a, file, box) = await SentBoxAsync();
        // A few hundred bytes that declare a page of 20,000 × 20,000 pixels, behind an ordinary A4 scan.
        var body = await RefusedAsync(a, box, TestZip.Create(
                ($"{file.Number}/0001.tif", Documents.TestImages.Tiff((2480, 3508))),
                ($"{file.Number}/0002.tif", Documents.TestImages.Tiff((20_000, 20_000)))),
            HttpStatusCode.RequestEntityTooLarge, "image-too-large");
        body.ShouldContain($"{file.Number}/0002.tif, page 1: 20000");
    }

    [Fact]
    public async Task AnEntryThatLiesAboutItsSize_IsRefusedByTheBytesActuallyRead_AndNothingIsCreated()
    {
        var (a, file, box) = await SentBoxAsync();
        var content = new byte[LegacyFixture.MaxBytes * 2];
        "%PDF-1.4\n"u8.CopyTo(content);

        // Stored: the reader follows the compressed size and delivers every byte, whatever the header claims.
        var stored = LieAboutSize(TestZip.Create(CompressionLevel.NoCompression, ($"{file.Number}/0001.pdf", content)), 1000);
        var response = await RefusedAsync(a, box, stored, HttpStatusCode.RequestEntityTooLarge, "archive-too-large");
        response.ShouldContain("while reading");

        // Deflated: the reader stops at the claimed size; the checksum shows the cut.
        var deflated = LieAboutSize(TestZip.Create(($"{file.Number}/0001.pdf", content)), 1000);
        await RefusedAsync(a, box, deflated, HttpStatusCode.UnprocessableEntity, "archive-corrupt");
    }

    [Fact]
    public async Task TooManyEntries_AreRefused()
    {
        var (a, file, box) = await SentBoxAsync();
        var entries = Enumerable.Range(1, LegacyFixture.MaxEntries + 1).Select(i => ($"{file.Number}/{i:D4}.pdf", TestPdf.Create([$"Blatt {i}"]))).ToArray();
        await RefusedAsync(a, box, TestZip.Create(entries), HttpStatusCode.RequestEntityTooLarge, "archive-too-many-entries");
    }

    [Fact]
    public async Task APdfThatIsText_IsRefusedWithItsName_AndNothingIsCreated()
    {
        var (a, file, box) = await SentBoxAsync();
        var body = await RefusedAsync(a, box, TestZip.Create(
                ($"{file.Number}/0001.pdf", TestPdf.Create(["echt"])),
                ($"{file.Number}/0002.pdf", "Dies ist nur Text, kein PDF."u8.ToArray())),
            HttpStatusCode.UnsupportedMediaType, "content-mismatch");
        body.ShouldContain($"{file.Number}/0002.pdf");
    }

    [Fact]
    public async Task AFileOfTheBoxWithoutScans_AnUnreadableArchive_AndAnIncompleteProtocol_AreRefused()
    {
        var a = await Client(fixture.A.Key);
        var first = await CreateFileAsync(a);
        var second = await CreateFileAsync(a);
        var box = await CreateBoxAsync(a, first.Id, second.Id);
        await SendAsync(a, box);
        var body = await RefusedAsync(a, box, TestZip.Create(($"{first.Number}/0001.pdf", TestPdf.Create(["nur eine"]))), HttpStatusCode.UnprocessableEntity, "missing-folder");
        body.ShouldContain(second.Number);
        await RefusedAsync(a, box, "PK nicht wirklich ein Archiv"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "archive-unreadable");
        var good = TestZip.Create(($"{first.Number}/0001.pdf", TestPdf.Create(["a"])), ($"{second.Number}/0001.pdf", TestPdf.Create(["b"])));
        body = await RefusedAsync(a, box, good, HttpStatusCode.BadRequest, "invalid-scan-protocol", omit: "resolutionDpi");
        body.ShouldContain("resolutionDpi");
        await RefusedAsync(a, box, good, HttpStatusCode.UnprocessableEntity, "document-count-mismatch", extra: ("documents", "3"));
    }

    [Fact]
    public async Task ImportingIntoABoxThatWasNotSent_IsAConflict()
    {
        var a = await Client(fixture.A.Key);
        var file = await CreateFileAsync(a);
        var box = await CreateBoxAsync(a, file.Id);
        var response = await ImportAsync(a, box, TestZip.Create(($"{file.Number}/0001.pdf", TestPdf.Create(["x"]))));
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("wrong-box-status");
    }

    [Fact]
    public async Task AFileHandedOverWhileItsPaperWasAtTheScanningCompany_RefusesTheImport_NamingTheFile()
    {
        var a = await Client(fixture.A.Key);
        var stays = await CreateFileAsync(a);
        var moves = await CreateFileAsync(a);
        var box = await CreateBoxAsync(a, stays.Id, moves.Id);
        await SendAsync(a, box);
        var handed = await a.PostAsJsonAsync($"api/cases/files/{moves.Id}/transfer", new { toAuthority = fixture.B.Key, reason = "Umzug" });
        handed.StatusCode.ShouldBe(HttpStatusCode.Created, await handed.Content.ReadAsStringAsync());
        var before = await TenantRows.SettledAsync(fixture.App.Database, fixture.A.Id);

        var body = await RefusedAsync(a, box, TestZip.Create(($"{stays.Number}/0001.pdf", TestPdf.Create(["bleibt"])), ($"{moves.Number}/0001.pdf", TestPdf.Create(["geht"]))),
            HttpStatusCode.Conflict, "box-files-read-only");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("detail").GetString().ShouldBe(moves.Number);
        problem.GetProperty("title").GetString().ShouldBe("Akten dieses Kartons wurden abgegeben oder gelöscht und nehmen keine Scans mehr auf.");
        (await TenantRows.CountAsync(fixture.App.Database, fixture.A.Id)).ShouldBe(before with { AuditRecords = before.AuditRecords + 1 }, "only the box was read (audited)");
    }

    [Fact]
    public async Task AnImportDuringTheHandOverOfAFileOfTheBox_WaitsForIt_AndIsThenRefused()
    {
        var (a, file, box) = await SentBoxAsync();
        var before = await TenantRows.SettledAsync(fixture.App.Database, fixture.A.Id);

        await using (var handOver = await HandOverInProgress.StartAsync(fixture.App.Database, file.Id))
        {
            var import = ImportAsync(a, box, TestZip.Create(($"{file.Number}/0001.pdf", TestPdf.Create(["waehrend der Abgabe"]))));
            (await handOver.SomeoneWaitsAsync(() => Task.FromResult(import.IsCompleted))).ShouldBeTrue("the import must wait for the file row the hand-over holds");
            await handOver.CommitAsync();
            var response = await import;
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.Conflict, body);
            JsonDocument.Parse(body).RootElement.GetProperty("code").GetString().ShouldBe("box-files-read-only");
        }

        (await TenantRows.CountAsync(fixture.App.Database, fixture.A.Id)).ShouldBe(before);
        JsonDocument.Parse(await a.GetStringAsync($"api/cases/legacy/boxes/{box}")).RootElement.GetProperty("status").GetString().ShouldBe("sent");
    }

    private async Task<string> RefusedAsync(HttpClient client, Guid box, byte[] zip, HttpStatusCode status, string code, string? omit = null, (string, string)? extra = null)
    {
        var before = await CountAsync(fixture.A.Id);
        var response = await ImportAsync(client, box, zip, omit, extra);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        body.ShouldContain(code);
        (await CountAsync(fixture.A.Id)).ShouldBe(before);
        JsonDocument.Parse(await client.GetStringAsync($"api/cases/legacy/boxes/{box}")).RootElement.GetProperty("status").GetString().ShouldBe("sent");
        return body;
    }

    private async Task<(HttpClient Client, (Guid Id, string Number) File, Guid Box)> SentBoxAsync()
    {
        var a = await Client(fixture.A.Key);
        var file = await CreateFileAsync(a);
        var box = await CreateBoxAsync(a, file.Id);
        await SendAsync(a, box);
        return (a, file, box);
    }

    private Task<HttpClient> Client(string tenant)
    {
        var token = fixture.TokenFor(tenant, "cw-" + tenant);
        var client = fixture.App.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Task.FromResult(client);
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private static async Task<(Guid Id, string Number)> CreateFileAsync(HttpClient client)
    {
        var number = "ALT-" + Unique();
        var response = await client.PostAsJsonAsync("api/cases/files", new { fileNumber = number, surname = "Nowak", givenNames = "Ewa" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid(), number);
    }

    private static async Task<Guid> CreateBoxAsync(HttpClient client, params Guid[] files)
    {
        var response = await client.PostAsJsonAsync("api/cases/legacy/boxes", new { label = "K-" + Unique(), files = files.Select(f => new { caseFileId = f, sheets = 120 }) });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var box = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        box.GetProperty("status").GetString().ShouldBe("packed");
        box.GetProperty("files").GetArrayLength().ShouldBe(files.Length);
        return box.GetProperty("id").GetGuid();
    }

    private static async Task SendAsync(HttpClient client, Guid box)
    {
        var response = await client.PostAsJsonAsync($"api/cases/legacy/boxes/{box}/sent", new { vendor = "Scan GmbH", sentAt = DateTimeOffset.UtcNow.AddDays(-14) });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().ShouldBe("sent");
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, Guid box, byte[] zip, string? omit = null, (string Name, string Value)? extra = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["operator"] = "M. Muster",
            ["scannedAt"] = DateTimeOffset.UtcNow.AddDays(-2).ToString("O"),
            ["deviceMake"] = "Fujitsu",
            ["deviceModel"] = "fi-7900",
            ["deviceSerial"] = "SN-4711",
            ["resolutionDpi"] = "300",
            ["colourMode"] = "greyscale",
            ["format"] = "PDF/A-2b",
            ["compression"] = "JPEG",
        };
        if (omit is not null)
        {
            fields.Remove(omit);
        }

        if (extra is { } field)
        {
            fields[field.Name] = field.Value;
        }

        var archive = new ByteArrayContent(zip);
        archive.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var form = new MultipartFormDataContent { { archive, "archive", "karton.zip" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return await client.PostAsync($"api/cases/legacy/boxes/{box}/scans", form);
    }

    private static async Task<JsonElement> RecordAsync(HttpClient client, Guid batch, params object[] findings)
    {
        var response = await client.PostAsJsonAsync($"api/cases/legacy/batches/{batch}/findings", new { findings });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Writes a false uncompressed size into the local header and the central directory of every entry.</summary>
    private static byte[] LieAboutSize(byte[] zip, uint size)
    {
        for (var i = 0; i < zip.Length - 30; i++)
        {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 3 && zip[i + 3] == 4)
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), size).ShouldBeTrue();
            }
            else if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 1 && zip[i + 3] == 2)
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), size).ShouldBeTrue();
            }
        }

        return zip;
    }

    private static string Title(string problem) => JsonDocument.Parse(problem).RootElement.GetProperty("title").GetString()!;

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Rows of the authority that an import creates, counted directly in the database.</summary>
    private async Task<string> CountAsync(Guid tenant)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using (var bind = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection))
        {
            bind.Parameters.Add(new NpgsqlParameter { Value = tenant.ToString() });
            await bind.ExecuteScalarAsync();
        }

        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM cases.documents WHERE tenant_id = $1),
                   (SELECT count(*) FROM cases.legacy_scan_batches WHERE tenant_id = $1),
                   (SELECT count(*) FROM cases.legacy_batch_documents WHERE tenant_id = $1),
                   (SELECT count(*) FROM platform.outbox_messages WHERE tenant_id = $1)
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant });
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"documents {reader.GetInt64(0)}, batches {reader.GetInt64(1)}, batch documents {reader.GetInt64(2)}, events {reader.GetInt64(3)}";
    }
}
