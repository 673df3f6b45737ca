using Saas.Modules.Cases.Features.Ingest;
using Saas.Modules.Cases.Features.LegacyDigitisation;

namespace Saas.Modules.Cases.Tests.Features.Workbench;

/// <summary>The scan batches and the boxes are listed 50 at a time, newest first, and continue after the last row shown.</summary>
public sealed class WorkbenchPagingTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly DateTimeOffset Start = new(2026, 4, 1, 7, 0, 0, TimeSpan.Zero);

    private static readonly Comparer<Guid> Uuids = Comparer<Guid>.Create(WorkbenchPages.CompareUuids);

    [Fact]
    public async Task ScanBatches_AreShownInPages_NewestFirst_AllOfThem_OnlyThisAuthoritys()
    {
        var ofA = Batches(120, "a");
        var ofB = Batches(30, "b");
        await WorkbenchPages.SeedAsync(fixture, fixture.A, db => db.ScanBatches.AddRange(ofA));
        await WorkbenchPages.SeedAsync(fixture, fixture.B, db => db.ScanBatches.AddRange(ofB));
        var expected = ofA.OrderByDescending(b => b.ReceivedAt).ThenByDescending(b => b.Id, Uuids).Select(b => b.Id).ToList();

        var a = await WorkbenchPages.SignInAsync(fixture, fixture.A.Key);
        var pages = await a.WalkAsync("workbench/scan-batches", "workbench/scan-batches");
        pages.Select(p => p.Ids.Count).ShouldBe([50, 50, 20]);
        pages.SelectMany(p => p.Ids).ShouldBe(expected);
        pages[1].Html.ShouldContain("Einträge 51–100 von 120");
        pages.ShouldAllBe(p => !p.Html.Contains("stapel-b-", StringComparison.Ordinal));

        // The API: 100 per request, the rest behind its Link header.
        var api = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var first = await api.Http.GetAsync("api/cases/scan-batches");
        first.Headers.GetValues("X-Total-Count").Single().ShouldBe("120");
        var link = first.Headers.GetValues("Link").Single();
        link.ShouldEndWith("; rel=\"next\"");
        var second = await api.Http.GetAsync(link[1..link.IndexOf('>', StringComparison.Ordinal)]);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Headers.Contains("Link").ShouldBeFalse();
        var viaApi = (await Ids(first)).Concat(await Ids(second)).ToList();
        viaApi.ShouldBe(expected);

        var b = await WorkbenchPages.SignInAsync(fixture, fixture.B.Key);
        var pagesOfB = await b.WalkAsync("workbench/scan-batches", "workbench/scan-batches");
        pagesOfB.SelectMany(p => p.Ids).Order().ShouldBe(ofB.Select(x => x.Id).Order());
    }

    [Fact]
    public async Task Boxes_AreShownInPages_NewestFirst_AllOfThem_OnlyThisAuthoritys()
    {
        var ofA = Boxes(62, "KA");
        var ofB = Boxes(5, "KB");
        await WorkbenchPages.SeedAsync(fixture, fixture.A, db => db.LegacyBoxes.AddRange(ofA));
        await WorkbenchPages.SeedAsync(fixture, fixture.B, db => db.LegacyBoxes.AddRange(ofB));

        var a = await WorkbenchPages.SignInAsync(fixture, fixture.A.Key);
        var pages = await a.WalkAsync("workbench/legacy", "workbench/legacy/boxes");
        pages.Select(p => p.Ids.Count).ShouldBe([50, 12]);
        pages.SelectMany(p => p.Ids).ShouldBe(ofA.OrderByDescending(x => x.PackedAt).ThenByDescending(x => x.Id, Uuids).Select(x => x.Id));
        pages[1].Html.ShouldContain("Einträge 51–62 von 62");
        pages.ShouldAllBe(p => !p.Html.Contains("KB-", StringComparison.Ordinal));

        var b = await WorkbenchPages.SignInAsync(fixture, fixture.B.Key);
        (await b.WalkAsync("workbench/legacy", "workbench/legacy/boxes")).SelectMany(p => p.Ids).Order().ShouldBe(ofB.Select(x => x.Id).Order());
    }

    [Fact]
    public async Task APersonSearchWithMoreMatchesThanShown_SaysSo()
    {
        var api = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var surname = "Vielfeld" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(5).ToArray());
        for (var n = 0; n < 21; n++)
        {
            await api.CreateFileAsync(surname, "Person");
        }

        var a = await WorkbenchPages.SignInAsync(fixture, fixture.A.Key);
        var html = await a.GetHtmlAsync($"workbench?name={surname}");
        html.ShouldContain("Die 20 ähnlichsten Akten; es gibt weitere");
        // Counted in the person search's section: "Meine Arbeit" above it links the same person's files the caseworker just opened.
        var results = html[html.IndexOf("id=\"person-heading\"", StringComparison.Ordinal)..];
        new System.Text.RegularExpressions.Regex("href=\"/t/[^/]+/workbench/files/[0-9a-f-]{36}\"").Matches(results).Count.ShouldBe(20);
    }

    // Five batches at a time share a time, so page ends fall among equal times.
    private static List<ScanBatch> Batches(int count, string marker) => Enumerable.Range(0, count).Select(n =>
    {
        var batch = new ScanBatch { FileName = $"stapel-{marker}-{n:D3}.pdf", Sha256 = new string('b', 64), Length = 1, ReceivedAt = Start.AddMinutes(n / 5), ReceivedBy = "test" };
        batch.MarkProcessed(pages: 1, documents: 1, inboxItems: 0, Start);
        return batch;
    }).ToList();

    private static List<LegacyBox> Boxes(int count, string marker) => Enumerable.Range(0, count).Select(n => new LegacyBox
    {
        Label = $"{marker}-{n:D3}",
        PackedAt = Start.AddMinutes(n / 4),
        CreatedBy = "test",
    }).ToList();

    private static async Task<IEnumerable<Guid>> Ids(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
}
