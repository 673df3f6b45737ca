using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Metadata;
using Saas.Platform.Tenancy;
using Saas.Platform.Texts;
using Saas.Platform.Web;

namespace Saas.Host.Tests.Portal;

/// <summary>
/// The portal's languages (issue 14, item 4; docs/adr/0033): German, English, Turkish, Arabic, Persian, Ukrainian and
/// Russian, and Einfache Sprache, each with every text of the public pages, the two right-to-left ones written so; and no silent fallback —
/// a text that is not in the reader's language carries its own language, and the page says which it borrowed from.
/// </summary>
public sealed class PortalLanguagesTests(SaasAppFixture fixture) : IClassFixture<SaasAppFixture>
{
    public static readonly string[] PortalLanguages = ["de", "de-simple", "en", "tr", "ar", "fa", "uk", "ru"];

    private static readonly string[] ProblemsOnPublicPages =
        ["problem.forbidden", "problem.not-found", "problem.tenant-not-found", "problem.unauthorized", "problem.database-unavailable", "problem.internal"];

    private static TextCatalog Catalog => TextCatalog.Shared;

    /// <summary>The texts an applicant can meet on the public pages: the frame, the start page, the legal pages, the error page.</summary>
    private static IEnumerable<string> PublicKeys() =>
        Catalog.Keys("de").Where(key => key.StartsWith("host.layout.", StringComparison.Ordinal) && key != "host.layout.operator"
            || key.StartsWith("host.start.", StringComparison.Ordinal) || key.StartsWith("host.legal.", StringComparison.Ordinal)
            || key.StartsWith("platform.error.", StringComparison.Ordinal) || key.StartsWith("format.", StringComparison.Ordinal)
            || key == "platform.back-to-start" || ProblemsOnPublicPages.Contains(key));

    [Fact]
    public void EveryPortalLanguage_HasEveryTextOfThePublicPages()
    {
        PublicKeys().Count().ShouldBeGreaterThan(30);
        var missing = PortalLanguages.SelectMany(language => PublicKeys().Where(key => !Catalog.Has(language, key)).Select(key => $"{language}: {key}")).ToList();
        missing.ShouldBeEmpty();
        Catalog.Languages.Select(l => l.Tag).ShouldBe(PortalLanguages, ignoreOrder: true);
    }

    [Theory]
    [InlineData("tr", "Türkçe", false)]
    [InlineData("ar", "العربية", true)]
    [InlineData("fa", "فارسی", true)]
    [InlineData("uk", "Українська", false)]
    [InlineData("ru", "Русский", false)]
    public void EachLanguage_NamesItself_WithItsDirection_AndFallsBackToEnglishThenGerman(string tag, string name, bool rightToLeft)
    {
        var language = Catalog.Languages.Single(l => l.Tag == tag);
        language.Name.ShouldBe(name);
        language.RightToLeft.ShouldBe(rightToLeft);
        Catalog.Chain(CultureInfo.GetCultureInfo(tag)).ShouldBe([tag, "en", "de"]);
    }

    [Fact]
    public async Task ThePortalInEinfacheSprache_IsPlainGerman_AndMarksTheAuthoritysOwnGermanTexts()
    {
        var language = Catalog.Languages.Single(l => l.Tag == "de-simple");
        language.Name.ShouldBe("Einfache Sprache");
        Catalog.Chain(CultureInfo.GetCultureInfo("de-simple")).Select(t => t.ToLowerInvariant()).ShouldBe(["de-simple", "de"]);
        Catalog.Languages.Select(l => l.Tag).Take(3).ShouldBe(["de", "de-simple", "en"]);

        var tenant = await PublishedTenantAsync();
        var html = WebUtility.HtmlDecode(await fixture.App.CreateClient().GetStringAsync($"/t/{tenant.Key}/?lang=de-simple"));
        html.ShouldContain("<html lang=\"de-simple\" dir=\"ltr\">");
        html.ShouldContain("Wo Sie uns finden und wann wir offen haben");
        html.ShouldContain("<bdi><span lang=\"de\">Ausländeramt Hackländerstraße</span></bdi>");
        html.ShouldContain("Manche Texte auf dieser Seite gibt es noch nicht in Einfacher Sprache.");
        html.ShouldContain("<span lang=\"de\" dir=\"ltr\">Deutsch</span>");
    }

    [Fact]
    public void ATextFromAFallback_IsMarkedWithItsLanguage_AndNoted()
    {
        using var _ = new UiCulture("tr");
        TextFallbacks.Begin();
        Render(L.Tx("host.start.opening-hours")).ShouldBe("Çalışma saatleri");
        L.Borrowed.ShouldBeEmpty();

        Render(L.Tx("host.staff.work-areas")).ShouldBe("<span lang=\"en\">Work areas</span>");
        Render(L.ChooseTx(("de", "Ausländeramt"), ("en", null))).ShouldBe("<span lang=\"de\">Ausländeramt</span>");
        L.Borrowed.Select(l => l.Tag).ShouldBe(["en", "de"], ignoreOrder: true);
    }

