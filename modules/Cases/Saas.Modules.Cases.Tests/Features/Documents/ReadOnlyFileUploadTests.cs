namespace Saas.Modules.Cases.Tests.Features.Documents;

/// <summary>
/// A file handed over to another authority takes no uploads, whether the hand-over came first or while the upload
/// was being stored; either way nothing is left behind.
/// </summary>
public sealed class ReadOnlyFileUploadTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnUploadToAFileThatWasHandedOver_IsRefused_AndNothingIsWritten()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Abgegeben")).GetProperty("id").GetGuid();
        var (handed, body) = await a.PostJsonAsync($"api/cases/files/{file}/transfer", new { toAuthority = fixture.B.Key, reason = "Umzug" });
        handed.ShouldBe(HttpStatusCode.Created, body.ToString());
        var before = await TenantRows.SettledAsync(fixture.App.Database, fixture.A.Id);

        var (status, problem) = await a.PostFileAsync($"api/cases/files/{file}/documents", TestPdf.Create(["Nachgereichte Bescheinigung"]), "application/pdf", "spaet.pdf");
        status.ShouldBe(HttpStatusCode.Conflict, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("file-read-only");
        (await TenantRows.CountAsync(fixture.App.Database, fixture.A.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task AnUploadDuringTheHandOver_WaitsForIt_AndIsThenRefused()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Gleichzeitig")).GetProperty("id").GetGuid();
        var before = await TenantRows.SettledAsync(fixture.App.Database, fixture.A.Id);

        await using (var handOver = await HandOverInProgress.StartAsync(fixture.App.Database, file))
        {
            var upload = a.PostFileAsync($"api/cases/files/{file}/documents", TestPdf.Create(["Bescheinigung waehrend der Abgabe"]), "application/pdf", "gleichzeitig.pdf");
            (await handOver.SomeoneWaitsAsync(() => Task.FromResult(upload.IsCompleted))).ShouldBeTrue("the upload must wait for the file row the hand-over holds");
            await handOver.CommitAsync();
            var (status, problem) = await upload;
            status.ShouldBe(HttpStatusCode.Conflict, problem.ToString());
            problem.GetProperty("code").GetString().ShouldBe("file-read-only");
        }

        (await TenantRows.CountAsync(fixture.App.Database, fixture.A.Id)).ShouldBe(before);
    }
}
