using Saas.Modules.Cases.Features.Documents;
using Saas.Modules.Cases.Features.Text;

namespace Saas.Modules.Cases.Tests.Features.Documents;

/// <summary>
/// Decompression bombs (a few hundred KB that declare 20,000 × 20,000 pixels) are refused at every door from their
/// headers, before their bytes are stored: the caseworker's upload, the scan batch, the mail intake and the returned
/// scans of legacy digitisation. The problem names the file and the page, in the reader's language.
/// </summary>
public sealed class ImageBombTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task APngBomb_IsRefusedAtUpload_NamingFileAndSize_AndIsNotStored()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Bombe")).GetProperty("id").GetGuid();
        var bomb = TestImages.PngBomb;
        bomb.Length.ShouldBeLessThan(1024 * 1024);

        var (status, problem) = await a.PostFileAsync($"api/cases/files/{file}/documents?lang=en", bomb, "image/png", "scan.png");

        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("image-too-large");
        problem.GetProperty("title").GetString().ShouldBe("'scan.png' is too large: page 1 has 20000 × 20000 pixels, at most 100 million pixels per page are allowed. Please scan at a lower resolution.");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("scan.png, page 1: 20000 × 20000 px");
        (await a.GetJsonAsync($"api/cases/files/{file}")).GetProperty("documents").GetArrayLength().ShouldBe(0);
        using (fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(fixture.A))
        {
            (await fixture.App.Services.GetRequiredService<IBlobStore>().ExistsAsync(Convert.ToHexStringLower(SHA256.HashData(bomb)))).ShouldBeFalse();
        }

        var (german, inGerman) = await a.PostFileAsync($"api/cases/files/{file}/documents?lang=de", bomb, "image/png", "scan.png");
        german.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        inGerman.GetProperty("title").GetString()!.ShouldStartWith("„scan.png“ ist zu groß: Seite 1 hat 20000 × 20000 Bildpunkte");
    }

    [Fact]
    public async Task ATiffWithOneGiantPage_AndAPdfWithAGiantPage_AreRefusedAtUpload_WhileNormalOnesPass()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Riesig")).GetProperty("id").GetGuid();

        var (status, problem) = await a.PostFileAsync($"api/cases/files/{file}/documents", TestImages.Tiff((64, 48), (20_000, 20_000)), "image/tiff", "akte.tif");
        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge, problem.ToString());
        problem.GetProperty("detail").GetString()!.ShouldStartWith("akte.tif, page 2: 20000 × 20000 px");

        // 200 × 200 inches: at 300 dpi for OCR, 60,000 × 60,000 pixels.
        var giantPage = PdfObjects.Write(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] >>"]);
        (status, problem) = await a.PostFileAsync($"api/cases/files/{file}/documents", giantPage, "application/pdf", "plakat.pdf");
        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge, problem.ToString());
        problem.GetProperty("detail").GetString()!.ShouldStartWith("plakat.pdf, page 1: 14400 × 14400 pt, 60000 × 60000 px at 300 dpi");

        (status, problem) = await a.PostFileAsync($"api/cases/files/{file}/documents", TestImages.Tiff((2480, 3508), (2480, 3508)), "image/tiff", "a4.tif");
        status.ShouldBe(HttpStatusCode.Created, problem.ToString());
        (await a.GetJsonAsync($"api/cases/files/{file}")).GetProperty("documents").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task ImageHeaders_ThatLieOrLoop_AreRefusedAsUnreadable()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Schleife")).GetProperty("id").GetGuid();
        // A TIFF whose first directory points to itself: the reader must stop, not loop.
        var loop = TestImages.Tiff((64, 48));
        BitConverter.GetBytes(8u).CopyTo(loop, 8 + 2 + (8 * 12));

        var (status, problem) = await a.PostFileAsync($"api/cases/files/{file}/documents", loop, "image/tiff", "schleife.tif");

        status.ShouldBe(HttpStatusCode.UnprocessableEntity, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("image-unreadable");
        (status, _) = await a.PostFileAsync($"api/cases/files/{file}/documents", TestImages.PngBomb[..20], "image/png", "kurz.png");
        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ABombInAScanBatch_SingleOrInAZip_IsRefusedBeforeTheBatchIsStored()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var before = (await a.GetJsonAsync("api/cases/scan-batches")).GetArrayLength();

        var (status, problem) = await a.PostFileAsync("api/cases/scan-batches", TestImages.PngBomb, "image/png", "stapel.png");
        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("image-too-large");

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in new[] { ("001.tif", TestImages.Tiff((2480, 3508))), ("002.tif", TestImages.Tiff((20_000, 20_000))) })
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        }

        (status, problem) = await a.PostFileAsync("api/cases/scan-batches", buffer.ToArray(), "application/zip", "stapel.zip");
        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge, problem.ToString());
        problem.GetProperty("detail").GetString()!.ShouldStartWith("002.tif, page 1: 20000 × 20000 px");
        (await a.GetJsonAsync("api/cases/scan-batches")).GetArrayLength().ShouldBe(before);
    }

    [Fact]
    public async Task AMailWithABombAttached_IsRefused_AndNotPutIntoTheInbox()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var subject = "Bombe " + Guid.NewGuid().ToString("N")[..8];
        var boundary = "b-" + Guid.NewGuid().ToString("N");
        var mail = new StringBuilder()
            .Append("From: Absender <post@example.org>\r\nTo: auslaenderbehoerde@example.org\r\n")
            .Append($"Subject: {subject}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n")
            .Append($"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAnbei der Pass.\r\n")
            .Append($"--{boundary}\r\nContent-Type: image/png; name=\"pass.png\"\r\nContent-Disposition: attachment; filename=\"pass.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
            .Append(Convert.ToBase64String(TestImages.PngBomb, Base64FormattingOptions.InsertLineBreaks)).Append("\r\n")
            .Append($"--{boundary}--\r\n");

        var (status, problem) = await a.PostFileAsync("api/cases/inbox/mail", Encoding.UTF8.GetBytes(mail.ToString()), "message/rfc822", "mail.eml");

        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge, problem.ToString());
        problem.GetProperty("detail").GetString()!.ShouldStartWith("pass.png, page 1: 20000 × 20000 px");
        var inbox = await a.GetJsonAsync("api/cases/inbox?size=200");
        inbox.ToString().ShouldNotContain(subject);
    }

    [Fact]
    public void TheHeaderReader_ReadsEveryTiffPage_AndJpegFrames()
    {
        using var tiff = new MemoryStream(TestImages.Tiff((10, 20), (30, 40), (50, 60)));
        ImageHeaders.Read(tiff, "image/tiff").Select(f => (f.Width, f.Height)).ShouldBe([(10L, 20L), (30L, 40L), (50L, 60L)]);

        // SOI, an APP0 segment, SOF0 (8 bits, 300 high, 400 wide, 3 components), then SOS.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x2C, 0x01, 0x90, 0x03, .. new byte[9], 0xFF, 0xDA];
        var frame = ImageHeaders.Read(new MemoryStream(jpeg), "image/jpeg").ShouldHaveSingleItem();
        (frame.Width, frame.Height, frame.BitsPerPixel).ShouldBe((400L, 300L, 24));
        Should.Throw<FormatException>(() => ImageHeaders.Read(new MemoryStream(jpeg[..8]), "image/jpeg"));
    }
}

