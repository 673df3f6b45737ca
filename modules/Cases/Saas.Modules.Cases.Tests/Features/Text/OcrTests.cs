using System.Diagnostics;
using Saas.Modules.Cases.Features.Documents;

namespace Saas.Modules.Cases.Tests.Features.Text;

/// <summary>Scans have no text layer: tesseract (German) reads images and image-only PDF pages in the background.</summary>
public sealed class OcrTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AScannedImage_IsReadByOcr_AndFoundBySearch_OnlyInItsAuthority()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        var file = (await a.CreateFileAsync("Scan")).GetProperty("id").GetGuid();
        var png = Render(TestPdf.Create(["Niederlassungserlaubnis erteilt"]), "png");

        var (_, uploaded) = await a.PostFileAsync($"api/cases/files/{file}/documents", png, "image/png", "scan.png");
        var document = uploaded.GetProperty("id").GetGuid();
        var status = await a.WaitAsync($"api/cases/documents/{document}/text", s => s.GetProperty("status").GetString() != "pending");
        status.GetProperty("status").GetString().ShouldBe("done", status.ToString());

        var hits = await a.GetJsonAsync("api/cases/search?q=Niederlassungserlaubnis");
        hits.EnumerateArray().ShouldContain(h => h.GetProperty("documentId").GetGuid() == document);
        (await b.GetJsonAsync("api/cases/search?q=Niederlassungserlaubnis")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task APdfPageWithoutTextLayer_IsReadByOcr_NextToPagesWithText()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Gemischt")).GetProperty("id").GetGuid();
        var scanned = ImageOnlyPdf(Render(TestPdf.Create(["Verpflichtungserklaerung abgegeben"]), "jpeg"));
        var mixed = Pdfs.Join(TestPdf.Create(["Deckschreiben mit Textebene"]), scanned);

        var (_, uploaded) = await a.PostFileAsync($"api/cases/files/{file}/documents", mixed, "application/pdf", "gemischt.pdf");
        var document = uploaded.GetProperty("id").GetGuid();
        var status = await a.WaitAsync($"api/cases/documents/{document}/text", s => s.GetProperty("status").GetString() != "pending");
        status.GetProperty("pages").GetInt32().ShouldBe(2);

        var hit = (await a.GetJsonAsync("api/cases/search?q=Verpflichtungserklaerung")).EnumerateArray().ShouldHaveSingleItem();
        hit.GetProperty("documentId").GetGuid().ShouldBe(document);
        hit.GetProperty("page").GetInt32().ShouldBe(2);
    }

    /// <summary>Renders the first page of a PDF at 200 dpi in grey (pdftoppm), as a scanner would deliver it.</summary>
    private static byte[] Render(byte[] pdf, string format)
    {
        var work = Directory.CreateTempSubdirectory("saas-test-scan-");
        try
        {
            var input = Path.Combine(work.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true };
            foreach (var argument in new[] { "-r", "200", "-gray", $"-{format}", "-singlefile", input, Path.Combine(work.FullName, "out") })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd());
            return File.ReadAllBytes(Path.Combine(work.FullName, format == "jpeg" ? "out.jpg" : "out.png"));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Width, height and colour components from a JPEG's start-of-frame marker.</summary>
    private static (int Width, int Height, int Components) JpegSize(byte[] jpeg)
    {
        var i = 2;
        while (i + 9 < jpeg.Length)
        {
            var marker = jpeg[i + 1];
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6], jpeg[i + 9]);
            }

            i += 2 + length;
        }

        throw new InvalidOperationException("No JPEG frame header.");
    }

    /// <summary>An A4 PDF page that is nothing but a JPEG image (200 dpi, grey): a scan without text layer.</summary>
    private static byte[] ImageOnlyPdf(byte[] jpeg)
    {
        var (width, height, components) = JpegSize(jpeg);
        var colours = components == 1 ? "/DeviceGray" : "/DeviceRGB";
        return PdfObjects.Write(
        [
            PdfObjects.Latin1.GetBytes("<< /Type /Catalog /Pages 2 0 R >>"),
            PdfObjects.Latin1.GetBytes("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            PdfObjects.Latin1.GetBytes("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>"),
            PdfObjects.Stream("", "q 595 0 0 842 0 0 cm /Im1 Do Q"),
            PdfObjects.Stream($"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {colours} /BitsPerComponent 8 /Filter /DCTDecode", jpeg),
        ]);
    }
}
