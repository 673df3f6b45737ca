using Saas.Platform.Identity;

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
}
