using Saas.Modules.Cases.Tests.Features.Documents;
namespace Saas.Modules.Cases.Tests.Features.Workbench;

/// <summary>
/// A TIFF scan is shown in the workbench viewer as a PDF made on the fly (tiff2pdf), all its pages, with the same
/// audit rule as every viewing: the page records the read, its frame is covered by it. The original stays the
/// download; a TIFF the tool cannot read is a clear 422, and another authority reaches nothing.
/// </summary>
public sealed partial class TiffViewerTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AMultiPageTiff_IsShownAsAPdfOfAllItsPages_InOneRecordedViewing()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Tiff")).GetProperty("id").GetGuid();
        var tiff = Tiff(pages: 3, width: 64, height: 48);
        var id = await UploadAsync(a, file, tiff, "scan.tif");

        var page = await a.Http.GetStringAsync($"workbench/documents/{id}");
        var frame = ViewerPages.FrameSource(page);
        frame.ShouldMatch($"^/t/{fixture.A.Key}/workbench/documents/{id}/preview\\?viewing=[A-Za-z0-9_%-]+$");
        var response = await a.Http.GetAsync(frame);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        PdfPages().Matches(Encoding.Latin1.GetString(pdf)).Count.ShouldBe(3);
        (await ReadsAsync(id)).ShouldBe(["via workbench"]);

        // The download is the original TIFF, byte for byte, and a read of its own; so is the preview without the marker.
        page.ShouldContain($"href=\"/t/{fixture.A.Key}/workbench/documents/{id}/content\" download");
        (await a.Http.GetByteArrayAsync($"workbench/documents/{id}/content")).ShouldBe(tiff);
        (await a.Http.GetAsync($"workbench/documents/{id}/preview")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadsAsync(id)).ShouldBe(["via workbench", "via workbench, content", "via workbench, preview"]);

        // Another authority reaches neither the page nor the preview, and records nothing in A's trail.
        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        (await b.Http.GetAsync($"workbench/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.Http.GetAsync($"workbench/documents/{id}/preview")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ReadsAsync(id)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task ATiffTheToolCannotRead_IsAClear422_AndOtherFormatsHaveNoPreview()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Kaputt")).GetProperty("id").GetGuid();
        // A TIFF page of 64 × 48 pixels whose strip lies far outside the file: its size is readable, its pixels are not.
        var tiff = TestImages.Tiff((64, 48));
        BitConverter.GetBytes(0x7FFF_0000u).CopyTo(tiff, 8 + 2 + (5 * 12) + 8);
        var broken = await UploadAsync(a, file, tiff, "kaputt.tif");
        var response = await a.Http.GetAsync($"workbench/documents/{broken}/preview");
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("tiff-unreadable");

        var (status, pdf) = await a.PostFileAsync($"api/cases/files/{file}/documents", TestPdf.Create(["Ein Brief"]), "application/pdf", "brief.pdf");
        status.ShouldBe(HttpStatusCode.Created);
        (await a.Http.GetAsync($"workbench/documents/{pdf.GetProperty("id").GetGuid()}/preview")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<Guid> UploadAsync(CasesApi api, Guid file, byte[] bytes, string name)
    {
        var (status, body) = await api.PostFileAsync($"api/cases/files/{file}/documents", bytes, "image/tiff", name);
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>A baseline TIFF (little-endian, 8-bit grey, uncompressed, one strip a page), a different grey per page.</summary>
    private static byte[] Tiff(int pages, int width, int height)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("II"u8);
        writer.Write((ushort)42);
        writer.Write(0u); // first IFD, patched below
        var previousLink = 4L;
        for (var p = 0; p < pages; p++)
        {
            var data = stream.Position;
            writer.Write(Enumerable.Repeat((byte)(40 + (80 * p)), width * height).ToArray());
            if (stream.Position % 2 == 1)
            {
                writer.Write((byte)0);
            }

            var ifd = stream.Position;
            Patch(writer, previousLink, (uint)ifd);
            (ushort Tag, ushort Type, uint Value)[] entries =
            [
                (256, 4, (uint)width), (257, 4, (uint)height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
                (273, 4, (uint)data), (277, 3, 1), (278, 4, (uint)height), (279, 4, (uint)(width * height)),
            ];
            writer.Write((ushort)entries.Length);
            foreach (var (tag, type, value) in entries)
            {
                writer.Write(tag);
                writer.Write(type);
                writer.Write(1u);
                writer.Write(value); // a SHORT sits in the low bytes, as little-endian writes it
            }

            previousLink = stream.Position;
            writer.Write(0u); // next IFD
        }

        writer.Flush();
        return stream.ToArray();
    }

    private static void Patch(BinaryWriter writer, long at, uint value)
    {
        var end = writer.BaseStream.Position;
        writer.BaseStream.Position = at;
        writer.Write(value);
        writer.BaseStream.Position = end;
    }

    private async Task<List<string>> ReadsAsync(Guid document) =>
        [.. (await ViewerPages.ReadsAsync(fixture.App.Database, fixture.A.Id, document.ToString(), "document.read")).Select(r => r["document.read:".Length..])];

    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex PdfPages();
}
