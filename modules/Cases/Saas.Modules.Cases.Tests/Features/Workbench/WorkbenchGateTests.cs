using Saas.Modules.Cases.Features.Search;

namespace Saas.Modules.Cases.Tests.Features.Workbench;

/// <summary>Two authorities with the e-Akte and a third without it, whose caseworker may not reach the workbench.</summary>
public sealed class WithoutCasesFixture : TwoTenantsFixture
{
    public Saas.Platform.Tenancy.TenantInfo C { get; private set; } = null!;

    protected override async Task PrepareAuthoritiesAsync() =>
        C = await TestTenants.CreateAsync(await TestDatabase.GetAsync(), Saas.Host.HostModules.All.Select(m => m.Name).Where(m => m != CasesModule.ModuleName));
}

/// <summary>The workbench pages live in the module and are gated like its endpoints.</summary>
public sealed class WorkbenchGateTests(WithoutCasesFixture fixture) : IClassFixture<WithoutCasesFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string[] Pages =
    [
        "workbench", "workbench/inbox", $"workbench/inbox/{Guid.NewGuid()}", "workbench/search?q=antrag", "workbench/files/new",
        $"workbench/files/{Guid.NewGuid()}", $"workbench/documents/{Guid.NewGuid()}", $"workbench/documents/{Guid.NewGuid()}/content",
        "workbench/scan-batches", $"workbench/scan-batches/{Guid.NewGuid()}", "workbench/legacy", $"workbench/legacy/boxes/{Guid.NewGuid()}",
        $"workbench/legacy/batches/{Guid.NewGuid()}", $"workbench/legacy/batches/{Guid.NewGuid()}/protocol",
    ];

    [Fact]
    public async Task EveryWorkbenchPage_Answers404_WhereTheAuthorityHasNotSwitchedOnTheEFile()
    {
        var client = await ClientAsync(fixture.C.Key);
        foreach (var page in Pages)
        {
            var response = await client.GetAsync($"/t/{fixture.C.Key}/{page}");
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, page);
        }
    }

    [Fact]
    public async Task TheWorkbenchPages_AreThere_WhereTheEFileIsOn()
    {
        var client = await ClientAsync(fixture.A.Key);
        foreach (var page in new[] { "workbench", "workbench/inbox", "workbench/search?q=antrag", "workbench/files/new", "workbench/scan-batches", "workbench/legacy" })
        {
            var response = await client.GetAsync($"/t/{fixture.A.Key}/{page}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, page + " " + await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Applicants_DoNotGetTheWorkbench()
    {
        var token = fixture.TokenFor(fixture.A.Key, "app-" + fixture.A.Key);
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await client.GetAsync($"/t/{fixture.A.Key}/workbench")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("Der <mark>Antrag</mark> vom Mai", "Der <mark>Antrag</mark> vom Mai")]
    [InlineData("<script>alert(1)</script> <mark>Pass</mark>", "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Pass</mark>")]
    [InlineData("<mark onclick=\"x\">a</mark>", "&lt;mark onclick=&quot;x&quot;&gt;a&lt;/mark&gt;")]
    [InlineData("a & b <mark>offen", "a &amp; b <mark>offen</mark>")]
    [InlineData("</mark>zu<mark><mark>doppelt</mark>", "&lt;/mark&gt;zu<mark>&lt;mark&gt;doppelt</mark>")]
    [InlineData("\"<img src=x onerror=alert(1)>\"", "&quot;&lt;img src=x onerror=alert(1)&gt;&quot;")]
    public void ASnippet_KeepsOnlyItsMarks_AndEncodesEverythingElse(string snippet, string html) =>
        SnippetHtml.Render(snippet).ShouldBe(html);

    private Task<HttpClient> ClientAsync(string tenant)
    {
        var token = fixture.TokenFor(tenant, $"cw-{tenant}");
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Task.FromResult(client);
    }
}
