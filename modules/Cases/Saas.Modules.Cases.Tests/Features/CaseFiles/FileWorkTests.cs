namespace Saas.Modules.Cases.Tests.Features.CaseFiles;

/// <summary>
/// The caseworker's work on a file after filing (issue 9): the duplicate warning when a file is opened, merging two
/// files of one person, correcting person data, and the new-file page's contract with the inbox.
/// </summary>
public sealed partial class FileWorkTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly byte[] Pdf = TestPdf.Create(["Reisepass"]);

    [Fact]
    public async Task AFileForAPersonWhoProbablyHasOne_Is409NamingTheFile_UntilTheRequestConfirms()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var surname = Unique("Mohammed");
        var first = (await a.CreateFileAsync(surname, "Ali", "1991-05-06")).GetProperty("id").GetGuid();

        // Another spelling of the given name, the same birth date: the same person, probably.
        var (status, problem) = await a.PostJsonAsync("api/cases/files", new { surname, givenNames = "Aly", birthDate = "1991-05-06" });
        status.ShouldBe(HttpStatusCode.Conflict, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("file-probable-duplicate");
        problem.GetProperty("detail").GetString().ShouldBe(first.ToString());

        // Another birth date, or another given name, is another person.
        (await a.PostJsonAsync("api/cases/files", new { surname, givenNames = "Ali", birthDate = "1992-05-06" })).Status.ShouldBe(HttpStatusCode.Created);
        (await a.PostJsonAsync("api/cases/files", new { surname, givenNames = "Samir", birthDate = "1991-05-06" })).Status.ShouldBe(HttpStatusCode.Created);

        var (confirmed, created) = await a.PostJsonAsync("api/cases/files", new { surname, givenNames = "Aly", birthDate = "1991-05-06", confirmDuplicate = true });
        confirmed.ShouldBe(HttpStatusCode.Created, created.ToString());
        (await AuditDetailsAsync(created.GetProperty("id").GetGuid(), "casefile.create")).ShouldBe([$"probable duplicate of {first} confirmed"]);
    }

    [Fact]
    public async Task TheNewFilePage_ShowsTheProbableDuplicate_AndCreatesOnlyWhenConfirmed()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var surname = Unique("Nowak");
        var first = (await a.CreateFileAsync(surname, "Ewa", "1980-01-02")).GetProperty("id").GetGuid();
        var fields = new Dictionary<string, string> { ["Surname"] = surname, ["GivenNames"] = "Eva", ["BirthDate"] = "1980-01-02" };

        var warned = await PostFormAsync(a.Http, "workbench/files/new", "workbench/files/new", fields);
        warned.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await warned.Content.ReadAsStringAsync();
        html.ShouldContain($"href=\"/t/{fixture.A.Key}/workbench/files/{first}\"");
        html.ShouldContain("name=\"ConfirmDuplicate\"");

        fields["ConfirmDuplicate"] = "true";
        var created = await PostFormAsync(a.Http, "workbench/files/new", "workbench/files/new", fields);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        created.Headers.Location!.OriginalString.ShouldStartWith($"/t/{fixture.A.Key}/workbench/files/");
        created.Headers.Location.OriginalString.ShouldNotContain(first.ToString());
    }

    [Fact]
    public async Task OpenedFromAnInboxItem_ThePagePrefillsTheSender_AndGoesBackToTheItemWithTheNewFile()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var surname = Unique("Haddad");
        var mail = Encoding.UTF8.GetBytes($"From: Karim {surname} <karim@example.org>\r\nTo: abh@example.org\r\nSubject: Termin\r\n"
                                          + "Date: Tue, 24 Nov 2026 09:30:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbitte um einen termin\r\n");
        var (status, item) = await a.PostFileAsync("api/cases/inbox/mail", mail, "message/rfc822", "mail.eml");
        status.ShouldBe(HttpStatusCode.Created, item.ToString());
        var itemId = item.GetProperty("id").GetGuid();

        var page = await a.Http.GetStringAsync($"workbench/files/new?inboxItem={itemId}");
        page.ShouldContain($"value=\"{surname}\"");
        page.ShouldContain("value=\"Karim\"");

        var created = await PostFormAsync(a.Http, $"workbench/files/new?inboxItem={itemId}", "workbench/files/new",
            new Dictionary<string, string> { ["Surname"] = surname, ["GivenNames"] = "Karim", ["InboxItem"] = itemId.ToString() });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var location = created.Headers.Location!.OriginalString;
        location.ShouldStartWith($"/t/{fixture.A.Key}/workbench/inbox/{itemId}?file=");
        var fileId = Guid.Parse(location[(location.IndexOf("file=", StringComparison.Ordinal) + 5)..]);
        (await a.GetJsonAsync($"api/cases/files/{fileId}")).GetProperty("file").GetProperty("surname").GetString().ShouldBe(surname);
        (await a.Http.GetStringAsync($"api/cases/inbox/{itemId}")).ShouldContain("\"status\":\"open\""); // read only: the item is not changed
    }

    [Fact]
    public async Task AMerge_MovesDocumentsCasesAndHolds_TheSourceStaysReadableAsMerged_AndBothTrailsRecordIt()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var surname = Unique("Petrenko");
        var target = (await a.CreateFileAsync(surname, "Andrii", "1985-02-03")).GetProperty("id").GetGuid();
        var source = await ConfirmedDuplicateAsync(a, surname, "Andrij", "1985-02-03", ["Petrenco"]);
        var (uploaded, document) = await a.PostFileAsync($"api/cases/files/{source}/documents", Pdf, "application/pdf", "pass.pdf",
            new Dictionary<string, string> { ["documentType"] = "antrag" });
        uploaded.ShouldBe(HttpStatusCode.Created, document.ToString());
        var (opened, caseRecord) = await a.PostJsonAsync($"api/cases/files/{source}/cases", new { kind = "aufenthaltserlaubnis", title = "Verlängerung" });
        opened.ShouldBe(HttpStatusCode.Created, caseRecord.ToString());
        (await a.PostJsonAsync($"api/cases/files/{source}/legal-holds", new { reason = "Klage" })).Status.ShouldBe(HttpStatusCode.Created);

        var (merged, result) = await a.PostJsonAsync($"api/cases/files/{source}/merge", new { targetId = target });
        merged.ShouldBe(HttpStatusCode.OK, result.ToString());
        result.GetProperty("documents").GetInt32().ShouldBe(1);
        result.GetProperty("cases").GetInt32().ShouldBe(1);

        var read = await a.GetJsonAsync($"api/cases/files/{source}");
        read.GetProperty("file").GetProperty("status").GetString().ShouldBe("merged");
        read.GetProperty("file").GetProperty("mergedIntoId").GetGuid().ShouldBe(target);
        read.GetProperty("documents").GetArrayLength().ShouldBe(0);
        var into = await a.GetJsonAsync($"api/cases/files/{target}");
        into.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ShouldBe([document.GetProperty("id").GetGuid()]);
        into.GetProperty("file").GetProperty("nameVariants").EnumerateArray().Select(v => v.GetString()).ShouldBe(["Petrenco"]);
        (await CountAsync("SELECT count(*) FROM cases.legal_holds WHERE case_file_id = $1 AND released_at IS NULL", target)).ShouldBe(1);
        (await CountAsync("SELECT count(*) FROM cases.procedures WHERE case_file_id = $1", target)).ShouldBe(1);

        // Read-only from now on; its history (creation, upload) stays under its own id, and both trails name the merge.
        (await a.PostFileAsync($"api/cases/files/{source}/documents", Pdf, "application/pdf", "spaet.pdf",
            new Dictionary<string, string> { ["documentType"] = "antrag" })).Status.ShouldBe(HttpStatusCode.Conflict);
        (await AuditDetailsAsync(source, "casefile.merge")).ShouldHaveSingleItem().ShouldStartWith($"merged into {target}: 1 document(s), 1 case(s), 1 legal hold(s)");
        (await AuditDetailsAsync(target, "casefile.merge")).ShouldHaveSingleItem().ShouldStartWith($"merged from {source}");
        (await AuditDetailsAsync(source, "casefile.create")).Count.ShouldBe(1);

        var page = await a.Http.GetStringAsync($"workbench/files/{source}");
        page.ShouldContain("id=\"merged-into\"");
        page.ShouldContain($"href=\"/t/{fixture.A.Key}/workbench/files/{target}\"");
        page.ShouldNotContain("handler=Upload");
    }

    [Fact]
    public async Task AMerge_IsRefused_IntoItself_OfAMergedFile_AcrossPersonsUnconfirmed_AndWithAStaleVersion_MovingNothing()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var surname = Unique("Yilmaz");
        var target = (await a.CreateFileAsync(surname, "Emre", "1970-07-07")).GetProperty("id").GetGuid();
        var source = await ConfirmedDuplicateAsync(a, surname, "Emre", "1970-07-07");
        var other = (await a.CreateFileAsync(Unique("Kowalski"), "Jan", "1999-09-09")).GetProperty("id").GetGuid();
        await a.PostFileAsync($"api/cases/files/{source}/documents", Pdf, "application/pdf", "a.pdf", new Dictionary<string, string> { ["documentType"] = "antrag" });

        await ExpectProblemAsync(a, $"api/cases/files/{source}/merge", new { targetId = source }, HttpStatusCode.BadRequest, "file-merge-into-itself");
        await ExpectProblemAsync(a, $"api/cases/files/{source}/merge", new { targetId = other }, HttpStatusCode.Conflict, "files-of-different-persons");
        var version = (await a.GetJsonAsync($"api/cases/files/{source}")).GetProperty("file").GetProperty("version").GetUInt32();
        // A change that keeps the person the same one (an appended letter could change the Kölner Phonetik code: "…c" + "a").
        await ChangeSurnameAsync(a, source, version, surname.ToUpperInvariant());
        await ExpectProblemAsync(a, $"api/cases/files/{source}/merge", new { targetId = target, sourceVersion = version }, HttpStatusCode.Conflict, "file-changed-meanwhile");
        (await a.GetJsonAsync($"api/cases/files/{source}")).GetProperty("documents").GetArrayLength().ShouldBe(1);

        (await a.PostJsonAsync($"api/cases/files/{source}/merge", new { targetId = target })).Status.ShouldBe(HttpStatusCode.OK);
        await ExpectProblemAsync(a, $"api/cases/files/{source}/merge", new { targetId = target }, HttpStatusCode.Conflict, "file-not-mergeable");
        await ExpectProblemAsync(a, $"api/cases/files/{other}/merge", new { targetId = source, confirmDifferentPersons = true }, HttpStatusCode.Conflict,
            "file-not-mergeable");
        (await a.PostJsonAsync($"api/cases/files/{other}/merge", new { targetId = target, confirmDifferentPersons = true })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TwoMergesAtOnce_OfTwoFilesIntoEachOther_OneWins_AndNothingIsHalfMoved()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var b = await CasesApi.SignInAsync(fixture, fixture.A.Key, "cw2");
        var surname = Unique("Nguyen");
        var one = (await a.CreateFileAsync(surname, "Van", "1988-08-08")).GetProperty("id").GetGuid();
        var two = await ConfirmedDuplicateAsync(a, surname, "Van", "1988-08-08");
        foreach (var file in new[] { one, two })
        {
            await a.PostFileAsync($"api/cases/files/{file}/documents", Pdf, "application/pdf", "d.pdf", new Dictionary<string, string> { ["documentType"] = "antrag" });
        }

        var results = await Task.WhenAll(
            a.PostJsonAsync($"api/cases/files/{one}/merge", new { targetId = two }),
            b.PostJsonAsync($"api/cases/files/{two}/merge", new { targetId = one }));
        results.Select(r => r.Status).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var states = new[] { await a.GetJsonAsync($"api/cases/files/{one}"), await a.GetJsonAsync($"api/cases/files/{two}") };
        states.Select(s => s.GetProperty("file").GetProperty("status").GetString()).Order().ShouldBe(["active", "merged"]);
        states.Select(s => s.GetProperty("documents").GetArrayLength()).Order().ShouldBe([0, 2]);
    }

    [Fact]
    public async Task PersonData_IsCorrected_WithCodesFromTheList_KeepsAnEarlierFreeTextValue_AndIsAuditedByFieldName()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var id = (await a.CreateFileAsync(Unique("Ahmadi"), "Reza", "1979-03-04")).GetProperty("id").GetGuid();
        await OwnerExecuteAsync("UPDATE cases.case_files SET nationalities = ARRAY['afghanisch (alt)'] WHERE id = $1", id);
        var version = (await a.GetJsonAsync($"api/cases/files/{id}")).GetProperty("file").GetProperty("version").GetUInt32();

        await ExpectProblemAsync(a, $"api/cases/files/{id}/person", new { version, surname = "Ahmadi", centralRegisterNumber = "12345" }, HttpStatusCode.BadRequest,
            "person-field-invalid", put: true);
        await ExpectProblemAsync(a, $"api/cases/files/{id}/person", new { version, surname = "Ahmadi", nationalities = new[] { "XYZ" } }, HttpStatusCode.BadRequest,
            "unknown-nationality", put: true);

        var (status, body) = await a.PutJsonAsync($"api/cases/files/{id}/person", new
        {
            version, surname = "Ahmadi", givenNames = "Reza", birthDate = "1979-03-05", centralRegisterNumber = "123456789012",
            nationalities = new[] { "afghanisch (alt)", "irn" },
        });
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("nationalities").EnumerateArray().Select(n => n.GetString()).ShouldBe(["afghanisch (alt)", "IRN"]);
        body.GetProperty("centralRegisterNumber").GetString().ShouldBe("123456789012");
        (await a.Http.GetStringAsync("api/cases/persons?name=Ahmadi&birthDate=1979-03-05")).ShouldContain(id.ToString());
        var details = (await AuditDetailsAsync(id, "casefile.person-change")).ShouldHaveSingleItem();
        details.ShouldBe("changed: surname, birthDate, centralRegisterNumber, nationalities");
        details.ShouldNotContain("123456789012");

        // The version read before is stale now: a second caseworker's change with it is refused, nothing changes.
        await ExpectProblemAsync(a, $"api/cases/files/{id}/person", new { version, surname = "Achmadi" }, HttpStatusCode.Conflict, "file-changed-meanwhile", put: true);
        (await a.GetJsonAsync($"api/cases/files/{id}")).GetProperty("file").GetProperty("surname").GetString().ShouldBe("Ahmadi");

        var page = await a.Http.GetStringAsync($"workbench/files/{id}");
        page.ShouldContain("iranisch");
        page.ShouldContain("afghanisch (alt)");
    }

    [Fact]
    public async Task ThePersonPage_OffersTheListsNames_AndSavesTheChosenCode()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var surname = Unique("Bakr");
        var id = (await a.CreateFileAsync(surname, "Omar", "1990-10-10")).GetProperty("id").GetGuid();
        var html = await a.Http.GetStringAsync($"workbench/files/{id}/person");
        html.ShouldContain("<option value=\"SYR\">syrisch</option>");
        var version = VersionRegex().Match(html).Groups[1].Value;

        var saved = await PostFormAsync(a.Http, $"workbench/files/{id}/person", $"workbench/files/{id}/person", new Dictionary<string, string>
        {
            ["Version"] = version, ["Surname"] = surname, ["GivenNames"] = "Omar", ["BirthDate"] = "1990-10-10", ["Nationalities[0]"] = "SYR", ["Nationalities[1]"] = "",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        (await a.GetJsonAsync($"api/cases/files/{id}")).GetProperty("file").GetProperty("nationalities").EnumerateArray().Select(n => n.GetString()).ShouldBe(["SYR"]);

        var invalid = await PostFormAsync(a.Http, $"workbench/files/{id}/person", $"workbench/files/{id}/person", new Dictionary<string, string>
        {
            ["Version"] = VersionRegex().Match(await a.Http.GetStringAsync($"workbench/files/{id}/person")).Groups[1].Value, ["Surname"] = surname,
            ["CentralRegisterNumber"] = "12AB",
        });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refused = await invalid.Content.ReadAsStringAsync();
        refused.ShouldContain("id=\"azr-error\"");
        refused.ShouldContain("aria-invalid=\"true\"");
    }

    [Fact]
    public async Task TheNewFilePage_OffersTheListsNames_SavesTheChosenCodes_AndMarksAnUnknownOne()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var html = await a.Http.GetStringAsync("workbench/files/new");
        html.ShouldContain("<option value=\"SYR\">syrisch</option>");
        html.ShouldNotContain("name=\"Nationalities\" type=\"text\"");

        var surname = Unique("Haddad");
        var created = await PostFormAsync(a.Http, "workbench/files/new", "workbench/files/new", new Dictionary<string, string>
        {
            ["Surname"] = surname, ["GivenNames"] = "Rana", ["BirthDate"] = "1993-02-02", ["Nationalities[0]"] = "SYR", ["Nationalities[1]"] = "LBN",
            ["Nationalities[2]"] = "", ["ConfirmDuplicate"] = "true",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var id = created.Headers.Location!.ToString().Split('/')[^1];
        (await a.GetJsonAsync($"api/cases/files/{id}")).GetProperty("file").GetProperty("nationalities").EnumerateArray().Select(n => n.GetString()).ShouldBe(["SYR", "LBN"]);

        var unknown = await PostFormAsync(a.Http, "workbench/files/new", "workbench/files/new", new Dictionary<string, string>
        {
            ["Surname"] = Unique("Haddad"), ["Nationalities[0]"] = "XYZ", ["ConfirmDuplicate"] = "true",
        });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refused = await unknown.Content.ReadAsStringAsync();
        refused.ShouldContain("<option value=\"XYZ\" selected>"); // kept as sent, nothing the caseworker chose is lost
        refused.ShouldContain("class=\"kern-error\" role=\"alert\"");
    }

    [Fact]
    public async Task MyWork_ListsMyRecentFilesAndOpenCases_LinkingToTheirPages()
    {
        var me = await CasesApi.SignInAsync(fixture, fixture.A.Key, "cw2");
        var surname = Unique("Schmidt");
        var id = (await me.CreateFileAsync(surname, "Anna", "1975-05-05")).GetProperty("id").GetGuid();
        (await me.PostJsonAsync($"api/cases/files/{id}/cases", new { kind = "einbuergerung", title = "Antrag " + surname })).Status.ShouldBe(HttpStatusCode.Created);

        var html = await me.Http.GetStringAsync("workbench");
        var mine = html[html.IndexOf("id=\"my-work\"", StringComparison.Ordinal)..html.IndexOf("id=\"inbox-heading\"", StringComparison.Ordinal)];
        mine.ShouldContain($"href=\"/t/{fixture.A.Key}/workbench/files/{id}\"");
        mine.ShouldContain($"href=\"/t/{fixture.A.Key}/workbench/files/{id}#cases\"");
        mine.ShouldContain("Antrag " + surname);

        // Someone else's start page does not list them.
        var other = await CasesApi.SignInAsync(fixture, fixture.A.Key, "both");
        (await other.Http.GetStringAsync("workbench")).ShouldNotContain(id.ToString());
    }

    private static string Unique(string name) => name + new string([.. Guid.NewGuid().ToString("N")[..5].Select(c => (char)('a' + (c % 26)))]);

    private static async Task<Guid> ConfirmedDuplicateAsync(CasesApi api, string surname, string givenNames, string birthDate, string[]? variants = null)
    {
        var (status, body) = await api.PostJsonAsync("api/cases/files", new { surname, givenNames, birthDate, nameVariants = variants, confirmDuplicate = true });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    private static async Task ChangeSurnameAsync(CasesApi api, Guid id, uint version, string surname)
    {
        var file = (await api.GetJsonAsync($"api/cases/files/{id}")).GetProperty("file");
        var (status, body) = await api.PutJsonAsync($"api/cases/files/{id}/person",
            new { version, surname, givenNames = file.GetProperty("givenNames").GetString(), birthDate = file.GetProperty("birthDate").GetString() });
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
    }

    private static async Task ExpectProblemAsync(CasesApi api, string path, object body, HttpStatusCode status, string code, bool put = false)
    {
        var (actual, problem) = put ? await api.PutJsonAsync(path, body) : await api.PostJsonAsync(path, body);
        actual.ShouldBe(status, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe(code);
    }

    /// <summary>GETs the form page (for its antiforgery token and cookie) and posts the form without following the redirect.</summary>
    private async Task<HttpResponseMessage> PostFormAsync(HttpClient signedIn, string formPage, string action, Dictionary<string, string> fields)
    {
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = signedIn.BaseAddress! });
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        var html = await client.GetStringAsync(formPage);
        var token = TokenRegex().Match(html);
        token.Success.ShouldBeTrue($"{formPage} has no form");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action, content);
    }

    private async Task<List<string>> AuditDetailsAsync(Guid record, string action)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT coalesce(details, '') FROM audit.events WHERE record_id = $1 AND action = $2 ORDER BY seq", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = record.ToString() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = action });
        var details = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            details.Add(reader.GetString(0));
        }

        return details;
    }

    private async Task<long> CountAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task OwnerExecuteAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        (await cmd.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("name=\"Version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionRegex();
}
