using Saas.Modules.Cases.Features.Inbox;
using Saas.Modules.Cases.Features.Ingest;
using Saas.Modules.Cases.Features.Text;
using Saas.Modules.Cases.Tests.Features.Workbench;

namespace Saas.Modules.Cases.Tests.Features.Inbox;

/// <summary>
/// Issue 9: an item's pages split into items of their own; a wrong filing or discard taken back (the filing's
/// documents withdrawn from the file, kept with their history); the limits of an undo; races decided as 409.
/// </summary>
public sealed class InboxSplitAndUndoTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task APdfOfSevenPages_IsSplitAtTheChosenPages_IntoItemsWithTheirOwnBytes_AndTheOriginalKeepsItsParts()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var id = await SeedScanAsync(fixture, fixture.A, [.. Enumerable.Range(1, 7).Select(p => $"Brief Seite {p} von Familie Mustermann")]);

        var (status, body) = await a.PostJsonAsync($"api/cases/inbox/{id}/split", new { ranges = "1-2, 3, 4-7" });
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        var parts = body.GetProperty("parts").EnumerateArray().Select(p => p.GetGuid()).ToList();
        parts.Count.ShouldBe(3);

        var original = (await a.GetJsonAsync($"api/cases/inbox/{id}")).GetProperty("item");
        original.GetProperty("status").GetString().ShouldBe("split");
        var tools = new ScanTools(new ToolLimits(TimeSpan.FromSeconds(60), 1536L * 1024 * 1024));
        var expected = new[] { ("1-2", 2, "Seite 1"), ("3", 1, "Seite 3"), ("4-7", 4, "Seite 4") };
        var hashes = new HashSet<string>();
        foreach (var (part, (pages, count, text)) in parts.Zip(expected))
        {
            var read = await a.GetJsonAsync($"api/cases/inbox/{part}");
            var item = read.GetProperty("item");
            item.GetProperty("status").GetString().ShouldBe("open");
            item.GetProperty("splitFromId").GetGuid().ShouldBe(id);
            item.GetProperty("splitPages").GetString().ShouldBe(pages);
            item.GetProperty("pages").GetInt32().ShouldBe(count);
            item.GetProperty("receivedAt").GetDateTimeOffset().ShouldBe(original.GetProperty("receivedAt").GetDateTimeOffset());
            read.GetProperty("text").GetString()!.ShouldContain(text);
            var bytes = await a.Http.GetByteArrayAsync($"/t/{fixture.A.Key}/api/cases/inbox/{part}/content");
            hashes.Add(Convert.ToHexStringLower(SHA256.HashData(bytes)));
            var path = Path.GetTempFileName();
            try
            {
                await File.WriteAllBytesAsync(path, bytes);
                (await tools.CountPagesAsync(path, default)).ShouldBe(count);
            }
            finally
            {
                File.Delete(path);
            }
        }

        hashes.Count.ShouldBe(3, "every part has a blob of its own");
        var html = await (await WorkbenchPages.SignInAsync(fixture, fixture.A.Key)).GetHtmlAsync($"workbench/inbox/{id}");
        foreach (var part in parts)
        {
            html.ShouldContain($"/workbench/inbox/{part}");
        }

        (await AuditAsync(id.ToString(), "inbox.split")).ShouldBe(1);
        (await a.PostJsonAsync($"api/cases/inbox/{id}/split", new { ranges = "1, 2-7" })).Status.ShouldBe(HttpStatusCode.Conflict, "a split item is done");
    }

    [Theory]
    [InlineData("", "Bitte die Teile angeben")]
    [InlineData("1-7", "mindestens zwei Teile")]
    [InlineData("1-2, 2-7", "„2-7“ enthält Seiten, die schon")]
    [InlineData("1-2, 4-7", "„4-7“: Davor fehlt Seite 3")]
    [InlineData("1-3, 4-9", "„4-9“ liegt außerhalb des Dokuments: es hat die Seiten 1 bis 7")]
    [InlineData("1-3, x", "„x“ ist keine Seitenangabe")]
    [InlineData("1-3, 5-4", "„5-4“: Die erste Seite muss vor der letzten")]
    [InlineData("1-3, 4-5", "Die Seiten 6 bis 7 gehören zu keinem Teil")]
    public async Task WrongRanges_AreRefusedWithEachMistakeNamed_AndTheItemStaysAsItIs(string ranges, string message)
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var id = await SeedScanAsync(fixture, fixture.A, [.. Enumerable.Range(1, 7).Select(p => $"Seite {p}")]);

        var (status, problem) = await a.PostJsonAsync($"api/cases/inbox/{id}/split", new { ranges });
        status.ShouldBe(HttpStatusCode.BadRequest, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("invalid-split-ranges");
        problem.GetProperty("detail").GetString()!.Split('\n').ShouldContain(e => e.Contains(message));
        (await a.GetJsonAsync($"api/cases/inbox/{id}")).GetProperty("item").GetProperty("status").GetString().ShouldBe("open");
    }

    [Fact]
    public async Task RangeMistakes_AreWrittenInTheReadersLanguage()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var id = await SeedScanAsync(fixture, fixture.A, ["eins", "zwei", "drei"]);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{fixture.A.Key}/api/cases/inbox/{id}/split") { Content = JsonContent.Create(new { ranges = "1, 3" }) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await a.Http.SendAsync(request);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("The page ranges are not right.");
        problem.GetProperty("detail").GetString().ShouldBe("“3”: page 2 is missing before it. Every page belongs to exactly one part, in the document's order.");
    }

    [Fact]
    public async Task AMail_IsNotSplit()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var (_, mail) = await a.PostFileAsync("api/cases/inbox/mail", MailInboxTests.Mail("Nicht teilbar", "Text"), "message/rfc822", "mail.eml");
        var (status, problem) = await a.PostJsonAsync($"api/cases/inbox/{mail.GetProperty("id").GetGuid()}/split", new { ranges = "1, 2" });
        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("code").GetString().ShouldBe("inbox-split-not-pdf");
    }

    [Fact]
    public async Task AWrongFiling_IsUndone_TheDocumentsLeaveTheFileButKeepTheirHistory_AndTheItemCanBeFiledAgain()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var wrong = (await a.CreateFileAsync("Falsch", "Anna")).GetProperty("id").GetGuid();
        var right = (await a.CreateFileAsync("Richtig", "Anna")).GetProperty("id").GetGuid();
        var word = "Irrlaeufer" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var (_, mail) = await a.PostFileAsync("api/cases/inbox/mail", MailInboxTests.Mail("Falsch abgelegt", "Text", TestPdf.Create([$"Anlage {word}"])), "message/rfc822", "mail.eml");
        var id = mail.GetProperty("id").GetGuid();
        var (_, assigned) = await a.PostJsonAsync($"api/cases/inbox/{id}/assign", new { fileId = wrong });
        var documents = assigned.GetProperty("documents").EnumerateArray().Select(d => d.GetGuid()).ToList();
        documents.Count.ShouldBe(2, "the mail and its attachment");
        (await DocumentsOfAsync(a, wrong)).Count.ShouldBe(2);
        foreach (var document in documents)
        {
            await a.WaitAsync($"api/cases/documents/{document}/text", t => t.GetProperty("status").GetString() != "pending");
        }

        (await a.GetJsonAsync($"api/cases/search?q={word}")).EnumerateArray().ShouldNotBeEmpty();

        var (status, body) = await a.PostJsonAsync($"api/cases/inbox/{id}/undo-filing", new { });
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("documents").EnumerateArray().Select(d => d.GetGuid()).Order().ShouldBe(documents.Order());
        (await DocumentsOfAsync(a, wrong)).ShouldBeEmpty("the file no longer lists withdrawn documents");
        (await a.GetJsonAsync($"api/cases/search?q={word}")).EnumerateArray().ShouldBeEmpty("search does not find withdrawn documents");
        var item = (await a.GetJsonAsync($"api/cases/inbox/{id}")).GetProperty("item");
        item.GetProperty("status").GetString().ShouldBe("open");
        item.GetProperty("assignedFileId").ValueKind.ShouldBe(JsonValueKind.Null);
        (await WithdrawnAsync(documents)).ShouldBe(2, "the rows stay, marked withdrawn");
        (await AuditAsync(wrong.ToString(), "inbox.undo-filing")).ShouldBe(1);
        (await a.PostJsonAsync($"api/cases/inbox/{id}/undo-filing", new { })).Status.ShouldBe(HttpStatusCode.Conflict, "an open item has no filing to undo");

        (await a.PostJsonAsync($"api/cases/inbox/{id}/assign", new { fileId = right })).Status.ShouldBe(HttpStatusCode.OK);
        (await DocumentsOfAsync(a, right)).Count.ShouldBe(2);
        (await DocumentsOfAsync(a, wrong)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AFilingIsNotUndone_UnderALegalHold_InAClosedCase_OrAfterTheDocumentWasMoved()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);

        var held = (await a.CreateFileAsync("Gesperrt", "Olga")).GetProperty("id").GetGuid();
        var first = await FiledMailAsync(a, held, null);
        (await a.PostJsonAsync($"api/cases/files/{held}/legal-holds", new { reason = "Klage" })).Status.ShouldBe(HttpStatusCode.Created);
        await ShouldRefuseAsync(a, first, "inbox-filing-under-hold");
        (await DocumentsOfAsync(a, held)).Count.ShouldBe(1);

        var closedFile = (await a.CreateFileAsync("Abgeschlossen", "Olga")).GetProperty("id").GetGuid();
        var (_, opened) = await a.PostJsonAsync($"api/cases/files/{closedFile}/cases", new { kind = "aufenthaltserlaubnis", title = "Antrag" });
        var caseId = opened.GetProperty("id").GetGuid();
        var second = await FiledMailAsync(a, closedFile, caseId);
        (await a.PostJsonAsync($"api/cases/cases/{caseId}/close", new { outcome = "erteilt" })).Status.ShouldBe(HttpStatusCode.OK);
        await ShouldRefuseAsync(a, second, "inbox-filing-case-closed");

        var movedFile = (await a.CreateFileAsync("Verschoben", "Olga")).GetProperty("id").GetGuid();
        var (_, other) = await a.PostJsonAsync($"api/cases/files/{movedFile}/cases", new { kind = "aufenthaltserlaubnis", title = "Anderer" });
        var third = await FiledMailAsync(a, movedFile, null);
        var document = (await DocumentsOfAsync(a, movedFile)).Single();
        var filedInto = await a.Http.PutAsJsonAsync($"/t/{fixture.A.Key}/api/cases/documents/{document}/case", new { caseId = other.GetProperty("id").GetGuid() });
        filedInto.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldRefuseAsync(a, third, "inbox-filing-changed");
        (await DocumentsOfAsync(a, movedFile)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ADiscard_IsUndone_AndTheItemIsOpenAgain()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var (_, mail) = await a.PostFileAsync("api/cases/inbox/mail", MailInboxTests.Mail("Versehentlich verworfen", "Text"), "message/rfc822", "mail.eml");
        var id = mail.GetProperty("id").GetGuid();
        (await a.PostJsonAsync($"api/cases/inbox/{id}/discard", new { })).Status.ShouldBe(HttpStatusCode.NoContent);
        (await a.PostJsonAsync($"api/cases/inbox/{id}/undo-filing", new { })).Status.ShouldBe(HttpStatusCode.Conflict, "a discard is not a filing");

        (await a.PostJsonAsync($"api/cases/inbox/{id}/undo-discard", new { })).Status.ShouldBe(HttpStatusCode.NoContent);
        var item = (await a.GetJsonAsync($"api/cases/inbox/{id}")).GetProperty("item");
        item.GetProperty("status").GetString().ShouldBe("open");
        item.GetProperty("assignedBy").ValueKind.ShouldBe(JsonValueKind.Null);
        (await AuditAsync(id.ToString(), "inbox.undo-discard")).ShouldBe(1);
        var (again, problem) = await a.PostJsonAsync($"api/cases/inbox/{id}/undo-discard", new { });
        again.ShouldBe(HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("inbox-item-not-undoable");
    }

    [Fact]
    public async Task TwoUndosOfOneFilingAtTheSameTime_OneWins_TheOtherIsAConflict_AndNothingIsHalfDone()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Zugleich", "Ida")).GetProperty("id").GetGuid();
        var other = (await a.CreateFileAsync("Zugleich", "Eva")).GetProperty("id").GetGuid();
        for (var round = 0; round < 4; round++)
        {
            var id = await FiledMailAsync(a, file, null);
            var results = await Task.WhenAll(
                a.PostJsonAsync($"api/cases/inbox/{id}/undo-filing", new { }),
                a.PostJsonAsync($"api/cases/inbox/{id}/undo-filing", new { }));
            results.Count(r => r.Status == HttpStatusCode.OK).ShouldBe(1, string.Join(", ", results.Select(r => $"{r.Status} {r.Body}")));
            results.Count(r => r.Status == HttpStatusCode.Conflict).ShouldBe(1);
            (await a.GetJsonAsync($"api/cases/inbox/{id}")).GetProperty("item").GetProperty("status").GetString().ShouldBe("open");
            (await a.PostJsonAsync($"api/cases/inbox/{id}/assign", new { fileId = other })).Status.ShouldBe(HttpStatusCode.OK);
        }

        (await DocumentsOfAsync(a, file)).ShouldBeEmpty();
        (await DocumentsOfAsync(a, other)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task TheItemPage_PreselectsAFileJustCreated_AndFindsFilesByThePersonsName()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var created = await a.CreateFileAsync("Wojciechowska", "Marta", "1990-04-12");
        var file = created.GetProperty("id").GetGuid();
        var number = created.GetProperty("fileNumber").GetString()!;
        var (_, mail) = await a.PostFileAsync("api/cases/inbox/mail", MailInboxTests.Mail("Ohne Zeichen", "Text"), "message/rfc822", "mail.eml");
        var id = mail.GetProperty("id").GetGuid();
        var pages = await WorkbenchPages.SignInAsync(fixture, fixture.A.Key);

        var html = await pages.GetHtmlAsync($"workbench/inbox/{id}?file={file}");
        html.ShouldContain("id=\"chosen-file\"");
        html.ShouldContain($"name=\"fileId\" value=\"{file}\" data-shortcut=\"z\"");
        html.ShouldContain($"href=\"/t/{fixture.A.Key}/workbench/files/new?inboxItem={id}\"");

        html = await pages.GetHtmlAsync($"workbench/inbox/{id}?personName=Wojciechowska&personBirthDate=1990-04-12");
        html.ShouldContain("id=\"person-results\"");
        html.ShouldContain(number);
        html = await pages.GetHtmlAsync($"workbench/inbox/{id}?personName=Wojciechowska&personBirthDate=1991-01-01");
        html.ShouldContain("id=\"person-none\"");
        (await AuditAsync(null, "person.search", $"name search for inbox {id}")).ShouldBe(2);
    }

    internal static async Task<Guid> SeedScanAsync(TwoTenantsFixture fixture, TenantInfo tenant, IReadOnlyList<string> pages)
    {
        var pdf = TestPdf.Create(pages);
        StoredBlob blob;
        using (fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(tenant))
        {
            blob = await fixture.App.Services.GetRequiredService<IBlobStore>().PutAsync(new MemoryStream(pdf));
        }

        var item = new InboxItem
        {
            Source = "scan", Reason = "no-cover-sheet", Title = "Stapel " + Guid.NewGuid().ToString("N")[..6], ContentType = "application/pdf",
            Sha256 = blob.Sha256, Length = blob.Length, Pages = pages.Count, Text = string.Join('\n', pages), ReceivedAt = DateTimeOffset.UtcNow,
        };
        await WorkbenchPages.SeedAsync(fixture, tenant, db => db.InboxItems.Add(item));
        return item.Id;
    }

    private static async Task<Guid> FiledMailAsync(CasesApi api, Guid file, Guid? caseId)
    {
        var (_, mail) = await api.PostFileAsync("api/cases/inbox/mail", MailInboxTests.Mail("Abgelegt " + Guid.NewGuid().ToString("N")[..6], "Text"), "message/rfc822", "mail.eml");
        var id = mail.GetProperty("id").GetGuid();
        var (status, body) = await api.PostJsonAsync($"api/cases/inbox/{id}/assign", new { fileId = file, caseId });
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        return id;
    }

    private static async Task ShouldRefuseAsync(CasesApi api, Guid id, string code)
    {
        var (status, problem) = await api.PostJsonAsync($"api/cases/inbox/{id}/undo-filing", new { });
        status.ShouldBe(HttpStatusCode.Conflict, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe(code);
        (await api.GetJsonAsync($"api/cases/inbox/{id}")).GetProperty("item").GetProperty("status").GetString().ShouldBe("assigned");
    }

    private static async Task<List<Guid>> DocumentsOfAsync(CasesApi api, Guid file) =>
        [.. (await api.GetJsonAsync($"api/cases/files/{file}")).GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetGuid())];

    private async Task<long> WithdrawnAsync(IReadOnlyList<Guid> documents)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM cases.documents WHERE id = ANY($1) AND withdrawn_at IS NOT NULL AND withdrawn_by IS NOT NULL", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = documents.ToArray() });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<long> AuditAsync(string? record, string action, string? details = null)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM audit.events WHERE tenant_id = $1 AND action = $2 AND ($3::text IS NULL OR record_id = $3) AND ($4::text IS NULL OR details = $4)", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = fixture.A.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = action });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)record ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)details ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
