using Saas.Modules.Cases.Features.Inbox;
namespace Saas.Modules.Cases.Tests.Features.Workbench;

/// <summary>
/// Opening an inbox item in the workbench is one read in the audit trail (inbox.read, by the page); the scan its
/// frame or image shows is covered by it. Every other way to the bytes — the API, "open on its own", a marker of
/// another item, of a document, of another person, or a forged one — records its own read (inbox.content).
/// </summary>
public sealed class InboxViewerAuditTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task OneViewingOfAScan_IsOneRead_AndEveryOtherWayToTheBytesRecordsItsOwn()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var pdf = TestPdf.Create(["Seite ohne Deckblatt " + Guid.NewGuid().ToString("N")]);
        var item = await SeedScanAsync(fixture.A, pdf);
        var other = await SeedScanAsync(fixture.A, TestPdf.Create(["Noch eine Seite " + Guid.NewGuid().ToString("N")]));

        var page = await a.Http.GetStringAsync($"workbench/inbox/{item}");
        var frame = ViewerPages.FrameSource(page);
        frame.ShouldMatch($"^/t/{fixture.A.Key}/workbench/inbox/{item}/content\\?viewing=[A-Za-z0-9_%-]+$");
        (await a.Http.GetByteArrayAsync(frame)).ShouldBe(pdf);
        (await ReadsAsync(item)).ShouldBe(["inbox.read:via workbench"]);

        // "Open on its own" carries no marker; the API never counts one.
        var marker = ViewerPages.Marker(frame);
        page.ShouldContain($"href=\"/t/{fixture.A.Key}/workbench/inbox/{item}/content\"");
        (await a.Http.GetByteArrayAsync($"workbench/inbox/{item}/content")).ShouldBe(pdf);
        (await a.Http.GetByteArrayAsync($"api/cases/inbox/{item}/content?{marker}")).ShouldBe(pdf);
        (await ReadsAsync(item)).Count(r => r.StartsWith("inbox.content", StringComparison.Ordinal)).ShouldBe(2);

        // A forged marker, this item's marker for another item, or for another person, is no marker.
        (await a.Http.GetByteArrayAsync($"workbench/inbox/{item}/content?viewing=CfDJ8{new string('A', 80)}")).ShouldBe(pdf);
        (await a.Http.GetAsync($"workbench/inbox/{other}/content?{marker}")).EnsureSuccessStatusCode();
        (await ReadsAsync(other)).ShouldBe(["inbox.content:via workbench"]);
        var colleague = await CasesApi.SignInAsync(fixture, fixture.A.Key, "both");
        (await colleague.Http.GetByteArrayAsync(frame)).ShouldBe(pdf);
        (await ReadsAsync(item)).Count(r => r.StartsWith("inbox.content", StringComparison.Ordinal)).ShouldBe(4);

        // A document viewer's marker never covers an inbox item.
        var file = (await a.CreateFileAsync("Marke")).GetProperty("id").GetGuid();
        var (status, uploaded) = await a.PostFileAsync($"api/cases/files/{file}/documents", pdf, "application/pdf", "brief.pdf");
        status.ShouldBe(HttpStatusCode.Created, uploaded.ToString());
        var documentFrame = ViewerPages.FrameSource(await a.Http.GetStringAsync($"workbench/documents/{uploaded.GetProperty("id").GetGuid()}"));
        var documentMarker = ViewerPages.Marker(documentFrame);
        (await a.Http.GetByteArrayAsync($"workbench/inbox/{item}/content?{documentMarker}")).ShouldBe(pdf);
        (await ReadsAsync(item)).Count(r => r.StartsWith("inbox.content", StringComparison.Ordinal)).ShouldBe(5);

        // The marker still covers this person's viewing: the frame's request adds nothing.
        (await a.Http.GetByteArrayAsync(frame)).ShouldBe(pdf);
        (await ReadsAsync(item)).Count.ShouldBe(6);

        // Another authority reaches neither the page nor the bytes, marker or not, and records nothing in A.
        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        (await b.Http.GetAsync($"/t/{fixture.B.Key}/workbench/inbox/{item}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.Http.GetAsync($"/t/{fixture.B.Key}/workbench/inbox/{item}/content?{marker}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ReadsAsync(item)).Count.ShouldBe(6);
    }

    /// <summary>An unrouted scan page in A's inbox, its bytes in A's blob store.</summary>
    private async Task<Guid> SeedScanAsync(TenantInfo tenant, byte[] pdf)
    {
        StoredBlob blob;
        using (var scope = fixture.App.Services.CreateScope())
        {
            using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
            blob = await scope.ServiceProvider.GetRequiredService<IBlobStore>().PutAsync(new MemoryStream(pdf));
        }

        var item = new InboxItem
        {
            Source = "scan",
            Reason = "no-cover-sheet",
            Title = "Scan ohne Deckblatt",
            ContentType = "application/pdf",
            Sha256 = blob.Sha256,
            Length = blob.Length,
            ReceivedAt = DateTimeOffset.UtcNow,
        };
        await WorkbenchPages.SeedAsync(fixture, tenant, db => db.InboxItems.Add(item));
        return item.Id;
    }

    private Task<List<string>> ReadsAsync(Guid item) => ViewerPages.ReadsAsync(fixture.App.Database, fixture.A.Id, item.ToString(), "inbox.read", "inbox.content");
}
