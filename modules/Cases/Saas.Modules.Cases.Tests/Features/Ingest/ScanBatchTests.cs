namespace Saas.Modules.Cases.Tests.Features.Ingest;

/// <summary>Small archive limits, so a zip bomb can be shown without gigabytes.</summary>
public sealed class SmallLimitsFixture : TwoTenantsFixture
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Cases:Ingest:MaxUnpackedBytes"] = (8 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// The scan center: cover sheets with QR codes are printed, a batch of scans is imported, zbarimg finds the cover
/// sheets and routes each document to its file; pages without a usable cover sheet land in the inbox.
/// </summary>
public sealed class ScanBatchTests(SmallLimitsFixture fixture) : IClassFixture<SmallLimitsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ABatch_IsSplitAtItsCoverSheets_AndWhatCannotBeRoutedLandsInTheInbox()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        var file = (await a.CreateFileAsync("Nowak", "Ewa", "1990-04-12")).GetProperty("id").GetGuid();
        var cover = await CoverSheetAsync(a, file, "arbeitsvertrag");
        var foreignFile = (await b.CreateFileAsync("Fremd", "Otto")).GetProperty("id").GetGuid();
        var foreignCover = await CoverSheetAsync(b, foreignFile, "pass");

        var word = "Lohnabrechnung" + Unique();
        var batch = Pdfs.Join(
            TestPdf.Create(["Irrlaeufer ohne Deckblatt"]),
            cover,
            TestPdf.Create([$"Arbeitsvertrag Seite eins {word}", "Arbeitsvertrag Seite zwei"]),
            foreignCover,
            TestPdf.Create(["Seite hinter fremdem Deckblatt"]));

        var (status, received) = await a.PostFileAsync("api/cases/scan-batches", batch, "application/pdf", "stapel-1.pdf");
        status.ShouldBe(HttpStatusCode.Accepted, received.ToString());
        received.GetProperty("pages").GetInt32().ShouldBe(6);
        var id = received.GetProperty("id").GetGuid();

        var result = await a.WaitAsync($"api/cases/scan-batches/{id}", s => s.GetProperty("batch").GetProperty("status").GetString() != "received");
        result.GetProperty("batch").GetProperty("status").GetString().ShouldBe("processed", result.ToString());
        var document = result.GetProperty("documents").EnumerateArray().ShouldHaveSingleItem();
        document.GetProperty("caseFileId").GetGuid().ShouldBe(file);
        document.GetProperty("documentType").GetString().ShouldBe("arbeitsvertrag");
        document.GetProperty("pages").GetInt32().ShouldBe(2);
        result.GetProperty("inbox").EnumerateArray().Select(i => i.GetProperty("reason").GetString()).Order()
            .ShouldBe(["foreign-cover-sheet", "no-cover-sheet"]);

        // The routed document is in the file, marked as scanned with a paper original, and its text is searchable.
        var view = await a.GetJsonAsync($"api/cases/files/{file}");
        var listed = view.GetProperty("documents").EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("source").GetString().ShouldBe("scan");
        listed.GetProperty("paperOriginal").GetBoolean().ShouldBeTrue();
        var documentId = document.GetProperty("id").GetGuid();
        await a.WaitAsync($"api/cases/documents/{documentId}/text", s => s.GetProperty("status").GetString() != "pending");
        (await a.GetJsonAsync($"api/cases/search?q={word}")).EnumerateArray().ShouldHaveSingleItem().GetProperty("documentId").GetGuid().ShouldBe(documentId);

        // Authority B sees nothing of it: not the batch, not the quarantined pages with its own cover sheet.
        (await b.Http.GetAsync($"api/cases/scan-batches/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.GetJsonAsync("api/cases/inbox")).EnumerateArray().ShouldBeEmpty();
        (await b.GetJsonAsync($"api/cases/files/{foreignFile}")).GetProperty("documents").EnumerateArray().ShouldBeEmpty();
        (await b.GetJsonAsync($"api/cases/search?q={word}")).EnumerateArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ACoverSheet_IsAPdfWithAQrCodeNamingTheAuthority_AndOnlyItsAuthorityCanPrintIt()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        var file = (await a.CreateFileAsync("Öztürk", "Ayşe")).GetProperty("id").GetGuid();
        var (status, created) = await a.PostJsonAsync($"api/cases/files/{file}/cover-sheets", new { documentType = "pass" });
        status.ShouldBe(HttpStatusCode.Created);
        var pdf = await a.Http.GetByteArrayAsync(created.GetProperty("pdf").GetString());
        pdf.Take(5).ShouldBe("%PDF-"u8.ToArray());

        (await b.Http.GetAsync(created.GetProperty("pdf").GetString())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostJsonAsync($"api/cases/files/{file}/cover-sheets", new { documentType = "pass" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await a.PostJsonAsync($"api/cases/files/{file}/cover-sheets", new { documentType = "" })).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BadBatches_AreRefusedWithTheCulpritNamed_AndNothingIsStored()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var before = (await a.GetJsonAsync("api/cases/scan-batches")).GetArrayLength();

        var traversal = TestZip.Create(CompressionLevel.SmallestSize, ("../../etc/evil.pdf", TestPdf.Create(["x"])));
        var (status, problem) = await a.PostFileAsync("api/cases/scan-batches", traversal, "application/zip", "stapel.zip");
        status.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("code").GetString().ShouldBe("zip-unsafe-path");
        problem.GetProperty("detail").GetString().ShouldBe("../../etc/evil.pdf");

        // 64 MB of zeros compress to a few kilobytes; refused before they are unpacked.
        var bomb = TestZip.Create(CompressionLevel.SmallestSize, ("scan.pdf", new byte[64 * 1024 * 1024]));
        bomb.Length.ShouldBeLessThan(1024 * 1024);
        (status, problem) = await a.PostFileAsync("api/cases/scan-batches", bomb, "application/zip", "bomb.zip");
        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("code").GetString().ShouldBe("zip-too-large");

        (status, problem) = await a.PostFileAsync("api/cases/scan-batches", TestZip.Create(CompressionLevel.SmallestSize, ("a.pdf", TestPdf.Create(["ok"])), ("b.pdf", Pdfs.Encrypted())), "application/zip", "enc.zip");
        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("code").GetString().ShouldBe("pdf-unreadable");
        problem.GetProperty("detail").GetString()!.ShouldContain("b.pdf");

        (status, problem) = await a.PostFileAsync("api/cases/scan-batches", TestZip.Create(CompressionLevel.SmallestSize, ("notes.txt", "hello"u8.ToArray())), "application/zip", "txt.zip");
        status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        problem.GetProperty("detail").GetString().ShouldBe("notes.txt");

        (await a.GetJsonAsync("api/cases/scan-batches")).GetArrayLength().ShouldBe(before);
    }

    [Fact]
    public async Task AnEncryptedPdf_IsRefusedAtUpload_WithAReason()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Kowalski")).GetProperty("id").GetGuid();
        var (status, problem) = await a.PostFileAsync($"api/cases/files/{file}/documents", Pdfs.Encrypted(), "application/pdf", "geheim.pdf");
        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("code").GetString().ShouldBe("pdf-unreadable");
        (await a.GetJsonAsync($"api/cases/files/{file}")).GetProperty("documents").EnumerateArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ACoverSheetOfAFileHandedOverSinceItWasPrinted_SendsItsPagesToTheInbox()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Abgegeben", "Ida")).GetProperty("id").GetGuid();
        var cover = await CoverSheetAsync(a, file, "arbeitsvertrag");
        var (handed, body) = await a.PostJsonAsync($"api/cases/files/{file}/transfer", new { toAuthority = fixture.B.Key, reason = "Umzug" });
        handed.ShouldBe(HttpStatusCode.Created, body.ToString());
        var before = await TenantRows.SettledAsync(fixture.App.Database, fixture.A.Id);

        var result = await ProcessAsync(a, Pdfs.Join(cover, TestPdf.Create(["Arbeitsvertrag nach der Abgabe"])), "stapel-abgegeben.pdf");
        await RoutedToTheInboxAsync(a, result, file, before);
    }

    [Fact]
    public async Task ABatchProcessedDuringTheHandOver_WaitsForIt_AndSendsThePagesToTheInbox()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Gleichzeitig", "Ida")).GetProperty("id").GetGuid();
        var cover = await CoverSheetAsync(a, file, "arbeitsvertrag");
        var before = await TenantRows.SettledAsync(fixture.App.Database, fixture.A.Id);

        JsonElement result;
        await using (var handOver = await HandOverInProgress.StartAsync(fixture.App.Database, file))
        {
            // The file still reads as active, so the batch is split for it; the documents must wait for the file row.
            var (status, received) = await a.PostFileAsync("api/cases/scan-batches", Pdfs.Join(cover, TestPdf.Create(["Arbeitsvertrag waehrend der Abgabe"])),
                "application/pdf", "stapel-gleichzeitig.pdf");
            status.ShouldBe(HttpStatusCode.Accepted, received.ToString());
            var path = $"api/cases/scan-batches/{received.GetProperty("id").GetGuid()}";
            var state = default(JsonElement);
            (await handOver.SomeoneWaitsAsync(async () => (state = await a.GetJsonAsync(path)).GetProperty("batch").GetProperty("status").GetString() != "received"))
                .ShouldBeTrue($"the batch must wait for the file row the hand-over holds; it ended as {state}");
            await handOver.CommitAsync();
            result = await a.WaitAsync(path, s => s.GetProperty("batch").GetProperty("status").GetString() != "received");
        }

        await RoutedToTheInboxAsync(a, result, file, before);
    }

    private async Task<JsonElement> ProcessAsync(CasesApi api, byte[] batch, string name)
    {
        var (status, received) = await api.PostFileAsync("api/cases/scan-batches", batch, "application/pdf", name);
        status.ShouldBe(HttpStatusCode.Accepted, received.ToString());
        return await api.WaitAsync($"api/cases/scan-batches/{received.GetProperty("id").GetGuid()}", s => s.GetProperty("batch").GetProperty("status").GetString() != "received");
    }

    /// <summary>
    /// The batch's pages are in the inbox as read-only, and nothing else changed: no document, no text, no event for
    /// text extraction; only the inbox item, the batch's own event and its two audit records (received, processed).
    /// </summary>
    private async Task RoutedToTheInboxAsync(CasesApi api, JsonElement result, Guid file, TenantRows before)
    {
        result.GetProperty("batch").GetProperty("status").GetString().ShouldBe("processed", result.ToString());
        var after = await TenantRows.CountAsync(fixture.App.Database, fixture.A.Id);
        after.ShouldBe(before with
        {
            Inbox = before.Inbox + 1, OpenInbox = before.OpenInbox + 1, AuditRecords = before.AuditRecords + 2, Events = before.Events + 1,
            ScanBatchReads = after.ScanBatchReads,
        });
        after.ScanBatchReads.ShouldBeGreaterThan(before.ScanBatchReads, "every look at the batch is a recorded read");
        result.GetProperty("batch").GetProperty("documents").GetInt32().ShouldBe(0);
        result.GetProperty("documents").EnumerateArray().ShouldBeEmpty();
        var item = result.GetProperty("inbox").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("reason").GetString().ShouldBe("file-read-only");
        item.GetProperty("pages").GetInt32().ShouldBe(1);
        (await api.GetJsonAsync($"api/cases/files/{file}")).GetProperty("documents").EnumerateArray().ShouldBeEmpty();
    }

    private static async Task<byte[]> CoverSheetAsync(CasesApi api, Guid file, string type)
    {
        var (status, created) = await api.PostJsonAsync($"api/cases/files/{file}/cover-sheets", new { documentType = type });
        status.ShouldBe(HttpStatusCode.Created, created.ToString());
        return await api.Http.GetByteArrayAsync(created.GetProperty("pdf").GetString());
    }

    private static string Unique() => new(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
}
