using Saas.Modules.Cases.Tests.Features.Workbench;
using System.Globalization;

namespace Saas.Modules.Cases.Tests.Features.Documents;

/// <summary>
/// Work on a filed document (issue 9): reading it (page and API record the same read), correcting its title and
/// type, and moving it to another file or case, each refused with a located, translated problem where it must be
/// and decided in the database when two caseworkers act at once.
/// </summary>
public sealed partial class DocumentWorkTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReadingADocument_ByTheApiOrThePage_RecordsTheSameRead_NamingWhereItCameFrom()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var (file, document) = await FileWithDocumentAsync(a, "Lesen");

        var read = await a.GetJsonAsync($"api/cases/documents/{document}");
        read.GetProperty("title").GetString().ShouldBe("bescheid.pdf");
        read.GetProperty("caseFileId").GetGuid().ShouldBe(file);
        read.GetProperty("version").GetUInt32().ShouldBeGreaterThan(0u);
        (await a.Http.GetAsync($"workbench/documents/{document}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadsAsync(document)).ShouldBe(["document.read:via api", "document.read:via workbench"]);

        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        (await b.Http.GetAsync($"api/cases/documents/{document}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheDetails_AreCorrected_FromTheCatalogue_AuditedWithBeforeAndAfter_AndRefusedWithLocatedTexts()
    {
        await PublishCatalogueAsync();
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var (file, document) = await FileWithDocumentAsync(a, "Angaben");
        var version = await VersionAsync(a, document);

        var (saved, body) = await a.PutJsonAsync($"api/cases/documents/{document}/details", new { title = "  Bescheid vom 3. März  ", documentType = "bescheid", version });
        saved.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("title").GetString().ShouldBe("Bescheid vom 3. März");
        body.GetProperty("documentType").GetString().ShouldBe("bescheid");
        body.GetProperty("version").GetUInt32().ShouldNotBe(version);
        (await ReadsAsync(file, "document.details")).ShouldBe(
            [$"document.details:document {document}: title \"bescheid.pdf\" → \"Bescheid vom 3. März\", type antrag → bescheid"]);

        var current = body.GetProperty("version").GetUInt32();
        (await ProblemAsync(a, document, new { title = " ", documentType = "bescheid", version = current })).ShouldBe((HttpStatusCode.BadRequest, "document-title-missing"));
        (await ProblemAsync(a, document, new { title = new string('x', 201), documentType = "bescheid", version = current }))
            .ShouldBe((HttpStatusCode.BadRequest, "document-title-too-long"));
        (await ProblemAsync(a, document, new { title = "Pass", documentType = "kochrezept", version = current }))
            .ShouldBe((HttpStatusCode.UnprocessableEntity, "unknown-document-type"));
        (await ProblemAsync(a, document, new { title = "Pass", documentType = "pass" })).ShouldBe((HttpStatusCode.BadRequest, "version-missing"));

        // In the reader's language, with the limit and the known types named.
        var english = await SendAsync(a, HttpMethod.Put, $"api/cases/documents/{document}/details", new { title = new string('x', 201), documentType = "pass", version = current }, "en");
        english.GetProperty("title").GetString().ShouldBe("The title may be at most 200 characters long.");
        var german = await SendAsync(a, HttpMethod.Put, $"api/cases/documents/{document}/details", new { title = "x", documentType = "kochrezept", version = current }, "de");
        german.GetProperty("title").GetString()!.ShouldContain("Bekannt: antrag, bescheid, nachweis, pass");

        // The row version may come as If-Match instead.
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/cases/documents/{document}/details") { Content = JsonContent.Create(new { title = "Pass", documentType = "pass" }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{current}\"");
        (await a.Http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await a.GetJsonAsync($"api/cases/documents/{document}")).GetProperty("documentType").GetString().ShouldBe("pass");

        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        (await b.PutJsonAsync($"api/cases/documents/{document}/details", new { title = "B", documentType = "pass", version = current })).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TwoCaseworkers_ChangingTheSameDocument_OneWins_TheOtherGets409_AndNothingOfItsChangeIsSaved()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var colleague = await CasesApi.SignInAsync(fixture, fixture.A.Key, "both");
        var (_, document) = await FileWithDocumentAsync(a, "Wettlauf");
        var (other, _) = await FileWithDocumentAsync(a, "Wettlauf-Ziel");
        var version = await VersionAsync(a, document);

        var results = await Task.WhenAll(
            a.PutJsonAsync($"api/cases/documents/{document}/details", new { title = "Titel von A", documentType = "antrag", version }),
            colleague.PutJsonAsync($"api/cases/documents/{document}/details", new { title = "Titel der Kollegin", documentType = "nachweis", version }),
            colleague.PostJsonAsync($"api/cases/documents/{document}/move", new { fileId = other, version }));
        results.Count(r => r.Status == HttpStatusCode.OK).ShouldBe(1, string.Join("; ", results.Select(r => r.Body.ToString())));
        results.Where(r => r.Status != HttpStatusCode.OK).ShouldAllBe(r => r.Status == HttpStatusCode.Conflict && r.Body.GetProperty("code").GetString() == "document-changed");

        // Exactly the winner's change is there, whole.
        var now = await a.GetJsonAsync($"api/cases/documents/{document}");
        var state = (now.GetProperty("title").GetString(), now.GetProperty("documentType").GetString(), now.GetProperty("caseFileId").GetGuid() == other);
        state.ShouldBeOneOf(("Titel von A", "antrag", false), ("Titel der Kollegin", "nachweis", false), ("bescheid.pdf", "antrag", true));
    }

    [Fact]
    public async Task TheDocumentPage_AfterAnotherCaseworkersChange_ShowsTheirsAndKeepsWhatWasTyped()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var (_, document) = await FileWithDocumentAsync(a, "Seite");
        var page = await a.Http.GetStringAsync($"workbench/documents/{document}");
        var version = await VersionAsync(a, document);
        var colleague = await CasesApi.SignInAsync(fixture, fixture.A.Key, "both");
        (await colleague.PutJsonAsync($"api/cases/documents/{document}/details", new { title = "Titel der Kollegin", documentType = "nachweis", version })).Status
            .ShouldBe(HttpStatusCode.OK);

        var response = await PostFormAsync(a, $"workbench/documents/{document}/Details", page,
            ("Title", "Mein Titel"), ("DocumentType", "bescheid"), ("Version", version.ToString(CultureInfo.InvariantCulture)));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, html);
        html.ShouldContain("Inzwischen gespeichert: Titel „Titel der Kollegin“");
        html.ShouldContain("value=\"Mein Titel\"");
        (await a.GetJsonAsync($"api/cases/documents/{document}")).GetProperty("title").GetString().ShouldBe("Titel der Kollegin");

        // Saving again, seeing the other change, applies it (the form now carries the current version).
        var again = await PostFormAsync(a, $"workbench/documents/{document}/Details", html,
            ("Title", "Mein Titel"), ("DocumentType", "bescheid"), ("Version", VersionField().Match(html).Groups[1].Value));
        again.StatusCode.ShouldBe(HttpStatusCode.OK, "saved and redirected to the document");
        (await a.GetJsonAsync($"api/cases/documents/{document}")).GetProperty("title").GetString().ShouldBe("Mein Titel");
    }

    [Fact]
    public async Task AMove_ToAnotherFile_LeavesTheOldCase_ShowsInBothHistories_AndTheTargetCaseMustBeOpenAndInTheTargetFile()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var (from, document) = await FileWithDocumentAsync(a, "Verwechselt");
        var oldCase = await OpenCaseAsync(a, from, "Alter Vorgang");
        (await a.PutJsonAsync($"api/cases/documents/{document}/case", new { caseId = oldCase })).Status.ShouldBe(HttpStatusCode.OK);
        var (to, _) = await FileWithDocumentAsync(a, "Richtig");
        var openCase = await OpenCaseAsync(a, to, "Neuer Vorgang");
        var closedCase = await OpenCaseAsync(a, to, "Erledigt");
        (await a.PostJsonAsync($"api/cases/cases/{closedCase}/close", new { outcome = "erteilt" })).Status.ShouldBe(HttpStatusCode.OK);
        var version = await VersionAsync(a, document);

        (await MoveAsync(a, document, new { fileId = to, caseId = closedCase, version })).ShouldBe((HttpStatusCode.Conflict, "case-closed"));
        (await MoveAsync(a, document, new { fileId = to, caseId = oldCase, version })).ShouldBe((HttpStatusCode.UnprocessableEntity, "unknown-case"));
        (await MoveAsync(a, document, new { fileId = from, caseId = oldCase, version })).ShouldBe((HttpStatusCode.UnprocessableEntity, "document-already-there"));
        (await MoveAsync(a, document, new { fileId = Guid.NewGuid(), version })).ShouldBe((HttpStatusCode.UnprocessableEntity, "unknown-move-target"));

        var (moved, body) = await a.PostJsonAsync($"api/cases/documents/{document}/move", new { fileId = to, version });
        moved.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("fromCaseId").GetGuid().ShouldBe(oldCase);
        body.TryGetProperty("caseId", out var caseId).ShouldBeTrue();
        caseId.ValueKind.ShouldBe(JsonValueKind.Null);
        (await DocumentIdsAsync(a, from)).ShouldNotContain(document);
        (await DocumentIdsAsync(a, to)).ShouldContain(document);
        var recorded = $"document.move:document {document} \"bescheid.pdf\": file {from} → {to}, case {oldCase} → -";
        (await ReadsAsync(from, "document.move")).ShouldBe([recorded]);
        (await ReadsAsync(to, "document.move")).ShouldBe([recorded]);

        // The version it was moved with is spent; with the new one it goes into the open case of its new file.
        (await MoveAsync(a, document, new { fileId = to, caseId = openCase, version })).ShouldBe((HttpStatusCode.Conflict, "document-changed"));
        var (filed, filedBody) = await a.PostJsonAsync($"api/cases/documents/{document}/move", new { fileId = to, caseId = openCase, version = await VersionAsync(a, document) });
        filed.ShouldBe(HttpStatusCode.OK, filedBody.ToString());
        (await a.GetJsonAsync($"api/cases/documents/{document}")).GetProperty("caseId").GetGuid().ShouldBe(openCase);
        (await ReadsAsync(to, "document.move")).Count.ShouldBe(2, "a move inside one file is recorded once");
    }

    [Fact]
    public async Task AMove_IsRefused_OutOfAFileOnLegalHold_AndIntoOrOutOfAFileThatIsNoLongerActive_AndForAnotherAuthority()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var (held, heldDocument) = await FileWithDocumentAsync(a, "Gesperrt");
        var (target, document) = await FileWithDocumentAsync(a, "Ziel");
        var (handedOver, _) = await FileWithDocumentAsync(a, "Abgegeben");
        (await a.PostJsonAsync($"api/cases/files/{held}/legal-holds", new { reason = "Klage VG Köln" })).Status.ShouldBe(HttpStatusCode.Created);
        await ExecuteAsync("UPDATE cases.case_files SET status = 'transferred' WHERE tenant_id = $1 AND id = $2", fixture.A.Id, handedOver);

        (await MoveAsync(a, heldDocument, new { fileId = target, version = await VersionAsync(a, heldDocument) })).ShouldBe((HttpStatusCode.Conflict, "document-on-legal-hold"));
        (await MoveAsync(a, document, new { fileId = handedOver, version = await VersionAsync(a, document) })).ShouldBe((HttpStatusCode.Conflict, "file-read-only"));
        (await DocumentIdsAsync(a, held)).ShouldContain(heldDocument);
        (await DocumentIdsAsync(a, target)).ShouldContain(document);

        // A document may be moved into a file on hold: the hold keeps it there.
        (await a.PostJsonAsync($"api/cases/documents/{document}/move", new { fileId = held, version = await VersionAsync(a, document) })).Status.ShouldBe(HttpStatusCode.OK);

        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        var (fileOfB, documentOfB) = await FileWithDocumentAsync(b, "Andere Behörde");
        (await MoveAsync(b, document, new { fileId = fileOfB, version = 1 })).ShouldBe((HttpStatusCode.NotFound, "document-not-found"));
        (await MoveAsync(b, documentOfB, new { fileId = target, version = await VersionAsync(b, documentOfB) })).ShouldBe((HttpStatusCode.UnprocessableEntity, "unknown-move-target"));
    }

    [Fact]
    public async Task TheMoveTarget_IsFoundByFileNumberOrByName_OnTheDocumentPage_WithoutTheDocumentsOwnFile()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var (from, document) = await FileWithDocumentAsync(a, "Quelle");
        var target = await a.CreateFileAsync("Kowalczyk", "Anna");
        var number = target.GetProperty("fileNumber").GetString()!;

        var byNumber = WebUtility.HtmlDecode(await a.Http.GetStringAsync($"workbench/documents/{document}?find={Uri.EscapeDataString(number)}"));
        byNumber.ShouldContain($"name=\"moveTo\" value=\"{target.GetProperty("id").GetGuid()}\"");
        var byName = WebUtility.HtmlDecode(await a.Http.GetStringAsync($"workbench/documents/{document}?find=Kowalczyk%20Anna"));
        byName.ShouldContain($"name=\"moveTo\" value=\"{target.GetProperty("id").GetGuid()}\"");
        byName.ShouldNotContain($"value=\"{from}\"");

        var confirm = WebUtility.HtmlDecode(await a.Http.GetStringAsync($"workbench/documents/{document}?moveTo={target.GetProperty("id").GetGuid()}"));
        confirm.ShouldContain($"in die Akte {number} (Kowalczyk, Anna) verschieben?");
        (await a.Http.GetAsync($"workbench/documents/{document}?find=x")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<(Guid File, Guid Document)> FileWithDocumentAsync(CasesApi api, string surname)
    {
        var file = (await api.CreateFileAsync(surname + "-" + Guid.NewGuid().ToString("N")[..6])).GetProperty("id").GetGuid();
        var (status, body) = await api.PostFileAsync($"api/cases/files/{file}/documents", TestPdf.Create(["Bescheid " + surname]), "application/pdf", "bescheid.pdf",
            new Dictionary<string, string> { ["documentType"] = "antrag" });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return (file, body.GetProperty("id").GetGuid());
    }

    private static async Task<Guid> OpenCaseAsync(CasesApi api, Guid file, string title)
    {
        var (status, body) = await api.PostJsonAsync($"api/cases/files/{file}/cases", new { kind = "aufenthaltserlaubnis", title });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    private static async Task<uint> VersionAsync(CasesApi api, Guid document) =>
        (await api.GetJsonAsync($"api/cases/documents/{document}")).GetProperty("version").GetUInt32();

    private static async Task<List<Guid>> DocumentIdsAsync(CasesApi api, Guid file) =>
        [.. (await api.GetJsonAsync($"api/cases/files/{file}")).GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetGuid())];

    private static async Task<(HttpStatusCode, string?)> ProblemAsync(CasesApi api, Guid document, object body)
    {
        var (status, problem) = await api.PutJsonAsync($"api/cases/documents/{document}/details", body);
        return (status, problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("code", out var code) ? code.GetString() : null);
    }

    private static async Task<(HttpStatusCode, string?)> MoveAsync(CasesApi api, Guid document, object body)
    {
        var (status, problem) = await api.PostJsonAsync($"api/cases/documents/{document}/move", body);
        return (status, problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("code", out var code) ? code.GetString() : null);
    }

    private static async Task<JsonElement> SendAsync(CasesApi api, HttpMethod method, string path, object body, string language)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var response = await api.Http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(CasesApi api, string path, string page, params (string Name, string Value)[] fields)
    {
        var token = TokenField().Match(page);
        token.Success.ShouldBeTrue("the page has no form");
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        values["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await api.Http.PostAsync(path, new FormUrlEncodedContent(values));
    }

    private Task<List<string>> ReadsAsync(Guid record, params string[] actions) =>
        ViewerPages.ReadsAsync(fixture.App.Database, fixture.A.Id, record.ToString(), actions.Length == 0 ? ["document.read"] : actions);

    private async Task PublishCatalogueAsync()
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        foreach (var (key, name) in new[] { ("antrag", "Antrag"), ("bescheid", "Bescheid"), ("pass", "Pass"), ("nachweis", "Nachweis") })
        {
            await store.SaveDraftAsync($"kind: document-type\nkey: {key}\nspec:\n  name: {name}\n", "test");
        }

        await store.PublishAsync(null, "test");
    }

    private async Task ExecuteAsync(string sql, Guid tenant, Guid id)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter { Value = tenant }, new NpgsqlParameter { Value = id } } };
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"Version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionField();
}
