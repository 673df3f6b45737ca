using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Identity;
using Saas.Platform.Metadata;
using Saas.Platform.Tenancy;

namespace Saas.Host.Tests.Portal;

/// <summary>
/// The authority's public pages are the applicants' (issue 14, item 4): no staff links for whom is not signed in as
/// staff, and an error page in the authority's own frame — its name, the KERN styles, a way back to its own start page —
/// without a trace id where the fault is not ours.
/// </summary>
public sealed class PublicPagesTests(SaasAppFixture fixture) : IClassFixture<SaasAppFixture>
{
    [Fact]
    public async Task ThePortal_ShowsTheStaffAreaLink_OnlyToStaff()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        var staffLink = $"href=\"/t/{tenant.Key}/staff\"";
        var anonymous = await fixture.App.CreateClient().GetStringAsync($"/t/{tenant.Key}/");
        anonymous.ShouldNotContain(staffLink);
        anonymous.ShouldNotContain("/admin/");

        using var caseworker = fixture.App.CreateClient();
        caseworker.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(fixture.App, tenant.Key, "cw-" + tenant.Key, [SaasRoles.Caseworker]));
        (await caseworker.GetStringAsync($"/t/{tenant.Key}/")).ShouldContain(staffLink);
    }

    [Theory]
    [InlineData("de", "Diese Seite gibt es hier nicht", "Zur Startseite")]
    [InlineData("en", "This page does not exist", "Back to the start page")]
    public async Task AnUnknownPageOfAnAuthority_IsAStyledPageInItsFrame_WithoutATraceId(string language, string title, string back)
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{tenant.Key}/gibt-es-nicht?lang={language}");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await fixture.App.CreateClient().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        body.ShouldContain($"lang=\"{language}\"");
        body.ShouldContain($"<p class=\"kern-title\">{tenant.Name}</p>");
        body.ShouldContain("<link rel=\"stylesheet\" href=\"/lib/kern/kern.min.css\">");
        body.ShouldContain(title);
        body.ShouldContain($"<a class=\"kern-link\" href=\"/t/{tenant.Key}/\">{back}</a>");
        body.ShouldNotContain("Fehlernummer");
        body.ShouldNotContain("Reference for enquiries");
        System.Text.RegularExpressions.Regex.IsMatch(body, "[0-9A-Za-z]{13}:[0-9A-Fa-f]{8}").ShouldBeFalse("no ASP.NET Core trace identifier on the page");
    }
    [Fact]
    public async Task TheShippedLegalPages_AreLinkedInTheFooter_AndSayWhichSectionsAreInGermanOnly()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        await PublishAsync(tenant, File.ReadAllText(Path.Combine(TenantsFolder, "aachen", "legal-pages", "impressum.yaml")), """
            kind: legal-page
            key: barrierefreiheit
            spec:
              title: Erklärung zur Barrierefreiheit
              order: 3
              updated: "2026-12-01"
              sections:
                - heading: Feedback
                  headingEn: Feedback
                  paragraphs:
                    - text: "Barrieren melden Sie <script>alert(1)</script> schriftlich."
            """);
        var client = fixture.App.CreateClient();
        var start = WebUtility.HtmlDecode(await client.GetStringAsync($"/t/{tenant.Key}/?lang=en"));
        start.ShouldContain($"<a class=\"kern-link\" href=\"/t/{tenant.Key}/rechtliches/impressum\">Legal notice</a>");
        start.ShouldContain($"<a class=\"kern-link\" lang=\"de\" href=\"/t/{tenant.Key}/rechtliches/barrierefreiheit\">Erklärung zur Barrierefreiheit</a>");
        start.IndexOf("rechtliches/impressum", StringComparison.Ordinal).ShouldBeLessThan(start.IndexOf("rechtliches/barrierefreiheit", StringComparison.Ordinal), "footer order");

        var impressum = WebUtility.HtmlDecode(await client.GetStringAsync($"/t/{tenant.Key}/rechtliches/impressum?lang=en"));
        impressum.ShouldContain("<h1 class=\"kern-heading-large\">Legal notice</h1>");
        impressum.ShouldContain("Zollernstraße 10, 52070 Aachen");
        impressum.ShouldNotContain("available in German only");

        var statement = await client.GetStringAsync($"/t/{tenant.Key}/rechtliches/barrierefreiheit?lang=en");
        statement.ShouldContain("This section is available in German only.");
        statement.ShouldContain("<p class=\"kern-body saas-prewrap\" lang=\"de\">");
        statement.ShouldContain("&lt;script&gt;", customMessage: "the authority's text is text, never markup");
        (await client.GetStringAsync($"/t/{tenant.Key}/rechtliches/barrierefreiheit?lang=de")).ShouldNotContain("nur auf Deutsch");

        (await client.GetAsync($"/t/{tenant.Key}/rechtliches/datenschutz")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "not published here");
        var other = await TestTenants.CreateAsync(fixture.Database);
        (await client.GetAsync($"/t/{other.Key}/rechtliches/impressum")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another authority's page");
        (await client.GetStringAsync($"/t/{other.Key}/")).ShouldNotContain("rechtliches/");
    }

    [Fact]
    public async Task ALegalPageWithAHeadingTwice_IsRefusedAtItsPath()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var refused = await Should.ThrowAsync<MetadataValidationException>(() => scope.ServiceProvider.GetRequiredService<IMetadataStore>().SaveDraftAsync("""
            kind: legal-page
            key: impressum
            spec:
              title: Impressum
              updated: "2026-12-01"
              sections:
                - { heading: Herausgeber, paragraphs: [{ text: A }] }
                - { heading: Herausgeber, paragraphs: [{ text: B }] }
            """, "test"));
        var error = refused.Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("$.spec.sections[1].heading");
        error.Message.ShouldBe("Die Überschrift „Herausgeber“ steht zweimal auf der Seite.");
    }

    private static string TenantsFolder
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "tenants", "aachen")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("tenants/"), "tenants");
        }
    }

    private async Task PublishAsync(TenantInfo tenant, params string[] documents)
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        foreach (var yaml in documents)
        {
            await store.SaveDraftAsync(yaml, "test");
        }

        await store.PublishAsync(null, "test");
    }
}
