namespace Saas.Modules.Cases.Tests.Features.CaseFiles;

/// <summary>The e-Akte through its API, as two authorities' caseworkers use it.</summary>
public sealed class CaseFileTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    // A real one-page PDF, unique per run (a comment with random bytes after %%EOF is still a valid PDF).
    private static readonly byte[] Pdf = [.. TestPdf.Create(["Antrag"]), .. "%"u8.ToArray(), .. Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).Select(c => (byte)c), .. "\n"u8.ToArray()];

    [Fact]
    public async Task AFileOpenedInA_IsFoundByAnotherSpelling_ButIsInvisibleToB()
    {
        var a = await Client(fixture.A.Key);
        var b = await Client(fixture.B.Key);
        var surname = "Mohammed" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant().Replace("0", "X", StringComparison.Ordinal);
        var created = await a.PostAsJsonAsync($"/t/{fixture.A.Key}/api/cases/files", new { surname = "Mohammed", givenNames = "Ali " + surname, birthDate = "1990-04-01", nationalities = new[] { "SYR" }, nameVariants = new[] { "Muhammad" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        var found = await a.GetStringAsync($"/t/{fixture.A.Key}/api/cases/persons?name=Mohamed&birthDate=1990-04-01");
        found.ShouldContain(id.ToString());

        (await b.GetAsync($"/t/{fixture.B.Key}/api/cases/files/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.GetStringAsync($"/t/{fixture.B.Key}/api/cases/persons?name=Mohamed&birthDate=1990-04-01")).ShouldNotContain(id.ToString());
        (await a.GetAsync($"/t/{fixture.B.Key}/api/cases/files/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    public async Task AFileWithoutSurname_IsRefused_WithEachWrongFieldNamedInTheReadersLanguage(string language)
    {
        var a = await Client(fixture.A.Key);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{fixture.A.Key}/api/cases/files")
        {
            Content = JsonContent.Create(new { surname = " ", givenNames = "Ohne", birthDate = "1850-01-01" }),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await a.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Order().ShouldBe(["birthDate", "surname"]);
        errors.GetProperty("surname")[0].GetString().ShouldBe(language == "de" ? "Der Nachname fehlt." : "The surname is missing.");
    }

    [Fact]
    public async Task ADocument_IsStoredVerified_ReadBack_AndInvisibleToB()
    {
        var a = await Client(fixture.A.Key);
        var b = await Client(fixture.B.Key);
        var id = await CreateFileAsync(a);
        using var form = Form(Pdf, "application/pdf", "antrag.pdf");
        var uploaded = await a.PostAsync($"/t/{fixture.A.Key}/api/cases/files/{id}/documents", form);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var document = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement;
        document.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Pdf)));
        var documentId = document.GetProperty("id").GetGuid();

        (await a.GetByteArrayAsync($"/t/{fixture.A.Key}/api/cases/documents/{documentId}/content")).ShouldBe(Pdf);
        (await b.GetAsync($"/t/{fixture.B.Key}/api/cases/documents/{documentId}/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var intoA = Form(Pdf, "application/pdf", "fremd.pdf");
        (await b.PostAsync($"/t/{fixture.B.Key}/api/cases/files/{id}/documents", intoA)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUploadWhoseBytesDoNotMatchItsType_IsRefused_AndNothingIsStored()
    {
        var a = await Client(fixture.A.Key);
        var id = await CreateFileAsync(a);
        using var fake = Form("MZ\x90\0 this is an executable"u8.ToArray(), "application/pdf", "rechnung.pdf");
        var response = await a.PostAsync($"/t/{fixture.A.Key}/api/cases/files/{id}/documents", fake);
        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync()).ShouldContain("content-mismatch");
        var file = JsonDocument.Parse(await a.GetStringAsync($"/t/{fixture.A.Key}/api/cases/files/{id}")).RootElement;
        file.GetProperty("documents").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AFileWithoutSurname_GivesALocatedProblem()
    {
        var a = await Client(fixture.A.Key);
        var response = await a.PostAsJsonAsync($"/t/{fixture.A.Key}/api/cases/files", new { surname = " " });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("invalid-case-file");
    }

    [Fact]
    public async Task Applicants_CannotOpenFiles()
    {
        var token = fixture.TokenFor(fixture.A.Key, "app-" + fixture.A.Key);
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await client.PostAsJsonAsync($"/t/{fixture.A.Key}/api/cases/files", new { surname = "X" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private Task<HttpClient> Client(string tenant)
    {
        var token = fixture.TokenFor(tenant, "cw-" + tenant);
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Task.FromResult(client);
    }

    private async Task<Guid> CreateFileAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync($"/t/{fixture.A.Key}/api/cases/files", new { surname = "Petrenko", givenNames = "Andrii", birthDate = "1985-02-03", confirmDuplicate = true });
        response.EnsureSuccessStatusCode(); // the same person for every test of the class: confirmed as a duplicate
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    private static MultipartFormDataContent Form(byte[] bytes, string contentType, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName }, { new StringContent("antrag"), "documentType" } };
    }
}
