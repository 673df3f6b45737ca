using Saas.Modules.Cases.Features.Documents;

namespace Saas.Modules.Cases.Tests.Features.Documents;

/// <summary>
/// Hardening item 5: a person's document or mail is never cached, never sniffed, sandboxed, and named by a safe file
/// name; a PDF with JavaScript is refused at upload (422 pdf-active-content), however the script is hidden.
/// </summary>
public sealed class PersonalContentTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task HardeningItem5_ADocumentsBytes_AreNotStored_NotSniffed_Sandboxed_AndNamedSafely()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Inhalt")).GetProperty("id").GetGuid();
        var fields = new Dictionary<string, string> { ["title"] = "Bescheid \"Öztürk\"/../\r\nX-Evil: 1" };
        var (status, document) = await a.PostFileAsync($"api/cases/files/{file}/documents", TestPdf.Create(["Bescheid"]), "application/pdf", "b.pdf", fields);
        status.ShouldBe(HttpStatusCode.Created, document.ToString());

        var response = await a.Http.GetAsync($"/t/{fixture.A.Key}/api/cases/documents/{document.GetProperty("id").GetGuid()}/content");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("sandbox; default-src 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.Contains("X-Evil").ShouldBeFalse();
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.ShouldBe("inline");
        disposition.FileNameStar.ShouldBe("Bescheid _Öztürk__..___X-Evil_ 1.pdf");
        response.Content.Headers.GetValues("Content-Disposition").Single().ShouldContain("filename*=UTF-8''");
    }

    [Fact]
    public async Task HardeningItem5_AnInboxItemsBytes_AreNotStored_AndSandboxed()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var mail = "From: a@example.org\r\nSubject: Unterlagen <script>\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>\r\n";
        var (status, item) = await a.PostFileAsync("api/cases/inbox/mail", Encoding.UTF8.GetBytes(mail), "message/rfc822", "mail.eml");
        status.ShouldBe(HttpStatusCode.Created, item.ToString());

        var response = await a.Http.GetAsync($"/t/{fixture.A.Key}/api/cases/inbox/{item.GetProperty("id").GetGuid()}/content");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("sandbox; default-src 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("Unterlagen _script.eml");
    }

    public static TheoryData<string, byte[]> PdfsWithScript() => new()
    {
        { "an /OpenAction in the catalogue", PdfObjects.Write(["<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", Pages, Page, "<< /S /JavaScript /JS (app.alert\\(1\\)) >>"]) },
        { "a document-level script in the name tree", PdfObjects.Write(["<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 4 0 R >> >>", Pages, Page, "<< /Names [(a) 5 0 R] >>", "<< /S /JavaScript /JS (app.alert\\(2\\)) >>"]) },
        { "names written with #xx escapes", PdfObjects.Write(["<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", Pages, Page, "<< /S /J#61vaScript /J#53 (app.alert\\(3\\)) >>"]) },
        { "an action hidden in a compressed object stream", ObjectStreamWithScript() },
    };

    [Theory]
    [MemberData(nameof(PdfsWithScript))]
    public async Task HardeningItem5_APdfWithJavaScript_IsRefusedAtUpload(string hiddenAs, byte[] pdf)
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Skript")).GetProperty("id").GetGuid();
        var (status, problem) = await a.PostFileAsync($"api/cases/files/{file}/documents", pdf, "application/pdf", "skript.pdf");
        status.ShouldBe(HttpStatusCode.UnprocessableEntity, hiddenAs + ": " + problem);
        problem.GetProperty("code").GetString().ShouldBe("pdf-active-content");
        problem.GetProperty("detail").GetString().ShouldBe("skript.pdf");
        problem.GetProperty("title").GetString()!.ShouldContain("JavaScript");
    }

    [Fact]
    public void HardeningItem5_APdfWithoutScript_IsNotTakenForOne()
    {
        PdfActiveContent.HasJavaScript(TestPdf.Create(["JS JavaScript /JSON /JSX"])).ShouldBeFalse();
        PdfActiveContent.HasJavaScript(Pdfs.Encrypted()).ShouldBeFalse();
    }

    [Fact]
    public void AnUncompressedStreamThatStartsLikeZlib_IsLookedAtAsItIs_NotAnError()
    {
        // Image data may start with two bytes that form a zlib header by chance (1 in 256 for random bytes): the
        // inflater then fails on what follows in more than one way, and no failure may become a 500 (found by the
        // submit benchmark's random image data).
        var random = new Random(186);
        for (var i = 0; i < 400; i++)
        {
            var data = new byte[64];
            random.NextBytes(data);
            // Every window size a header can name (the second byte makes the pair a multiple of 31, as zlib's check asks).
            data[0] = (byte)(0x08 | ((i % 8) << 4));
            data[1] = (byte)((31 - (data[0] << 8) % 31) % 31 + 31 * random.Next(0, 8));
            var pdf = PdfObjects.Write(["<< /Type /Catalog /Pages 2 0 R >>", Pages, Page, $"<< /Length {data.Length} >>\nstream\n{PdfObjects.Latin1.GetString(data)}\nendstream"]);
            Should.NotThrow(() => PdfActiveContent.HasJavaScript(pdf), $"random stream {i}");
        }
    }

    private const string Pages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";

    private const string Page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>";

    /// <summary>Object 5 (the action) lives compressed in object stream 4; the catalogue's /OpenAction points to it.</summary>
    private static byte[] ObjectStreamWithScript()
    {
        var action = "<< /S /JavaScript /JS (app.alert\\(4\\)) >>";
        var header = "5 0 ";
        var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(PdfObjects.Latin1.GetBytes(header + action));
        }

        return PdfObjects.Write(
        [
            PdfObjects.Latin1.GetBytes("<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>"),
            PdfObjects.Latin1.GetBytes(Pages),
            PdfObjects.Latin1.GetBytes(Page),
            PdfObjects.Stream($"/Type /ObjStm /N 1 /First {header.Length} /Filter /FlateDecode", packed.ToArray()),
        ]);
    }
}
