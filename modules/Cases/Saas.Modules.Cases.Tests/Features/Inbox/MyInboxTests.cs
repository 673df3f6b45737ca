using Saas.Modules.Cases.Tests.Features.Workbench;

namespace Saas.Modules.Cases.Tests.Features.Inbox;

/// <summary>
/// Two caseworkers in A with surname ranges of their own (cw: A–K in 30.20; cw2: L–R in 30.20 and A–C in 30.21,
/// so a "B…" name has two responsible caseworkers), S–Z covered by nobody; B has one caseworker for A–Z.
/// </summary>
public sealed class SurnameRangesFixture : TwoTenantsFixture
{
    protected override async Task PrepareAuthoritiesAsync()
    {
        await PublishAsync(A, $"""
            kind: surname-ranges
            key: 30-20
            spec:
              unit: "30.20"
              ranges:
                - {"{"} from: A, to: K, caseworker: cw-{A.Key} {"}"}
                - {"{"} from: L, to: R, caseworker: cw2-{A.Key} {"}"}
            """, $"""
            kind: surname-ranges
            key: 30-21
            spec:
              unit: "30.21"
              ranges:
                - {"{"} from: A, to: C, caseworker: cw2-{A.Key} {"}"}
            """);
        await PublishAsync(B, $"""
            kind: surname-ranges
            key: 30-20
            spec:
              unit: "30.20"
              ranges:
                - {"{"} from: A, to: Z, caseworker: cw-{B.Key} {"}"}
            """);
    }

    private async Task PublishAsync(TenantInfo tenant, params string[] documents)
    {
        using var scope = App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        foreach (var yaml in documents)
        {
            await store.SaveDraftAsync(yaml, "test");
        }

        await store.PublishAsync(null, "test");
    }
}

/// <summary>
/// "Mein Posteingang": a caseworker sees the items whose best suggestion's surname is in their ranges; items nobody
/// is responsible for are in "nicht zugeordnet"; "alle" shows the whole authority's for team leads. The
/// responsibility is stored when the item arrives, from the suggester.
/// </summary>
public sealed class MyInboxTests(SurnameRangesFixture fixture) : IClassFixture<SurnameRangesFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EachCaseworker_SeesTheItemsOfTheirRanges_TheUnassignedSeparately_AndTeamLeadsSeeAll()
    {
        var api = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var fischer = await InboxMails.MailForNewFileAsync(api, "Fischer");    // F: cw (30.20)
        var becker = await InboxMails.MailForNewFileAsync(api, "Becker");      // B: cw (30.20) and cw2 (30.21)
        var neumann = await InboxMails.MailForNewFileAsync(api, "Neumann");    // N: cw2 (30.20)
        var weber = await InboxMails.MailForNewFileAsync(api, "Weber");        // W: no range covers it
        var nobody = await InboxMails.MailAsync(api, "Allgemeine Anfrage " + InboxMails.Letters(), "Wann haben Sie geoeffnet?"); // no file suggested

        // Stored with the item, from its best suggestion.
        var stored = await api.GetJsonAsync($"api/cases/inbox/{becker}");
        stored.GetProperty("item").GetProperty("responsibleCaseworkers").EnumerateArray().Select(c => c.GetString())
            .ShouldBe([$"cw-{fixture.A.Key}", $"cw2-{fixture.A.Key}"]);

        var cw = await WorkbenchPages.SignInAsync(fixture, fixture.A.Key);
        var cw2 = await WorkbenchPages.SignInAsync(fixture, fixture.A.Key, "cw2");

        // The default view is the caseworker's own inbox.
        var mine = await cw.GetListAsync("workbench/inbox", "workbench/inbox");
        mine.Ids.ShouldBe([fischer, becker]);
        mine.Html.ShouldContain("Mein Posteingang (2)");
        mine.Html.ShouldContain("Nicht zugeordnet (2)");
        mine.Html.ShouldContain("Alle (5)");
        (await cw2.GetListAsync("workbench/inbox?view=mine", "workbench/inbox")).Ids.ShouldBe([becker, neumann]);

        foreach (var person in new[] { cw, cw2 })
        {
            (await person.GetListAsync("workbench/inbox?view=unassigned", "workbench/inbox")).Ids.ShouldBe([weber, nobody]);
            (await person.GetListAsync("workbench/inbox?view=all", "workbench/inbox")).Ids.ShouldBe([fischer, becker, neumann, weber, nobody]);
        }

        // "Meine Arbeit" counts them the same way and links to each view.
        var start = await cw2.GetHtmlAsync("workbench");
        start.ShouldContain("Mein Posteingang: 2 offene Eingänge in meinen Buchstabengruppen");
        start.ShouldContain("2 offene Eingänge ohne Zuständigkeit");
        start.ShouldContain("Alle 5 offenen Eingänge der Behörde");

        // The API filters the same way, for the caller.
        (await api.GetJsonAsync("api/cases/inbox?view=mine")).EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([fischer, becker]);

        // An item leaves the views once it is assigned.
        var fileOfFischer = (await api.GetJsonAsync($"api/cases/inbox/{fischer}")).GetProperty("item").GetProperty("suggestions")[0].GetProperty("fileId").GetGuid();
        (await api.PostJsonAsync($"api/cases/inbox/{fischer}/assign", new { fileId = fileOfFischer })).Status.ShouldBe(HttpStatusCode.OK);
        (await cw.GetListAsync("workbench/inbox", "workbench/inbox")).Ids.ShouldBe([becker]);
    }
}