/// <summary>An own host whose image limits let a bomb in, and whose tools get 512 MB.</summary>
public sealed class LowToolMemoryFixture : TwoTenantsFixture
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Cases:Images:MaxPixels"] = "4000000000",
        ["Cases:Images:MaxDecodedBytes"] = "4000000000",
        ["Cases:Tools:MaxMemoryMegabytes"] = "512",
    };
}

/// <summary>Behind the header check, the OCR tools run under prlimit: one that would need more memory is stopped, and the document says why.</summary>
public sealed class ToolMemoryLimitTests(LowToolMemoryFixture fixture) : IClassFixture<LowToolMemoryFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TesseractOverItsMemoryLimit_IsStopped_AndTheTextExtractionFailsWithTheReason()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Speicher")).GetProperty("id").GetGuid();
        // 45,000 × 45,000 grey pixels: 2 GB decoded, above this host's 512 MB and also above the default 1,536 MB, so the
        // result does not depend on which host's dispatcher takes the job (the shared test host serves every class: ADR 0013).
        var bomb = TestImages.Png(45_000, 45_000, CompressionLevel.Fastest);

        var (status, uploaded) = await a.PostFileAsync($"api/cases/files/{file}/documents", bomb, "image/png", "scan.png");
        status.ShouldBe(HttpStatusCode.Created, uploaded.ToString());

        var text = await a.WaitAsync($"api/cases/documents/{uploaded.GetProperty("id").GetGuid()}/text", s => s.GetProperty("status").GetString() != "pending");
        text.GetProperty("status").GetString().ShouldBe("failed", text.ToString());
        text.GetProperty("error").GetString()!.ShouldContain("tesseract was stopped at its limits (", Case.Sensitive, text.ToString());
    }

    [Fact]
    public async Task UnderItsMemoryLimit_TesseractReadsAnOrdinaryPage_AndIsStoppedOnABomb()
    {
        var limits = new ToolLimits(TimeSpan.FromSeconds(60), 512L * 1024 * 1024);
        var work = Directory.CreateTempSubdirectory("saas-tool-test-");
        try
        {
            var small = Path.Combine(work.FullName, "a4.png");
            await File.WriteAllBytesAsync(small, TestImages.Png(2480, 3508));
            (await ExternalTool.RunAsync("tesseract", [small, "stdout", "-l", "deu"], limits, CancellationToken.None)).ExitCode.ShouldBe(0);

            var bomb = Path.Combine(work.FullName, "bomb.png");
            await File.WriteAllBytesAsync(bomb, TestImages.PngBomb);
            var stopped = await Should.ThrowAsync<ToolLimitException>(() => ExternalTool.RunAsync("tesseract", [bomb, "stdout", "-l", "deu"], limits, CancellationToken.None));
            stopped.Message.ShouldContain("512 MB memory");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
