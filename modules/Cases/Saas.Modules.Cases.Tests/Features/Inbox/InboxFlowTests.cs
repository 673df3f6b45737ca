using Saas.Modules.Cases.Tests.Features.Workbench;
using Microsoft.EntityFrameworkCore;
using Saas.Platform.Audit;
using Saas.Platform.Data;
using Saas.Platform.Errors;

namespace Saas.Modules.Cases.Tests.Features.Inbox;

/// <summary>
/// The inbox in the feature shape (docs/adr/0012): one use case per action, the same for the API and the workbench;
/// the default view is not empty where the caseworker has no surname ranges; two caseworkers on one item: one wins.
/// </summary>
public sealed class InboxFlowTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WithoutSurnameRanges_TheInboxOpensOnAllItems_InsteadOfAnEmptyMyInbox()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var subject = "Ohne Zuständigkeit " + Guid.NewGuid().ToString("N")[..8];
        (await a.PostFileAsync("api/cases/inbox/mail", MailInboxTests.Mail(subject, "Bitte um Rückruf."), "message/rfc822", "mail.eml")).Status.ShouldBe(HttpStatusCode.Created);

        var pages = await WorkbenchPages.SignInAsync(fixture, fixture.A.Key);
        var html = await pages.GetHtmlAsync("workbench/inbox");
        html.ShouldContain(subject);
        html.ShouldMatch("aria-current=\"page\">Alle");
        // Asked for explicitly, "mine" stays what it says.
        (await pages.GetHtmlAsync("workbench/inbox?view=mine")).ShouldNotContain(subject);
    }

    [Fact]
    public async Task AssignAndDiscardAtTheSameTime_ExactlyOneWins_AndTheOtherIsAConflict()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Nowak", "Ewa")).GetProperty("id").GetGuid();
        for (var round = 0; round < 5; round++)
        {
            var (_, item) = await a.PostFileAsync("api/cases/inbox/mail", MailInboxTests.Mail("Gleichzeitig " + round, "Text"), "message/rfc822", "mail.eml");
            var id = item.GetProperty("id").GetGuid();
            var assign = a.PostJsonAsync($"api/cases/inbox/{id}/assign", new { fileId = file });
            var discard = a.PostJsonAsync($"api/cases/inbox/{id}/discard", new { });
            var results = await Task.WhenAll(assign, discard);
            results.Count(r => r.Status == HttpStatusCode.Conflict).ShouldBe(1, string.Join(", ", results.Select(r => r.Status)));
            var status = (await a.GetJsonAsync($"api/cases/inbox/{id}")).GetProperty("item").GetProperty("status").GetString();
            status.ShouldBe(results[0].Status == HttpStatusCode.OK ? "assigned" : "discarded");
        }
    }

    [Fact]
    public async Task AChangeMadeMeanwhile_IsRefusedByTheRowVersion_AndNothingOfTheLoserIsSaved()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Kowalski", "Jan")).GetProperty("id").GetGuid();
        var (_, posted) = await a.PostFileAsync("api/cases/inbox/mail", MailInboxTests.Mail("Zwei Hände", "Text"), "message/rfc822", "mail.eml");
        var id = posted.GetProperty("id").GetGuid();

        using var tenantScope = fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        await using var first = fixture.App.Services.CreateAsyncScope();
        await using var second = fixture.App.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<CasesDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<CasesDbContext>();
        var audit = fixture.App.Services.GetRequiredService<IAuditTrail>();
        var mine = await db1.InboxItems.SingleAsync(i => i.Id == id);
        var theirs = await db2.InboxItems.SingleAsync(i => i.Id == id);

        await using (var work = await db1.BeginWorkAsync(audit, default))
        {
            mine.Discard("cw-first", DateTimeOffset.UtcNow);
            await work.CommitAsync(CasesProblems.InboxItemClosed, default);
        }

        await using (var work = await db2.BeginWorkAsync(audit, default))
        {
            theirs.AssignTo(file, "cw-second", DateTimeOffset.UtcNow);
            var refused = await Should.ThrowAsync<SaasProblemException>(() => work.CommitAsync(CasesProblems.InboxItemClosed, default));
            refused.Code.ShouldBe("inbox-item-closed");
        }

        var stored = (await a.GetJsonAsync($"api/cases/inbox/{id}")).GetProperty("item");
        stored.GetProperty("status").GetString().ShouldBe("discarded");
        stored.GetProperty("assignedBy").GetString().ShouldBe("cw-first");
    }
}
