using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Tests.Features.CaseFiles;

/// <summary>File numbers in the authority's own scheme, from its metadata.</summary>
public sealed class FileNumberingTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void APattern_FillsInYearAndAZeroPaddedCounter()
    {
        FileNumbering.Format("A33-{year}-{seq:5}", 2026, 42).ShouldBe("A33-2026-00042");
        FileNumbering.Format(FileNumbering.DefaultPattern, 2026, 7).ShouldBe("2026-000007");
    }

    [Fact]
    public async Task NewFiles_AreNumberedInTheAuthoritysScheme_WithACounterOfItsOwn()
    {
        using (var scope = fixture.App.Services.CreateScope())
        {
            using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
            var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
            await store.SaveDraftAsync("kind: file-numbering\nkey: default\nspec:\n  pattern: \"AB-{year}/{seq:4}\"\n", "test");
            await store.PublishAsync(null, "test");
        }

        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        var first = (await a.CreateFileAsync("Erste")).GetProperty("fileNumber").GetString()!;
        var second = (await a.CreateFileAsync("Zweite")).GetProperty("fileNumber").GetString()!;
        var year = DateTime.UtcNow.Year;
        first.ShouldStartWith($"AB-{year}/");
        int.Parse(second[^4..]).ShouldBe(int.Parse(first[^4..]) + 1);
        (await b.CreateFileAsync("Andere")).GetProperty("fileNumber").GetString()!.ShouldMatch($"^{year}-\\d{{6}}$");
    }

    [Fact]
    public void APatternWithoutCounter_IsRefusedWithItsPath()
    {
        var kind = FileNumbering.Create();
        kind.Validate!(System.Text.Json.Nodes.JsonNode.Parse("""{ "pattern": "AB-{year}" }""")!).ShouldContain(e => e.Path == "$.pattern");
    }
}
