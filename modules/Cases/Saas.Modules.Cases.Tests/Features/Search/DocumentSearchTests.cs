using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Saas.Testing;

namespace Saas.Modules.Cases.Tests.Features.Search;

/// <summary>From upload to search hit: pdftotext runs from the outbox after the upload committed.</summary>
public sealed class DocumentSearchTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>
{
    [Fact]
    public async Task TheWordsOfAnUploadedPdf_AreFoundWithHighlights_OnlyInItsAuthority()
    {
        var a = await Client(fixture.A.Key);
        var b = await Client(fixture.B.Key);
        var word = "Zuwanderungsbescheid" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var file = await CreateFileAsync(a);
        var document = await UploadAsync(a, file, TestPdf.Create(["Antrag auf Aufenthaltserlaubnis", $"Arbeitgeber bestaetigt {word}"]));

        var status = await WaitForTextAsync(a, document);
        status.GetProperty("status").GetString().ShouldBe("done");
        status.GetProperty("pages").GetInt32().ShouldBe(2);

        var hits = JsonDocument.Parse(await a.GetStringAsync($"/t/{fixture.A.Key}/api/cases/search?q={word}")).RootElement;
        var hit = hits.EnumerateArray().ShouldHaveSingleItem();
        hit.GetProperty("page").GetInt32().ShouldBe(2);
        hit.GetProperty("snippet").GetString()!.ShouldContain($"<mark>{word}</mark>");

        // German stemming: the plural finds the singular.
        (await a.GetStringAsync($"/t/{fixture.A.Key}/api/cases/search?q=Antr%C3%A4ge")).ShouldContain(document.ToString());
        (await b.GetStringAsync($"/t/{fixture.B.Key}/api/cases/search?q={word}")).ShouldBe("[]");
    }

    [Fact]
    public async Task AnUnreadablePdf_IsRefusedAtUpload()
    {
        var a = await Client(fixture.A.Key);
        var file = await CreateFileAsync(a);
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\nthis is not really a pdf\n"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var form = new MultipartFormDataContent { { content, "file", "kaputt.pdf" } };
        var response = await a.PostAsync($"{a.BaseAddress}api/cases/files/{file}/documents", form);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("pdf-unreadable");
    }

    [Fact]
    public async Task AScanThatCannotBeRead_IsMarkedFailedWithAReason_AndCanBeRetried()
    {
        var a = await Client(fixture.A.Key);
        var file = await CreateFileAsync(a);

        // PNG signature, then garbage: accepted as a PNG by its first bytes, but tesseract cannot decode it.
        var content = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent { { content, "file", "scan.png" } };
        var response = await a.PostAsync($"{a.BaseAddress}api/cases/files/{file}/documents", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var status = await WaitForTextAsync(a, document);
        status.GetProperty("status").GetString().ShouldBe("failed");
        status.GetProperty("error").GetString()!.ShouldNotBeNullOrWhiteSpace();

        (await a.PostAsync($"{a.BaseAddress}api/cases/documents/{document}/text/retry", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    private static async Task<JsonElement> WaitForTextAsync(HttpClient client, Guid document)
    {
        // Bounded polling for the background job; no assertion on how long it takes.
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var status = JsonDocument.Parse(await client.GetStringAsync($"{client.BaseAddress}api/cases/documents/{document}/text")).RootElement;
            if (status.GetProperty("status").GetString() != "pending")
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Text extraction did not finish.");
    }

    private async Task<HttpClient> Client(string tenant)
    {
        var token = await TestSignIn.GetAccessTokenAsync(fixture.App, tenant, "cw-" + tenant, "pw-cw");
        var client = fixture.App.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<Guid> CreateFileAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync($"{client.BaseAddress}api/cases/files", new { surname = "Kowalski", givenNames = "Jan" });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task<Guid> UploadAsync(HttpClient client, Guid file, byte[] pdf)
    {
        var content = new ByteArrayContent(pdf);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var form = new MultipartFormDataContent { { content, "file", "antrag.pdf" }, { new StringContent("antrag"), "documentType" } };
        var response = await client.PostAsync($"{client.BaseAddress}api/cases/files/{file}/documents", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }
}

/// <summary>Writes a small, valid PDF with one line of text per page (Helvetica, ASCII), with a correct xref table.</summary>
internal static class TestPdf
{
    public static byte[] Create(IReadOnlyList<string> pages)
    {
        var objects = new List<string>();
        var pageIds = Enumerable.Range(0, pages.Count).Select(i => 4 + (2 * i)).ToList();
        objects.Add("<< /Type /Catalog /Pages 2 0 R >>");
        objects.Add($"<< /Type /Pages /Kids [{string.Join(' ', pageIds.Select(id => $"{id} 0 R"))}] /Count {pages.Count} >>");
        objects.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        for (var i = 0; i < pages.Count; i++)
        {
            var stream = $"BT /F1 18 Tf 72 720 Td ({pages[i]}) Tj ET";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {pageIds[i] + 1} 0 R >>");
            objects.Add($"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream");
        }

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
