using Saas.Modules.Cases.Tests.Features.Documents;
namespace Saas.Modules.Cases.Tests.Features.Search;

/// <summary>From upload to search hit: pdftotext runs from the outbox after the upload committed.</summary>
public sealed class DocumentSearchTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

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
    public async Task Snippets_AreSafeToShowAsHtml_OnlyTheMarksAreMarkup()
    {
        var a = await Client(fixture.A.Key);
        var word = "Zeugnis" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var file = await CreateFileAsync(a);
        var document = await UploadAsync(a, file, TestPdf.Create([$"Gebuehr 3 < 5 & {word} <script>alert(1)</script> <b>fett</b>"]));
        await WaitForTextAsync(a, document);

        var hit = JsonDocument.Parse(await a.GetStringAsync($"/t/{fixture.A.Key}/api/cases/search?q={word}")).RootElement.EnumerateArray().ShouldHaveSingleItem();
        var snippet = hit.GetProperty("snippet").GetString()!;
        snippet.ShouldContain($"<mark>{word}</mark>");
        var text = snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);
        text.ShouldNotContain("<");
        text.ShouldNotContain(">");
        text.Replace("&lt;", "", StringComparison.Ordinal).Replace("&gt;", "", StringComparison.Ordinal).Replace("&amp;", "", StringComparison.Ordinal).ShouldNotContain("&");
    }

    [Fact]
    public async Task EverySearch_IsRecordedWithItsWordsAndFilters_InTheSearchersAuthorityOnly_EvenWithoutHits()
    {
        var a = await Client(fixture.A.Key);
        var word = "Suchprotokoll" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var file = await CreateFileAsync(a);

        (await a.GetStringAsync($"api/cases/search?q={word}&type=antrag&file={file}&from=2026-01-01&to=2026-12-31&limit=5")).ShouldBe("[]");
        (await a.GetAsync("api/cases/search?q=x")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var recorded = await AuditDetailsAsync(fixture.A.Id, "document.search", word);
        var entry = recorded.ShouldHaveSingleItem();
        entry.Details.ShouldBe($"via api: \"{word}\", type antrag, file {file}, from 2026-01-01, to 2026-12-31, limit 5");
        entry.RecordId.ShouldBe(file.ToString());
        entry.PersonalData.ShouldBeTrue();
        entry.Actor.ShouldNotBe("anonymous");
        (await AuditDetailsAsync(fixture.B.Id, "document.search", word)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchVectors_FollowThePages_WhenTextIsAddedReplacedOrDeleted()
    {
        var a = await Client(fixture.A.Key);
        var file = await CreateFileAsync(a);
        var document = await UploadAsync(a, file, TestPdf.Create(["Erste Seite Wohnsitz", "Zweite Seite Wohnsitz"]));
        await using var owner = new Npgsql.NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await owner.OpenAsync();

        async Task<string> VectorsAsync()
        {
            await using var cmd = new Npgsql.NpgsqlCommand(
                "SELECT coalesce(string_agg(v.page || ':' || (v.tenant_id = p.tenant_id) || ':' || (v.tsv = to_tsvector('cases.german_unaccent', p.text)), ',' ORDER BY v.page), '') " +
                "FROM cases.page_vectors v FULL JOIN cases.document_pages p ON p.document_id = v.document_id AND p.page = v.page WHERE coalesce(v.document_id, p.document_id) = $1", owner);
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = document });
            return (string)(await cmd.ExecuteScalarAsync())!;
        }

        async Task ExecuteAsync(string sql)
        {
            await using var cmd = new Npgsql.NpgsqlCommand(sql, owner);
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = document });
            await cmd.ExecuteNonQueryAsync();
        }

        (await VectorsAsync()).ShouldBe("1:true:true,2:true:true");
        await ExecuteAsync("UPDATE cases.document_pages SET text = 'Geänderte Seite Niederlassung' WHERE document_id = $1 AND page = 2");
        (await VectorsAsync()).ShouldBe("1:true:true,2:true:true");
        await ExecuteAsync("DELETE FROM cases.document_pages WHERE document_id = $1 AND page = 1");
        (await VectorsAsync()).ShouldBe("2:true:true");
        await ExecuteAsync("DELETE FROM cases.document_pages WHERE document_id = $1");
        (await VectorsAsync()).ShouldBe("");
    }

    private async Task<List<(string Details, string? RecordId, bool PersonalData, string Actor)>> AuditDetailsAsync(Guid tenant, string action, string containing)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "SELECT details, record_id, personal_data, actor FROM audit.events WHERE tenant_id = $1 AND action = $2 AND details LIKE '%' || $3 || '%' ORDER BY seq", connection);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = action });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = containing });
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, string?, bool, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetBoolean(2), reader.GetString(3)));
        }

        return rows;
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

        // A PNG header for 16 × 16 pixels, then garbage: accepted as a PNG of a fitting size, but tesseract cannot decode it.
        var content = new ByteArrayContent(TestImages.PngWith(16, 16, [1, 2, 3, 4, 5, 6, 7, 8]));
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
        for (var attempt = 0; attempt < 600; attempt++)
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

    private Task<HttpClient> Client(string tenant)
    {
        var token = fixture.TokenFor(tenant, "cw-" + tenant);
        var client = fixture.App.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Task.FromResult(client);
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