    [Fact]
    public void ALeftToRightFallbackOnARightToLeftPage_CarriesItsDirection()
    {
        using var _ = new UiCulture("fa");
        Render(L.Tx("host.staff.work-areas")).ShouldBe("<span lang=\"en\" dir=\"ltr\">Work areas</span>");
        Render(L.Tx("host.start.opening-hours")).ShouldBe("ساعات کاری");
    }

    [Fact]
    public void PersianDates_AreGregorian_LikeTheLettersAndThePermits()
    {
        using var _ = new UiCulture("fa");
        L.Date(new DateOnly(2026, 12, 3)).ShouldContain("2026");
        L.Date(new DateOnly(2026, 12, 3)).ShouldNotContain("1405");
        L.Culture.DateTimeFormat.Calendar.ShouldBeOfType<GregorianCalendar>();
    }

    [Fact]
    public async Task ThePortalInTurkish_IsTurkish_AndNamesTheLanguagesItBorrowedFrom()
    {
        var tenant = await PublishedTenantAsync();
        var html = WebUtility.HtmlDecode(await fixture.App.CreateClient().GetStringAsync($"/t/{tenant.Key}/?lang=tr"));

        html.ShouldContain("<html lang=\"tr\" dir=\"ltr\">");
        html.ShouldContain("Adresler ve çalışma saatleri");
        html.ShouldContain("<caption class=\"kern-body kern-body--bold saas-hours__caption\">Çalışma saatleri</caption>");
        html.ShouldContain("Pazartesi", customMessage: "day names in Turkish");
        // The authority named its location in German and English: the Turkish reader gets the English name, marked.
        html.ShouldContain("<bdi><span lang=\"en\">Immigration office Hackländerstraße</span></bdi>");
        html.ShouldContain("id=\"borrowed-languages\"");
        html.ShouldContain("Bu sayfadaki bazı metinler henüz Türkçe olarak mevcut değil.");
        html.ShouldContain("<span lang=\"en\" dir=\"ltr\">English</span>");
        // The Impressum has an English title: the footer shows it, marked as English.
        html.ShouldContain($"<a class=\"kern-link\" lang=\"en\" href=\"/t/{tenant.Key}/rechtliches/impressum\">Legal notice</a>");
        html.ShouldContain("hreflang=\"fa\"");
    }

    [Fact]
    public async Task ThePortalInPersian_IsRightToLeft_AndInGerman_BorrowsNothing()
    {
        var tenant = await PublishedTenantAsync();
        var client = fixture.App.CreateClient();
        var persian = WebUtility.HtmlDecode(await client.GetStringAsync($"/t/{tenant.Key}/?lang=fa"));
        persian.ShouldContain("<html lang=\"fa\" dir=\"rtl\">");
        persian.ShouldContain("مکان‌ها و ساعات کاری");
        persian.ShouldContain("<bdi><span lang=\"en\" dir=\"ltr\">Immigration office Hackländerstraße</span></bdi>");

        var german = WebUtility.HtmlDecode(await client.GetStringAsync($"/t/{tenant.Key}/?lang=de"));
        german.ShouldContain("<bdi>Ausländeramt Hackländerstraße</bdi>");
        german.ShouldNotContain("borrowed-languages");
        german.ShouldNotContain("<span lang=");
    }

    [Fact]
    public async Task TheOperatorsTranslationOverview_ListsWhatEachLanguageLacks()
    {
        using var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(fixture.App, null, "operator-texts", [Saas.Platform.Identity.SaasRoles.PlatformOperator]));
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/operator/texts?lang=en"));

        var turkishMissing = Catalog.Missing("tr");
        turkishMissing.ShouldContain("host.staff.work-areas");
        turkishMissing.ShouldNotContain("host.start.opening-hours");
        html.ShouldContain($"<tr class=\"kern-table__row\" id=\"coverage-tr\">");
        html.ShouldContain($"<td class=\"kern-table__cell\">{turkishMissing.Count}</td>");
        html.ShouldContain("<li><code>host.staff.work-areas</code></li>");
        html.ShouldNotContain("id=\"coverage-de\"", customMessage: "German is the base every other language is counted against");

        using var anonymous = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await anonymous.GetAsync("/operator/texts")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    private async Task<TenantInfo> PublishedTenantAsync()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        foreach (var file in new[] { "locations/hacklaenderstrasse.yaml", "legal-pages/impressum.yaml" })
        {
            await store.SaveDraftAsync(File.ReadAllText(Path.Combine(SaasAppFactory.RepositoryRoot, "tenants", "aachen", file)), "test");
        }

        await store.PublishAsync(null, "test");
        return tenant;
    }

    private static string Render(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return WebUtility.HtmlDecode(writer.ToString());
    }

    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo before = CultureInfo.CurrentUICulture;

        public UiCulture(string tag) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(tag);

        public void Dispose() => CultureInfo.CurrentUICulture = before;
    }
}