/// <summary>Responsibility follows refreshed suggestions, and never crosses authorities. Checked on items of their own, beside others.</summary>
public sealed class MyInboxChangesTests(SurnameRangesFixture fixture) : IClassFixture<SurnameRangesFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RefreshingTheSuggestions_MovesAnUnassignedItemToTheResponsibleCaseworker()
    {
        var api = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var number = "NR-" + Random.Shared.Next(100000, 999999);
        var item = await InboxMails.MailAsync(api, $"Unterlagen zu {number}", "Anbei die Unterlagen.");
        (await api.GetJsonAsync($"api/cases/inbox/{item}")).GetProperty("item").GetProperty("responsibleCaseworkers").GetArrayLength().ShouldBe(0);

        // The file is created afterwards (say, by the front desk); the caseworker asks for new suggestions.
        await api.CreateFileAsync("Ludwig" + InboxMails.Letters(), "Anna", fileNumber: number);
        var (status, _) = await api.PostJsonAsync($"api/cases/inbox/{item}/suggestions", new { });
        status.ShouldBe(HttpStatusCode.OK);

        var cw2 = await WorkbenchPages.SignInAsync(fixture, fixture.A.Key, "cw2");
        (await cw2.GetListAsync("workbench/inbox?view=mine", "workbench/inbox")).Ids.ShouldContain(item);
        (await cw2.GetListAsync("workbench/inbox?view=unassigned", "workbench/inbox")).Ids.ShouldNotContain(item);
    }

    [Fact]
    public async Task AnotherAuthoritysCaseworker_NeverSeesTheseItems_InAnyView()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        var ofA = await InboxMails.MailForNewFileAsync(a, "Fuchs");
        var ofB = await InboxMails.MailForNewFileAsync(b, "Fuchs");

        // B's caseworker is responsible for every name at B, and only at B.
        var cwB = await WorkbenchPages.SignInAsync(fixture, fixture.B.Key);
        foreach (var view in new[] { "mine", "unassigned", "all" })
        {
            var page = await cwB.GetListAsync($"workbench/inbox?view={view}", "workbench/inbox");
            page.Ids.ShouldNotContain(ofA);
            page.Html.ShouldNotContain(fixture.A.Key);
        }

        (await cwB.GetListAsync("workbench/inbox?view=mine", "workbench/inbox")).Ids.ShouldContain(ofB);
        var cwA = await WorkbenchPages.SignInAsync(fixture, fixture.A.Key);
        foreach (var view in new[] { "mine", "unassigned", "all" })
        {
            (await cwA.GetListAsync($"workbench/inbox?view={view}", "workbench/inbox")).Ids.ShouldNotContain(ofB);
        }

        (await b.GetJsonAsync("api/cases/inbox?view=all")).EnumerateArray().ShouldNotContain(i => i.GetProperty("id").GetGuid() == ofA);
    }
}

/// <summary>Mails for the inbox tests, and files they name.</summary>
internal static class InboxMails
{
    /// <summary>A file for a new person whose surname starts as given, and a mail naming its file number.</summary>
    public static async Task<Guid> MailForNewFileAsync(CasesApi api, string surnameStart)
    {
        var number = (await api.CreateFileAsync(surnameStart + Letters(), "Jan")).GetProperty("fileNumber").GetString()!;
        return await InboxMails.MailAsync(api, $"Ihr Zeichen {number}", "Anbei die Bescheinigung.");
    }

    public static async Task<Guid> MailAsync(CasesApi api, string subject, string body)
    {
        var mail = Encoding.UTF8.GetBytes($"From: post@example.org\r\nSubject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n");
        var (status, item) = await api.PostFileAsync("api/cases/inbox/mail", mail, "message/rfc822", "mail.eml");
        status.ShouldBe(HttpStatusCode.Created, item.ToString());
        return item.GetProperty("id").GetGuid();
    }

    /// <summary>Lower-case letters that keep names apart (the phonetic search ignores digits).</summary>
    public static string Letters() => new(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).Select(c => (char)(c - 'a' + 'k')).ToArray());
}
