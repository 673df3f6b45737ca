namespace Saas.Modules.Cases.Tests.Features.Inbox;

/// <summary>Incoming mail lands in the inbox with ranked suggestions; one click assigns it to the file.</summary>
public sealed class MailInboxTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AMailNamingAFileNumber_SuggestsThatFileFirst_AndOneClickAssignsMailAndAttachment()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var number = "AB-" + Random.Shared.Next(100000, 999999);
        var file = (await a.CreateFileAsync("Haddad", "Karim", "1985-03-07", number)).GetProperty("id").GetGuid();
        var other = (await a.CreateFileAsync("Hadad", "Samir", "1985-03-07")).GetProperty("id").GetGuid();
        var attachment = TestPdf.Create(["Arbeitgeberbescheinigung fuer Herrn Haddad"]);

        var (status, item) = await a.PostFileAsync("api/cases/inbox/mail", Mail($"Ihr Zeichen {number}", "Sehr geehrte Damen und Herren,\nanbei die Bescheinigung.", attachment),
            "message/rfc822", "mail.eml");
        status.ShouldBe(HttpStatusCode.Created, item.ToString());
        item.GetProperty("reason").GetString().ShouldBe("mail");
        var suggestions = item.GetProperty("suggestions").EnumerateArray().ToList();
        suggestions[0].GetProperty("fileId").GetGuid().ShouldBe(file);
        suggestions[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ShouldContain("file-number");

        var id = item.GetProperty("id").GetGuid();
        var (assigned, body) = await a.PostJsonAsync($"api/cases/inbox/{id}/assign", new { fileId = file, documentType = "schriftverkehr" });
        assigned.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("documents").GetArrayLength().ShouldBe(2);

        var documents = (await a.GetJsonAsync($"api/cases/files/{file}")).GetProperty("documents").EnumerateArray().ToList();
        documents.Select(d => d.GetProperty("contentType").GetString()).Order().ShouldBe(["application/pdf", "message/rfc822"]);
        documents.ShouldAllBe(d => d.GetProperty("source").GetString() == "mail");
        (await a.GetJsonAsync($"api/cases/files/{other}")).GetProperty("documents").EnumerateArray().ShouldBeEmpty();

        // Assigned once: a second click (or a colleague at the same time) is told so.
        (await a.PostJsonAsync($"api/cases/inbox/{id}/assign", new { fileId = file })).Status.ShouldBe(HttpStatusCode.Conflict);
        (await a.GetJsonAsync("api/cases/inbox")).EnumerateArray().ShouldNotContain(i => i.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task NameAndBirthDate_RankAboveTheNameAlone_AcrossSpellings()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var born = new DateOnly(1970 + Random.Shared.Next(0, 30), 1 + Random.Shared.Next(0, 12), 1 + Random.Shared.Next(0, 28));
        var right = (await a.CreateFileAsync("Mohammed", "Ali", born.ToString("yyyy-MM-dd"))).GetProperty("id").GetGuid();
        var sameName = (await a.CreateFileAsync("Muhammad", "Omar", "1960-01-01")).GetProperty("id").GetGuid();

        var (_, item) = await a.PostFileAsync("api/cases/inbox/mail", Mail("Anfrage Aufenthaltstitel",
            $"Mein Name ist Ali Mohamed, geboren am {born:dd.MM.yyyy}. Ich bitte um einen Termin."), "message/rfc822", "mail.eml");
        var ranked = item.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("fileId").GetGuid()).ToList();
        ranked.IndexOf(right).ShouldBe(0);
        ranked.ShouldContain(sameName);
    }

    [Fact]
    public async Task AnotherAuthority_NeverSeesTheMail_NorGetsItsFilesSuggested()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        var number = "XA-" + Random.Shared.Next(100000, 999999);
        var fileOfA = (await a.CreateFileAsync("Petrenko", "Olena", "1992-11-02", number)).GetProperty("id").GetGuid();
        var (_, itemOfA) = await a.PostFileAsync("api/cases/inbox/mail", Mail("Nachfrage", "Bitte um Rueckruf."), "message/rfc822", "mail.eml");
        var idOfA = itemOfA.GetProperty("id").GetGuid();

        // B receives a mail naming A's file number and person: B's suggestions know nothing of A.
        var (_, itemOfB) = await b.PostFileAsync("api/cases/inbox/mail", Mail($"Az. {number}", "Olena Petrenko, geb. 02.11.1992"), "message/rfc822", "mail.eml");
        itemOfB.GetProperty("suggestions").EnumerateArray().ShouldBeEmpty();

        (await b.GetJsonAsync("api/cases/inbox")).EnumerateArray().ShouldNotContain(i => i.GetProperty("id").GetGuid() == idOfA);
        (await b.Http.GetAsync($"api/cases/inbox/{idOfA}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.Http.GetAsync($"api/cases/inbox/{idOfA}/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostJsonAsync($"api/cases/inbox/{idOfA}/assign", new { fileId = fileOfA })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostJsonAsync($"api/cases/inbox/{itemOfB.GetProperty("id").GetGuid()}/assign", new { fileId = fileOfA })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await a.GetJsonAsync($"api/cases/inbox/{idOfA}")).GetProperty("item").GetProperty("status").GetString().ShouldBe("open");
    }

    [Fact]
    public async Task AFileThatIsNotAMail_IsRefused()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var (status, problem) = await a.PostFileAsync("api/cases/inbox/mail", [0xFF, 0xD8, 0xFF, 0x00, 0x01], "message/rfc822", "bild.eml");
        status.ShouldBe(HttpStatusCode.BadRequest, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("mail-unreadable");
    }

    internal static byte[] Mail(string subject, string body, byte[]? pdf = null)
    {
        var boundary = "b-" + Guid.NewGuid().ToString("N");
        var mail = new StringBuilder();
        mail.Append("From: Kanzlei Beispiel <post@kanzlei.example>\r\nTo: auslaenderbehoerde@example.org\r\n");
        mail.Append($"Subject: {subject}\r\nDate: Tue, 24 Nov 2026 09:30:00 +0100\r\nMIME-Version: 1.0\r\n");
        if (pdf is null)
        {
            mail.Append("Content-Type: text/plain; charset=utf-8\r\n\r\n").Append(body).Append("\r\n");
        }
        else
        {
            mail.Append($"Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n");
            mail.Append($"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n");
            mail.Append($"--{boundary}\r\nContent-Type: application/pdf; name=\"bescheinigung.pdf\"\r\nContent-Disposition: attachment; filename=\"bescheinigung.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            mail.Append(Convert.ToBase64String(pdf, Base64FormattingOptions.InsertLineBreaks)).Append("\r\n");
            mail.Append($"--{boundary}--\r\n");
        }

        return Encoding.UTF8.GetBytes(mail.ToString());
    }
}

