using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments.Tests.Pages;

/// <summary>
/// Booking on the portal without JavaScript (docs/adr/0031, 0035): from the authority's start page to a free slot,
/// the hold, the confirmation with the person's details (errors located at their fields, nothing entered lost), the
/// e-mail with the booking's link over real SMTP, the .ics, moving and cancelling by link, a slot someone else just
/// took answered with the next free ones, and another authority's link not found.
/// </summary>
[Collection(ClockedHosts.Name)]
public sealed partial class BookingPagesTests(BookingFixture fixture) : IClassFixture<BookingFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesOnSaturdayNoonAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Browser(string language = "de")
    {
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private static string Portal(TenantInfo tenant) => $"/t/{tenant.Key}";

    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, html.Length > 3000 ? html[..3000] : html);
        return html;
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value;
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Chooses the first free time on the type's page: its button posts the slot's start.</summary>
    private async Task<(string Start, HttpResponseMessage Posted)> ChooseFirstSlotAsync(HttpClient client, TenantInfo tenant)
    {
        var url = $"{Portal(tenant)}/termine/{BookingFixture.TypeKey}";
        var page = await HtmlAsync(await client.GetAsync(url), HttpStatusCode.OK);
        var start = WebUtility.HtmlDecode(SlotButton().Match(page).Groups[1].Value);
        start.ShouldNotBeEmpty("the week shows free times as buttons");
        return (start, await PostFormAsync(client, url, page, new() { ["start"] = start }));
    }

    private static string TokenOf(HttpResponseMessage redirect)
    {
        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var match = BookingLink().Match(redirect.Headers.Location!.OriginalString);
        match.Success.ShouldBeTrue(redirect.Headers.Location!.OriginalString);
        return match.Groups[1].Value;
    }

    private async Task<(string Token, string Page)> BookAsync(HttpClient client, TenantInfo tenant, string email, string name = "Amina Haddad")
    {
        var token = TokenOf((await ChooseFirstSlotAsync(client, tenant)).Posted);
        var url = $"{Portal(tenant)}/termine/buchung/{token}";
        var form = await HtmlAsync(await client.GetAsync(url), HttpStatusCode.OK);
        var confirmed = await PostFormAsync(client, url + "?handler=Confirm", form, new() { ["Name"] = name, ["BirthDate"] = "1991-04-02", ["Email"] = email, ["altcha"] = await TestAltcha.SolveAsync(client, tenant.Key) });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await confirmed.Content.ReadAsStringAsync());
        confirmed.Headers.Location!.OriginalString.ShouldContain("erledigt=gebucht");
        return (token, await HtmlAsync(await client.GetAsync(confirmed.Headers.Location), HttpStatusCode.OK));
    }

    [Fact]
    public async Task FromTheStartPage_ToAConfirmedBooking_WithItsCodeCalendarAndEmail()
    {
        var client = Browser();
        var start = await HtmlAsync(await client.GetAsync(Portal(fixture.A) + "/"), HttpStatusCode.OK);
        start.ShouldContain($"href=\"{Portal(fixture.A)}/termine\"");
        var types = await HtmlAsync(await client.GetAsync(Portal(fixture.A) + "/termine"), HttpStatusCode.OK);
        types.ShouldContain($"href=\"{Portal(fixture.A)}/termine/{BookingFixture.TypeKey}\"");
        types.ShouldContain("Verlängerung");

        var email = TestMail.NewAddress("booking");
        var (token, page) = await BookAsync(client, fixture.A, email);
        page.ShouldContain("Ihr Termin ist gebucht");
        var code = Code().Match(page).Groups[1].Value;
        code.ShouldMatch("^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$");
        page.ShouldContain("Amina Haddad");
        page.ShouldNotContain("id=\"confirm\"", customMessage: "a confirmed booking is not confirmed again");

        var ics = await client.GetAsync(IcsLink().Match(page).Groups[1].Value);
        ics.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ics.Content.ReadAsStringAsync()).ShouldContain(code);

        var mail = (await TestMail.WaitForAsync(email)).ShouldHaveSingleItem();
        mail.GetProperty("subject").GetString().ShouldBe($"Ihr Termin bei {fixture.A.Name} ist gebucht");
        var text = mail.GetProperty("text").GetString()!;
        text.ShouldContain($"{SaasAppFactory.PublicBaseUrl}t/{fixture.A.Key}/termine/buchung/{token}");
        text.ShouldNotContain("Amina", customMessage: "no personal data in an e-mail");
        text.ShouldNotContain(code);
    }

    [Fact]
    public async Task WrongDetails_AreShownAtTheirFields_AndNothingEnteredIsLost()
    {
        var client = Browser();
        var token = TokenOf((await ChooseFirstSlotAsync(client, fixture.A)).Posted);
        var url = $"{Portal(fixture.A)}/termine/buchung/{token}";
        var form = await HtmlAsync(await client.GetAsync(url), HttpStatusCode.OK);
        form.ShouldContain("id=\"held-until\"");

        var page = await HtmlAsync(await PostFormAsync(client, url + "?handler=Confirm", form, new() { ["Name"] = "", ["BirthDate"] = "1991-04-02", ["Email"] = "not-an-address" }),
            HttpStatusCode.UnprocessableEntity);
        page.ShouldContain("id=\"error-summary\"");
        page.ShouldContain("href=\"#name\"");
        page.ShouldContain("Geben Sie Ihren Vor- und Nachnamen an");
        Input(page, "name").ShouldContain("aria-invalid=\"true\"");
        Input(page, "name").ShouldContain("name-error");
        Input(page, "birthDate").ShouldContain("value=\"1991-04-02\"", customMessage: "what was entered stays");
        Input(page, "birthDate").ShouldNotContain("aria-invalid");

        // Without the proof of work the widget delivers, the error is at the widget, and what was entered stays.
        page.ShouldContain("<altcha-widget name=\"altcha\" challenge=\"/t/" + fixture.A.Key + "/api/altcha/challenge\"");
        page = await HtmlAsync(await PostFormAsync(client, url + "?handler=Confirm", page, new() { ["Name"] = "Amina Haddad", ["BirthDate"] = "1991-04-02", ["Email"] = "amina@example.org" }),
            HttpStatusCode.BadRequest);
        page.ShouldContain("href=\"#altcha\"");
        page.ShouldContain("<p class=\"kern-error\" id=\"altcha-error\">Bitte bestätigen Sie zuerst, dass hier ein Mensch bucht");
        Input(page, "email").ShouldContain("value=\"amina@example.org\"");

        // The use case's own check of the address (the page only checks it is there) is located at the field as well,
        // and the solution it was sent with is not spent: corrected, the same one confirms.
        var solved = await TestAltcha.SolveAsync(client, fixture.A.Key);
        page = await HtmlAsync(await PostFormAsync(client, url + "?handler=Confirm", page, new() { ["Name"] = "Amina Haddad", ["BirthDate"] = "1991-04-02", ["Email"] = "not-an-address", ["altcha"] = solved }),
            HttpStatusCode.UnprocessableEntity);
        Input(page, "email").ShouldContain("aria-invalid=\"true\"");
        Input(page, "email").ShouldContain("value=\"not-an-address\"");
        Input(page, "name").ShouldContain("value=\"Amina Haddad\"");
        page.ShouldContain("Geben Sie eine E-Mail-Adresse wie name@beispiel.de an.");
        var confirmed = await PostFormAsync(client, url + "?handler=Confirm", page, new() { ["Name"] = "Amina Haddad", ["BirthDate"] = "1991-04-02", ["Email"] = "amina@example.org", ["altcha"] = solved });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await confirmed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ASlotSomeoneElseJustTook_OffersTheNextFreeOnes()
    {
        var client = Browser();
        var url = $"{Portal(fixture.A)}/termine/{BookingFixture.TypeKey}";
        var page = await HtmlAsync(await client.GetAsync(url), HttpStatusCode.OK);
        var start = WebUtility.HtmlDecode(SlotButton().Match(page).Groups[1].Value);
        // Someone else takes the only seat first (through the API), while this page still shows it.
        (await fixture.App.CreateClient().PostAsJsonAsync($"{Portal(fixture.A)}/api/appointments/reservations", new { type = BookingFixture.TypeKey, start }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var taken = await HtmlAsync(await PostFormAsync(client, url, page, new() { ["start"] = start }), HttpStatusCode.Conflict);
        taken.ShouldContain("Dieser Termin wurde gerade von jemand anderem gebucht.");
        var alternatives = Regex.Match(taken, "<form[^>]*id=\"alternatives\"[^>]*>(.*?)</form>", RegexOptions.Singleline).Groups[1].Value;
        var offered = SlotButton().Matches(alternatives).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        offered.Count.ShouldBeGreaterThan(0);
        offered.ShouldNotContain(start);

        TokenOf(await PostFormAsync(client, url, taken, new() { ["start"] = offered[0] })).ShouldNotBeEmpty("an offered slot is reserved with one click");
    }

    [Fact]
    public async Task MovedAndCancelledByLink_WithAnEmailEachTime_InTheLanguageItWasBookedIn()
    {
        var client = Browser("en");
        var email = TestMail.NewAddress("moving");
        var (token, page) = await BookAsync(client, fixture.A, email);
        page.ShouldContain("Your appointment is booked.");
        var before = Regex.Match(page, "id=\"when\">([^<]+)<").Groups[1].Value;

        var rebookUrl = $"{Portal(fixture.A)}/termine/buchung/{token}/umbuchen";
        page.ShouldContain($"href=\"{rebookUrl}\"");
        var rebook = await HtmlAsync(await client.GetAsync(rebookUrl), HttpStatusCode.OK);
        var later = SlotButton().Matches(rebook).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Skip(1).First();
        var moved = await PostFormAsync(client, rebookUrl, rebook, new() { ["start"] = later });
        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await moved.Content.ReadAsStringAsync());
        page = await HtmlAsync(await client.GetAsync(moved.Headers.Location), HttpStatusCode.OK);
        page.ShouldContain("Your appointment has been moved.");
        Regex.Match(page, "id=\"when\">([^<]+)<").Groups[1].Value.ShouldNotBe(before);

        // Cancelled from a German browser: the e-mail stays in English, the language it was booked in.
        var german = Browser();
        var bookingUrl = $"{Portal(fixture.A)}/termine/buchung/{token}";
        var cancelled = await PostFormAsync(german, bookingUrl + "?handler=Cancel", await HtmlAsync(await german.GetAsync(bookingUrl), HttpStatusCode.OK), []);
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await HtmlAsync(await german.GetAsync(cancelled.Headers.Location), HttpStatusCode.OK)).ShouldContain("Dieser Termin ist abgesagt.");

        var mails = await TestMail.WaitForAsync(email, 3);
        mails.Select(m => m.GetProperty("subject").GetString()).ShouldBe(
            [$"Your appointment with {fixture.A.Name} is booked", $"Your appointment with {fixture.A.Name} has been moved", $"Your appointment with {fixture.A.Name} is cancelled"],
            ignoreOrder: true);
        (await german.GetAsync(rebookUrl)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a cancelled booking cannot be moved");
    }

    [Fact]
    public async Task AnotherAuthoritysBookingLink_IsNotFound()
    {
        var client = Browser();
        var token = TokenOf((await ChooseFirstSlotAsync(client, fixture.A)).Posted);
        (await client.GetAsync($"{Portal(fixture.B)}/termine/buchung/{token}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"{Portal(fixture.B)}/termine/buchung/{token}/umbuchen")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"{Portal(fixture.A)}/termine/buchung/{token}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"{Portal(fixture.A)}/termine/unknown-type")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string Input(string page, string id) => Regex.Match(page, $"<input[^>]*id=\"{id}\"[^>]*>").Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("name=\"start\" value=\"([^\"]+)\"")]
    private static partial Regex SlotButton();

    [GeneratedRegex("/termine/buchung/([A-Za-z0-9_-]{43})")]
    private static partial Regex BookingLink();

    [GeneratedRegex("id=\"code\" dir=\"ltr\">([^<]+)<")]
    private static partial Regex Code();

    [Fact]
    public async Task TheWaitlist_IsJoinedFromTheSlotsPage_WithErrorsAtTheirFields_AndLeftByItsLink()
    {
        var client = Browser();
        var slots = await HtmlAsync(await client.GetAsync($"{Portal(fixture.A)}/termine/{BookingFixture.TypeKey}"), HttpStatusCode.OK);
        slots.ShouldContain($"id=\"waitlist-link\" href=\"/t/{fixture.A.Key}/termine/{BookingFixture.TypeKey}/warteliste\"");
        var url = $"{Portal(fixture.A)}/termine/{BookingFixture.TypeKey}/warteliste";
        var form = await HtmlAsync(await client.GetAsync(url), HttpStatusCode.OK);
        form.ShouldContain("<altcha-widget name=\"altcha\"");

        var page = await HtmlAsync(await PostFormAsync(client, url, form, new() { ["Name"] = "", ["BirthDate"] = "2015-01-12", ["Email"] = "lina@example.org" }), HttpStatusCode.UnprocessableEntity);
        page.ShouldContain("href=\"#name\"");
        Input(page, "email").ShouldContain("value=\"lina@example.org\"", customMessage: "what was entered stays");

        var email = TestMail.NewAddress("waiting");
        var joined = await PostFormAsync(client, url, page, new()
        {
            ["Name"] = "Lina Haddad", ["BirthDate"] = "2015-01-12", ["Email"] = email, ["altcha"] = await TestAltcha.SolveAsync(client, fixture.A.Key),
        });
        joined.StatusCode.ShouldBe(HttpStatusCode.Redirect, await joined.Content.ReadAsStringAsync());
        var placeUrl = joined.Headers.Location!.OriginalString;
        placeUrl.ShouldContain($"/t/{fixture.A.Key}/termine/warteliste/");
        var place = await HtmlAsync(await client.GetAsync(placeUrl), HttpStatusCode.OK);
        place.ShouldContain("Sie stehen auf der Warteliste.");
        place.ShouldContain("Sie warten auf einen freien Termin.");

        var mail = (await TestMail.WaitForAsync(email)).ShouldHaveSingleItem();
        mail.GetProperty("subject").GetString().ShouldBe($"Sie stehen auf der Warteliste von {fixture.A.Name}");
        mail.GetProperty("text").GetString()!.ShouldContain($"{SaasAppFactory.PublicBaseUrl}t/{fixture.A.Key}/termine/warteliste/");

        var left = await PostFormAsync(client, placeUrl.Split('?')[0] + "?handler=Withdraw", place, []);
        left.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await HtmlAsync(await client.GetAsync(left.Headers.Location), HttpStatusCode.OK)).ShouldContain("Sie stehen nicht mehr auf der Warteliste.");
    }

    [GeneratedRegex("id=\"ics\" href=\"([^\"]+)\"")]
    private static partial Regex IcsLink();
}
