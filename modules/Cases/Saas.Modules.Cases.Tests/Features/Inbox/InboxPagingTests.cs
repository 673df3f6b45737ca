using Saas.Modules.Cases.Features.Inbox;
using Saas.Modules.Cases.Tests.Features.Workbench;

namespace Saas.Modules.Cases.Tests.Features.Inbox;

/// <summary>
/// Authorities have inboxes with hundreds of items: the workbench shows them 50 at a time, oldest first, with a plain
/// "next" link that continues after the last row shown (keyset), so nothing repeats, nothing is skipped, and a
/// colleague assigning an item meanwhile does not push one out of sight.
/// </summary>
public sealed class InboxPagingTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task MoreThanAPage_IsShownInPages_InOrder_WithoutDuplicatesOrGaps_AndWithoutTheOtherAuthoritysItems()
    {
        // 120 open items in A, seven at a time arriving in the same microsecond so that page ends fall inside a
        // group of equal times; closed items and 60 of B's, interleaved in time, must show on none of A's pages.
        var ofA = await SeedAsync(fixture.A, 120, "A");
        var closed = await SeedAsync(fixture.A, 5, "A-closed", status: "discarded");
        var ofB = await SeedAsync(fixture.B, 60, "B");
        var expected = ofA.OrderBy(i => i.ReceivedAt).ThenBy(i => i.Id, Comparer<Guid>.Create(WorkbenchPages.CompareUuids)).Select(i => i.Id).ToList();

        var a = await WorkbenchPages.SignInAsync(fixture, fixture.A.Key);
        var pages = await a.WalkAsync("workbench/inbox?view=all", "workbench/inbox");

        pages.Select(p => p.Ids.Count).ShouldBe([50, 50, 20]);
        var shown = pages.SelectMany(p => p.Ids).ToList();
        shown.ShouldBe(expected);
        shown.Distinct().Count().ShouldBe(120);
        shown.ShouldNotContain(id => closed.Any(c => c.Id == id) || ofB.Any(b => b.Id == id));
        pages[0].Html.ShouldContain("Einträge 1–50 von 120");
        pages[0].Html.ShouldContain("weitere vorhanden");
        pages[0].Html.ShouldNotContain("Zur ersten Seite");
        pages[1].Html.ShouldContain("Einträge 51–100 von 120");
        pages[1].Html.ShouldContain("Zur ersten Seite");
        pages[2].Html.ShouldContain("Einträge 101–120 von 120");
        pages[2].Html.ShouldNotContain("weitere vorhanden");
        pages[1].Next!.ShouldContain("view=all");
        foreach (var page in pages)
        {
            page.Html.ShouldNotContain("B-item");
        }

        // B sees its own 60 and none of A's.
        var b = await WorkbenchPages.SignInAsync(fixture, fixture.B.Key);
        var pagesOfB = await b.WalkAsync("workbench/inbox?view=all", "workbench/inbox");
        pagesOfB.Select(p => p.Ids.Count).ShouldBe([50, 10]);
        pagesOfB.SelectMany(p => p.Ids).Order().ShouldBe(ofB.Select(i => i.Id).Order());
        pagesOfB.ShouldAllBe(p => !p.Html.Contains("A-item", StringComparison.Ordinal));

        // A paging link is a position, not a key: used at B it continues B's own list, never showing A's items.
        var query = pages[0].Next![pages[0].Next!.IndexOf('?', StringComparison.Ordinal)..];
        (await b.GetListAsync($"/t/{fixture.B.Key}/workbench/inbox{query}", "workbench/inbox")).Ids.ShouldAllBe(id => ofB.Any(i => i.Id == id));

        // A colleague discards an item of the first page before the second is opened: the second page is the same
        // (an offset would now start one row later and skip an item).
        var api = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        (await api.Http.PostAsync($"api/cases/inbox/{pages[0].Ids[3]}/discard", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var again = await a.GetListAsync(pages[0].Next!, "workbench/inbox");
        again.Ids.ShouldBe(pages[1].Ids);
        again.Html.ShouldContain("Einträge 50–99 von 119");
    }

    [Fact]
    public async Task AForgedPagingLink_IsRefused()
    {
        var a = await WorkbenchPages.SignInAsync(fixture, fixture.A.Key);
        (await a.Http.GetAsync($"/t/{fixture.A.Key}/workbench/inbox?after=not-a-cursor")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await a.Http.GetAsync($"/t/{fixture.A.Key}/workbench/inbox?view=everything")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var api = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        (await api.Http.GetAsync("api/cases/inbox?after=x")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheApi_SaysHowManyThereAre_AndLinksTheNextPageWhenThereIsOne()
    {
        var api = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var response = await api.Http.GetAsync("api/cases/inbox?view=all");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var total = int.Parse(response.Headers.GetValues("X-Total-Count").Single());
        var shown = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength();
        shown.ShouldBe(Math.Min(total, 200));
        response.Headers.Contains("Link").ShouldBe(total > 200);
    }

    private async Task<IReadOnlyList<InboxItem>> SeedAsync(Saas.Platform.Tenancy.TenantInfo tenant, int count, string marker, string status = "open")
    {
        var items = Enumerable.Range(0, count).Select(n => new InboxItem
        {
            Source = "mail",
            Reason = "mail",
            Title = $"{marker}-item {n:D3}",
            ContentType = "message/rfc822",
            Sha256 = new string('a', 64),
            Length = 1,
            // Seven items share each time; B's are half a second later, so the two authorities interleave.
            ReceivedAt = Start.AddSeconds(n / 7 + (marker.StartsWith('B') ? 0.5 : 0)),
        }).ToList();
        if (status == "discarded")
        {
            items.ForEach(i => i.Discard("seed", Start)); // closed, as a caseworker leaves it
        }

        await WorkbenchPages.SeedAsync(fixture, tenant, db => db.InboxItems.AddRange(items));
        return items;
    }
}
