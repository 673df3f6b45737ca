using Npgsql;

namespace Saas.Host.Tests.Texts;

/// <summary>
/// Which language a request gets (docs/adr/0012): ?lang, the cookie, Accept-Language, then the authority's default
/// language, then German; and the shell writes right-to-left languages with dir="rtl".
/// </summary>
public sealed class LanguageNegotiationTests(SaasAppFixture fixture) : IClassFixture<SaasAppFixture>
{
    [Fact]
    public async Task Portal_InArabic_IsRightToLeft_WithArabicTexts()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        var html = await GetAsync($"/t/{tenant.Key}/?lang=ar", null);
        html.ShouldContain("<html lang=\"ar\" dir=\"rtl\">");
        html.ShouldContain("الانتقال إلى المحتوى"); // the shell's "skip to content"
    }

    [Fact]
    public async Task AcceptLanguage_PicksTheLanguage_AndTheSwitchOffersTheOthers()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        var html = await GetAsync($"/t/{tenant.Key}/", "en-GB,en;q=0.9");
        html.ShouldContain("<html lang=\"en\" dir=\"ltr\">");
        html.ShouldContain("Skip to content");
        html.ShouldContain("hreflang=\"de\"");
        html.ShouldContain("hreflang=\"ar\"");
    }

    [Fact]
    public async Task WithoutALanguageTheBrowserNames_TheAuthoritysDefaultLanguageApplies()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        await using (var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand("UPDATE platform.tenants SET default_language = 'en' WHERE id = $1", connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
            await cmd.ExecuteNonQueryAsync();
        }

        (await GetAsync($"/t/{tenant.Key}/", null)).ShouldContain("<html lang=\"en\"");
        (await GetAsync($"/t/{tenant.Key}/", "de-DE")).ShouldContain("<html lang=\"de\"");
        (await GetAsync($"/t/{tenant.Key}/", "pt-BR")).ShouldContain("<html lang=\"en\"");
    }

    [Fact]
    public async Task Problems_AreWrittenInTheRequestersLanguage()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{tenant.Key}/api/cases/files/{Guid.NewGuid()}");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var response = await fixture.App.CreateClient().SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Please sign in.");
    }

    [Fact]
    public async Task LanguageSwitch_RemembersAnyLanguageTheCatalogueHas_AndRefusesOthers()
    {
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var arabic = await client.GetAsync("/language/ar?returnUrl=/");
        arabic.Headers.GetValues("Set-Cookie").Single().ShouldContain("c%3Dar%7Cuic%3Dar");
        var unknown = await client.GetAsync("/language/xx?returnUrl=/");
        unknown.Headers.GetValues("Set-Cookie").Single().ShouldContain("c%3Dde%7Cuic%3Dde");
    }

    private async Task<string> GetAsync(string url, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var response = await fixture.App.CreateClient().SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
