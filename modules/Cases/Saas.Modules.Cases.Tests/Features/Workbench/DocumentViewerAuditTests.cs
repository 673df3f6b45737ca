using Saas.Modules.Cases.Tests.Features.Documents;
namespace Saas.Modules.Cases.Tests.Features.Workbench;

/// <summary>
/// Opening a document in the workbench viewer is one read in the audit trail: the page records it, and the
/// content its frame or image fetches is covered by that record. Every other way to the bytes — the API, a
/// download or "open on its own", a marker for another document or person, or a forged one — records its own.
/// </summary>
public sealed class DocumentViewerAuditTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly byte[] Png = TestImages.PngWith(16, 16, RandomNumberGenerator.GetBytes(64));

    [Fact]
    public async Task OneViewingOfAPdfOrAnImage_IsOneRead_PageAndContentTogether()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Viewer")).GetProperty("id").GetGuid();
        var pdf = TestPdf.Create(["Bescheid fuer die Anzeige"]);
        var pdfId = await UploadAsync(a, file, pdf, "application/pdf", "bescheid.pdf");
        var pngId = await UploadAsync(a, file, Png, "image/png", "scan.png");

        (await ViewAsync(a, pdfId)).ShouldBe(pdf);
        (await ReadsAsync(pdfId)).ShouldBe(1);
        (await ViewAsync(a, pngId)).ShouldBe(Png);
        (await ReadsAsync(pngId)).ShouldBe(1);

        // Each viewing is a read of its own.
        (await ViewAsync(a, pdfId)).ShouldBe(pdf);
        (await ReadsAsync(pdfId)).ShouldBe(2);
        (await DetailsAsync(pdfId)).ShouldBe(["via workbench", "via workbench"]);
    }

    [Fact]
    public async Task TheContent_WithoutTheViewersMarkerForThisDocumentAndPerson_RecordsItsOwnRead()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Ohne Marke")).GetProperty("id").GetGuid();
        var pdf = TestPdf.Create(["Schreiben fuer die Marke"]);
        var pdfId = await UploadAsync(a, file, pdf, "application/pdf", "schreiben.pdf");
        var pngId = await UploadAsync(a, file, Png, "image/png", "scan.png");
        var page = await a.Http.GetStringAsync($"workbench/documents/{pdfId}");
        var frame = ViewerPages.FrameSource(page);
        var marker = ViewerPages.Marker(frame);
        (await ReadsAsync(pdfId)).ShouldBe(1, "the page");

        // The API's content endpoint records every read, marker or not.
        (await a.Http.GetByteArrayAsync($"api/cases/documents/{pdfId}/content")).ShouldBe(pdf);
        (await a.Http.GetByteArrayAsync($"api/cases/documents/{pdfId}/content?{marker}")).ShouldBe(pdf);
        (await ReadsAsync(pdfId)).ShouldBe(3);
        (await DetailsAsync(pdfId)).ShouldBe(["via workbench", "via api, content", "via api, content"]);

        // The page's own links (download, open on its own) carry no marker: another read each.
        page.ShouldContain($"href=\"/t/{fixture.A.Key}/workbench/documents/{pdfId}/content\"");
        (await a.Http.GetByteArrayAsync($"workbench/documents/{pdfId}/content")).ShouldBe(pdf);
        (await ReadsAsync(pdfId)).ShouldBe(4);

        // A forged marker, or this document's marker for another document, is no marker.
        (await a.Http.GetByteArrayAsync($"workbench/documents/{pdfId}/content?viewing=CfDJ8{new string('A', 80)}")).ShouldBe(pdf);
        (await ReadsAsync(pdfId)).ShouldBe(5);
        (await a.Http.GetByteArrayAsync($"workbench/documents/{pngId}/content?{marker}")).ShouldBe(Png);
        (await ReadsAsync(pngId)).ShouldBe(1);

        // Another caseworker of the same authority with this person's marker reads for themselves.
        var colleague = await CasesApi.SignInAsync(fixture, fixture.A.Key, "both");
        (await colleague.Http.GetByteArrayAsync($"workbench/documents/{pdfId}/content?{marker}")).ShouldBe(pdf);
        (await ReadsAsync(pdfId)).ShouldBe(6);

        // The marker itself still covers this person's viewing: the frame's request adds nothing.
        (await a.Http.GetByteArrayAsync(frame)).ShouldBe(pdf);
        (await ReadsAsync(pdfId)).ShouldBe(6);
    }

    /// <summary>Opens the viewer page and fetches what its frame or image shows, as the browser does.</summary>
    private static async Task<byte[]> ViewAsync(CasesApi api, Guid document)
    {
        var response = await api.Http.GetAsync($"workbench/documents/{document}");
        var page = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, page);
        return await api.Http.GetByteArrayAsync(ViewerPages.FrameSource(page));
    }

    private static async Task<Guid> UploadAsync(CasesApi api, Guid file, byte[] bytes, string contentType, string name)
    {
        var (status, body) = await api.PostFileAsync($"api/cases/files/{file}/documents", bytes, contentType, name);
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    private async Task<long> ReadsAsync(Guid document) => (await DetailsAsync(document)).Count;

    private async Task<List<string>> DetailsAsync(Guid document) =>
        [.. (await ViewerPages.ReadsAsync(fixture.App.Database, fixture.A.Id, document.ToString(), "document.read")).Select(r => r["document.read:".Length..])];
}
