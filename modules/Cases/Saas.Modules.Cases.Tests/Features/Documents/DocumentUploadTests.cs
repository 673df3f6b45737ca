namespace Saas.Modules.Cases.Tests.Features.Documents;

/// <summary>
/// Several files added to a file in one upload (<c>POST …/documents/bulk</c>): all or none, text PDFs searchable at
/// once, every refusal naming the file, nothing of another authority's reachable.
/// </summary>
public sealed class DocumentUploadTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly byte[] Png = TestImages.Png(16, 16);

    [Fact]
    public async Task SeveralFiles_AreAddedInOrder_TextPdfsSearchableAtOnce_ScansQueuedForOcr()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Nowak")).GetProperty("id").GetGuid();
        var (first, second) = (Word("Mietbescheinigung"), Word("Gehaltsnachweis"));

        var (status, body) = await PostAsync(a, file, ("mietvertrag.pdf", "application/pdf", TestPdf.Create(["Vermieter bestaetigt", first])),
            ("scan.png", "image/png", Png), ("gehalt.pdf", "application/pdf", TestPdf.Create([second])));

        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        var documents = body.GetProperty("documents").EnumerateArray().ToList();
        documents.Select(d => d.GetProperty("title").GetString()).ShouldBe(["mietvertrag.pdf", "scan.png", "gehalt.pdf"]);
        documents.Select(d => d.GetProperty("text").GetString()).ShouldBe(["done", "pending", "done"]);
        documents[0].GetProperty("pages").GetInt32().ShouldBe(2);
        var hit = (await a.GetJsonAsync($"api/cases/search?q={first}")).EnumerateArray().ShouldHaveSingleItem();
        hit.GetProperty("documentId").GetGuid().ShouldBe(documents[0].GetProperty("id").GetGuid());
        hit.GetProperty("page").GetInt32().ShouldBe(2);
        (await a.GetJsonAsync($"api/cases/search?q={second}")).GetArrayLength().ShouldBe(1);
        (await a.GetJsonAsync($"api/cases/files/{file}")).GetProperty("documents").GetArrayLength().ShouldBe(3);
        // One audit record per document, appended in upload order.
        (await AuditedDocumentsAsync(fixture.A.Id, file)).ShouldBe(documents.Select(d => d.GetProperty("id").GetString()).ToList());
    }

    [Fact]
    public async Task OneUnreadablePdf_RefusesTheWholeUpload_NamingIt_AndKeepsWhatWasThere()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Popescu")).GetProperty("id").GetGuid();
        var kept = Word("Bestand");
        (await PostAsync(a, file, ("alt.pdf", "application/pdf", TestPdf.Create([kept])))).Status.ShouldBe(HttpStatusCode.Created);
        var before = await SnapshotAsync(fixture.A.Id, file);
        var lost = Word("Verworfen");

        var (status, body) = await PostAsync(a, file, ("gut.pdf", "application/pdf", TestPdf.Create([lost])),
            ("geschuetzt.pdf", "application/pdf", Pdfs.Encrypted()), ("danach.pdf", "application/pdf", TestPdf.Create([lost])));

        status.ShouldBe(HttpStatusCode.UnprocessableEntity, body.ToString());
        body.GetProperty("code").GetString().ShouldBe("pdf-unreadable");
        body.GetProperty("detail").GetString()!.ShouldContain("geschuetzt.pdf");
        (await SnapshotAsync(fixture.A.Id, file)).ShouldBe(before);
        (await a.GetJsonAsync($"api/cases/search?q={lost}")).GetArrayLength().ShouldBe(0);
        (await a.GetJsonAsync($"api/cases/search?q={kept}")).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task AFileWhoseBytesDoNotMatch_IsNamed_BeforeAnythingIsRead()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Kaya")).GetProperty("id").GetGuid();

        var (status, body) = await PostAsync(a, file, ("brief.pdf", "application/pdf", TestPdf.Create(["Brief"])),
            ("rechnung.pdf", "application/pdf", "MZ\x90\0 an executable"u8.ToArray()));

        status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        body.GetProperty("detail").GetString()!.ShouldStartWith("rechnung.pdf");
        (await SnapshotAsync(fixture.A.Id, file)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task MoreFilesThanAllowed_AndNoFiles_AreRefused()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Rossi")).GetProperty("id").GetGuid();

        var (tooMany, problem) = await PostAsync(a, file, [.. Enumerable.Range(0, 51).Select(i => ($"seite{i}.png", "image/png", Png))]);
        tooMany.ShouldBe(HttpStatusCode.RequestEntityTooLarge, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("too-many-files");
        (await PostAsync(a, file)).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await SnapshotAsync(fixture.A.Id, file)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task AnotherAuthority_CannotAddToAFile_AndAHandedOverFileTakesNothing()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        var file = (await a.CreateFileAsync("Petrenko")).GetProperty("id").GetGuid();

        (await PostAsync(b, file, ("fremd.pdf", "application/pdf", TestPdf.Create(["Fremd"])))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await SnapshotAsync(fixture.A.Id, file)).ShouldBe((0, 0, 0));

        await CountAsync("UPDATE cases.case_files SET status = 'transferred' WHERE tenant_id = $1 AND id::text = $2 RETURNING 1", fixture.A.Id, file.ToString());
        var (status, body) = await PostAsync(a, file, ("spaet.pdf", "application/pdf", TestPdf.Create(["Spaet"])));
        status.ShouldBe(HttpStatusCode.Conflict);
        body.GetProperty("code").GetString().ShouldBe("file-read-only");
        (await SnapshotAsync(fixture.A.Id, file)).ShouldBe((0, 0, 0));
    }

    private static string Word(string stem) => stem + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(CasesApi api, Guid file, params (string Name, string Type, byte[] Bytes)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, type, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(content, "files", name);
        }

        form.Add(new StringContent("sonstiges"), "documentType");
        var response = await api.Http.PostAsync($"api/cases/files/{file}/documents/bulk", form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    /// <summary>Documents, pages and document.add audit records of one file, read as the owner.</summary>
    private async Task<(long Documents, long Pages, long Audits)> SnapshotAsync(Guid tenant, Guid file) => (
        await CountAsync("SELECT count(*) FROM cases.documents WHERE tenant_id = $1 AND case_file_id::text = $2", tenant, file.ToString()),
        await CountAsync("SELECT count(*) FROM cases.document_pages p JOIN cases.documents d ON d.id = p.document_id WHERE p.tenant_id = $1 AND d.case_file_id::text = $2", tenant, file.ToString()),
        await CountAsync("SELECT count(*) FROM audit.events WHERE tenant_id = $1 AND action = 'document.add' AND details LIKE 'file ' || $2 || '%'", tenant, file.ToString()));

    private async Task<List<string?>> AuditedDocumentsAsync(Guid tenant, Guid file)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT record_id FROM audit.events WHERE tenant_id = $1 AND action = 'document.add' AND details LIKE 'file ' || $2 || '%' ORDER BY seq", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant });
        cmd.Parameters.Add(new NpgsqlParameter { Value = file.ToString() });
        var ids = new List<string?>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private async Task<long> CountAsync(string sql, Guid tenant, string value)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant });
        cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return Convert.ToInt64(await cmd.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