/// <summary>
/// A file handed over to another authority takes no more documents from the inbox: neither a mail with its
/// attachments nor scanned pages, whether the hand-over came before the click or while it was being handled.
/// </summary>
public sealed class InboxReadOnlyFileTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AssigningToAFileThatWasHandedOver_IsRefused_AndTheItemStaysOpen()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Weggezogen")).GetProperty("id").GetGuid();
        var (handed, body) = await a.PostJsonAsync($"api/cases/files/{file}/transfer", new { toAuthority = fixture.B.Key, reason = "Umzug" });
        handed.ShouldBe(HttpStatusCode.Created, body.ToString());
        var id = await MailWithAttachmentAsync(a);
        var before = await TenantRows.SettledAsync(fixture.App.Database, fixture.A.Id);

        var (status, problem) = await a.PostJsonAsync($"api/cases/inbox/{id}/assign", new { fileId = file });
        status.ShouldBe(HttpStatusCode.Conflict, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("file-read-only");
        problem.GetProperty("detail").GetString().ShouldBe(file.ToString());

        (await TenantRows.CountAsync(fixture.App.Database, fixture.A.Id)).ShouldBe(before);
        (await a.GetJsonAsync($"api/cases/inbox/{id}")).GetProperty("item").GetProperty("status").GetString().ShouldBe("open");
        (await a.GetJsonAsync($"api/cases/files/{file}")).GetProperty("documents").EnumerateArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task AnAssignmentDuringTheHandOver_WaitsForIt_AndIsThenRefused_WithoutADocument()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Gleichzeitig")).GetProperty("id").GetGuid();
        var id = await MailWithAttachmentAsync(a);
        var before = await TenantRows.SettledAsync(fixture.App.Database, fixture.A.Id);

        await using (var handOver = await HandOverInProgress.StartAsync(fixture.App.Database, file))
        {
            var assign = a.PostJsonAsync($"api/cases/inbox/{id}/assign", new { fileId = file });
            (await handOver.SomeoneWaitsAsync(() => Task.FromResult(assign.IsCompleted))).ShouldBeTrue("the assignment must wait for the file row the hand-over holds");
            await handOver.CommitAsync();
            var (status, problem) = await assign;
            status.ShouldBe(HttpStatusCode.Conflict, problem.ToString());
            problem.GetProperty("code").GetString().ShouldBe("file-read-only");
        }

        (await TenantRows.CountAsync(fixture.App.Database, fixture.A.Id)).ShouldBe(before);
        (await a.GetJsonAsync($"api/cases/inbox/{id}")).GetProperty("item").GetProperty("status").GetString().ShouldBe("open");
        (await a.GetJsonAsync($"api/cases/files/{file}")).GetProperty("documents").EnumerateArray().ShouldBeEmpty();
    }

    /// <summary>A mail whose assignment would add two documents: the mail and its PDF attachment.</summary>
    private static async Task<Guid> MailWithAttachmentAsync(CasesApi api)
    {
        var mail = MailInboxTests.Mail("Nachfrage", "Bitte um Auskunft, Bescheinigung anbei.", TestPdf.Create(["Bescheinigung des Arbeitgebers"]));
        var (status, item) = await api.PostFileAsync("api/cases/inbox/mail", mail, "message/rfc822", "mail.eml");
        status.ShouldBe(HttpStatusCode.Created, item.ToString());
        return item.GetProperty("id").GetGuid();
    }
}
