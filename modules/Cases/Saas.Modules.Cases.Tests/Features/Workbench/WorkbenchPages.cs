namespace Saas.Modules.Cases.Tests.Features.Workbench;

/// <summary>One page of a workbench list as the browser gets it: the ids it links to and its plain "next" link.</summary>
internal sealed record ListPage(string Html, IReadOnlyList<Guid> Ids, string? Next);

/// <summary>Reads the workbench's HTML as a signed-in caseworker and follows its paging links like a person would.</summary>
internal sealed partial class WorkbenchPages(HttpClient client, string tenant)
{
    public HttpClient Http { get; } = client;

    public static Task<WorkbenchPages> SignInAsync(TwoTenantsFixture fixture, string tenant, string user = "cw")
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var token = fixture.TokenFor(tenant, $"{user}-{tenant}");
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Task.FromResult(new WorkbenchPages(client, tenant));
    }

    public async Task<string> GetHtmlAsync(string pathAndQuery)
    {
        var response = await Http.GetAsync(pathAndQuery.StartsWith('/') ? pathAndQuery : $"/t/{tenant}/{pathAndQuery}");
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return html;
    }

    /// <summary>One page: the ids of the rows it links to under <paramref name="rowPath"/> (e.g. <c>workbench/inbox</c>) and its next link.</summary>
    public async Task<ListPage> GetListAsync(string pathAndQuery, string rowPath)
    {
        var html = await GetHtmlAsync(pathAndQuery);
        var rows = new Regex($"href=\"/t/{Regex.Escape(tenant)}/{Regex.Escape(rowPath)}/([0-9a-f-]{{36}})[\"?]");
        var ids = rows.Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
        var next = NextLink().Match(html);
        return new ListPage(html, ids, next.Success ? WebUtility.HtmlDecode(next.Groups[1].Value) : null);
    }

    /// <summary>Every page from the first, following "next" until there is none.</summary>
    public async Task<IReadOnlyList<ListPage>> WalkAsync(string firstPage, string rowPath)
    {
        var pages = new List<ListPage> { await GetListAsync(firstPage, rowPath) };
        while (pages[^1].Next is { } next)
        {
            pages.Count.ShouldBeLessThan(20, "the paging links go round in circles");
            pages.Add(await GetListAsync(next, rowPath));
        }

        return pages;
    }

    /// <summary>Rows written straight into an authority's tables (as the application role, under its tenant), for lists longer than a page.</summary>
    public static async Task SeedAsync(TwoTenantsFixture fixture, TenantInfo tenant, Action<CasesDbContext> add)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(add);
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
        add(db);
        await db.SaveChangesAsync();
    }

    /// <summary>PostgreSQL orders uuids by their bytes as written, which is the ordinal order of their text.</summary>
    public static int CompareUuids(Guid a, Guid b) => string.CompareOrdinal(a.ToString(), b.ToString());

    [GeneratedRegex("<a class=\"kern-link\" rel=\"next\" href=\"([^\"]+)\"")]
    private static partial Regex NextLink();
}
