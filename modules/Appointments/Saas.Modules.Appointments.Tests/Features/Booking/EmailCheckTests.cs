using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments.Tests.Features.Booking;

/// <summary>
/// A guest's booking counts only once the e-mail address is checked (issue 15, item 2; docs/adr/0040): confirming with
/// the person's details holds the slot for them and sends a link with a one-time code through the real SMTP server;
/// the link's code confirms it. Wrong codes count and, after a few, let the slot go; unchecked holds count against the
/// limits and run out; a waitlist offer confirmed with the address it went to counts at once; another authority's
/// link reaches nothing.
/// </summary>
[Collection(ClockedHosts.Name)]
public sealed partial class EmailCheckTests(EmailCheckedBookingFixture fixture) : IClassFixture<EmailCheckedBookingFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesOnSaturdayNoonAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Client() => fixture.App.CreateClient();

    private static string Api(TenantInfo tenant) => $"/t/{tenant.Key}/api/appointments";

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected) => BookingFixture.JsonAsync(response, expected);

    private async Task<List<string>> SlotsAsync(TenantInfo tenant) =>
        [.. (await JsonAsync(await Client().GetAsync($"{Api(tenant)}/availability?type={BookingFixture.TypeKey}&days=30"), HttpStatusCode.OK))
            .GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()!)];

    private async Task<string> HoldAsync(TenantInfo tenant, string start) =>
        (await JsonAsync(await Client().PostAsJsonAsync($"{Api(tenant)}/reservations", new { type = BookingFixture.TypeKey, start }), HttpStatusCode.Created))
            .GetProperty("token").GetString()!;

    private async Task<HttpResponseMessage> ConfirmAsync(TenantInfo tenant, string token, string email, string name = "Amina Haddad", string birthDate = "1991-04-02") =>
        await Client().PostAsJsonAsync($"{Api(tenant)}/bookings/confirm", new { token, name, birthDate, email, language = "en", altcha = await TestAltcha.SolveAsync(Client(), tenant.Key) });

    private Task<HttpResponseMessage> VerifyAsync(TenantInfo tenant, string token, string code) =>
        Client().PostAsJsonAsync($"{Api(tenant)}/bookings/{token}/verify-email", new { code });

    /// <summary>The token and code of the check link in the newest of <paramref name="count"/> mails to <paramref name="email"/>.</summary>
    private static async Task<(string Token, string Code, string Text)> CheckLinkAsync(string email, int count = 1)
    {
        var mails = await TestMail.WaitForAsync(email, count);
        var mail = mails.Last(m => m.GetProperty("subject").GetString()!.StartsWith("Please confirm", StringComparison.Ordinal));
        var text = mail.GetProperty("text").GetString()!;
        var link = CheckLink().Match(text);
        link.Success.ShouldBeTrue(text);
        return (link.Groups[1].Value, Uri.UnescapeDataString(link.Groups[2].Value), text);
    }

    [Fact]
    public async Task AGuestsBooking_CountsOnlyOnceTheLinkInTheMailIsUsed()
    {
        var start = (await SlotsAsync(fixture.A))[0];
        var token = await HoldAsync(fixture.A, start);
        var email = TestMail.NewAddress("check");

        var waiting = await JsonAsync(await ConfirmAsync(fixture.A, token, email), HttpStatusCode.OK);
        waiting.GetProperty("status").GetString().ShouldBe("awaiting-email");
        (!waiting.TryGetProperty("code", out var none) || none.ValueKind == JsonValueKind.Null).ShouldBeTrue("no booking code before the address is checked");
        waiting.GetProperty("holdExpiresAt").GetDateTimeOffset().ShouldBe(fixture.Clock.GetUtcNow().AddMinutes(30), TimeSpan.FromSeconds(1), "held for the check, longer than the 10 minutes' hold");
        (await SlotsAsync(fixture.A)).ShouldNotContain(start, "the slot stays held while the address is checked");

        var (linkToken, code, text) = await CheckLinkAsync(email);
        linkToken.ShouldBe(token, "the link leads to the booking's page");
        text.ShouldContain(fixture.A.Name);
        text.ShouldNotContain("Amina", Case.Insensitive, "the mail names no one");

        // Opening the link shows a button; the visit alone (a mail scanner's) books nothing.
        var page = await fixture.Anonymous(fixture.A).GetAsync($"termine/buchung/{token}?pruefung={Uri.EscapeDataString(code)}");
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("id=\"verify\"");
        (await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/bookings/{token}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("awaiting-email");

        var wrong = await JsonAsync(await VerifyAsync(fixture.A, token, code[..^2] + "xx"), HttpStatusCode.UnprocessableEntity);
        wrong.GetProperty("code").GetString().ShouldBe("appointment-email-code-wrong");
        wrong.GetProperty("left").GetInt32().ShouldBe(4);
        (await VerifyAsync(fixture.B, token, code)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another authority does not know the booking");

        var confirmed = await JsonAsync(await VerifyAsync(fixture.A, token, code), HttpStatusCode.OK);
        confirmed.GetProperty("status").GetString().ShouldBe("confirmed");
        var bookingCode = confirmed.GetProperty("code").GetString()!;
        bookingCode.ShouldMatch("^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$");
        (await TestMail.WaitForAsync(email, 2)).Select(m => m.GetProperty("subject").GetString())
            .ShouldBe([$"Please confirm your appointment with {fixture.A.Name}", $"Your appointment with {fixture.A.Name} is booked"], ignoreOrder: true);

        var again = await JsonAsync(await VerifyAsync(fixture.A, token, code), HttpStatusCode.OK);
        again.GetProperty("code").GetString().ShouldBe(bookingCode, "using the link again shows the booking as it is");
    }

    [Fact]
    public async Task WrongCodes_LetTheHoldGo_AndTheSlotIsOfferedAgain()
    {
        var start = (await SlotsAsync(fixture.A))[0];
        var token = await HoldAsync(fixture.A, start);
        var email = TestMail.NewAddress("guess");
        await JsonAsync(await ConfirmAsync(fixture.A, token, email), HttpStatusCode.OK);
        var (_, code, _) = await CheckLinkAsync(email);

        for (var left = 4; left > 0; left--)
        {
            (await JsonAsync(await VerifyAsync(fixture.A, token, "guess-" + left), HttpStatusCode.UnprocessableEntity)).GetProperty("left").GetInt32().ShouldBe(left);
        }

        (await JsonAsync(await VerifyAsync(fixture.A, token, "guess-0"), HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("appointment-email-code-spent");
        (await JsonAsync(await VerifyAsync(fixture.A, token, code), HttpStatusCode.Conflict)).GetProperty("code").GetString()
            .ShouldBe("appointment-hold-expired", "once let go, the right code books nothing either");
        (await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/bookings/{token}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("expired");
        (await SlotsAsync(fixture.A)).ShouldContain(start, "the seat is free again");
    }

    [Fact]
    public async Task UncheckedHolds_CountAgainstTheLimits_AndRunOut()
    {
        var slots = await SlotsAsync(fixture.A);
        var email = TestMail.NewAddress("bot");
        // Two per address (the fixture's limit): the third is refused although none of them is confirmed yet.
        await JsonAsync(await ConfirmAsync(fixture.A, await HoldAsync(fixture.A, slots[0]), email, "Amina Haddad"), HttpStatusCode.OK);
        var second = await HoldAsync(fixture.A, slots[1]);
        await JsonAsync(await ConfirmAsync(fixture.A, second, email, "Omar Haddad"), HttpStatusCode.OK);
        (await JsonAsync(await ConfirmAsync(fixture.A, await HoldAsync(fixture.A, slots[2]), email, "Layla Haddad"), HttpStatusCode.TooManyRequests))
            .GetProperty("code").GetString().ShouldBe("appointment-limit-email");
        // Sending the form again (a corrected address) is no new booking and holds the slot no longer.
        var resent = await JsonAsync(await ConfirmAsync(fixture.A, second, email, "Omar Haddad"), HttpStatusCode.OK);
        resent.GetProperty("holdExpiresAt").GetDateTimeOffset().ShouldBe(fixture.Clock.GetUtcNow().AddMinutes(30), TimeSpan.FromSeconds(1));
        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        (await JsonAsync(await ConfirmAsync(fixture.A, second, email, "Omar Haddad"), HttpStatusCode.OK)).GetProperty("holdExpiresAt").GetDateTimeOffset()
            .ShouldBe(resent.GetProperty("holdExpiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1), "the hold is not made longer by sending again");
        var (_, code, _) = await CheckLinkAsync(email, 4);

        fixture.Clock.Advance(TimeSpan.FromMinutes(21));
        (await JsonAsync(await VerifyAsync(fixture.A, second, code), HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("appointment-hold-expired");
        (await SlotsAsync(fixture.A)).ShouldContain(slots[1], "an unchecked hold runs out and its slot is offered again");
        await JsonAsync(await ConfirmAsync(fixture.A, await HoldAsync(fixture.A, slots[2]), email, "Layla Haddad"), HttpStatusCode.OK);
    }

    /// <summary>
    /// A guest's unchecked hold of the first slot is let go while Omar waits for that day: the seat is held for him
    /// and offered by e-mail. The offer's link token, and the address it went to.
    /// </summary>
    private async Task<(string Offered, string Email)> OfferToOmarAsync()
    {
        var start = (await SlotsAsync(fixture.A))[0];
        var first = await HoldAsync(fixture.A, start);
        await JsonAsync(await ConfirmAsync(fixture.A, first, TestMail.NewAddress("first")), HttpStatusCode.OK);
        var omar = TestMail.NewAddress("omar");
        await JsonAsync(await Client().PostAsJsonAsync($"{Api(fixture.A)}/waitlist", new
        {
            type = BookingFixture.TypeKey, name = "Omar Haddad", birthDate = "2012-09-30", email = omar, earliest = start[..10], latest = start[..10], language = "en",
            altcha = await TestAltcha.SolveAsync(Client(), fixture.A.Key),
        }), HttpStatusCode.Created);
        await JsonAsync(await Client().PostAsync($"{Api(fixture.A)}/bookings/{first}/cancel", null), HttpStatusCode.OK);
        var offer = (await TestMail.WaitForAsync(omar, 2)).Single(m => m.GetProperty("subject").GetString()!.StartsWith("An appointment", StringComparison.Ordinal));
        var offered = OfferLink().Match(offer.GetProperty("text").GetString()!).Groups[1].Value;
        offered.ShouldNotBeEmpty();
        return (offered, omar);
    }

    [Fact]
    public async Task AWaitlistOffer_ConfirmedWithAnotherAddress_IsChecked_AndKeepsItsHours()
    {
        var (offered, omar) = await OfferToOmarAsync();
        var other = TestMail.NewAddress("omar-other");
        var checking = await JsonAsync(await ConfirmAsync(fixture.A, offered, other, "Omar Haddad", "2012-09-30"), HttpStatusCode.OK);
        checking.GetProperty("status").GetString().ShouldBe("awaiting-email", "an address the offer did not go to is checked");
        checking.GetProperty("holdExpiresAt").GetDateTimeOffset().ShouldBeGreaterThan(fixture.Clock.GetUtcNow().AddHours(11), "the offer keeps its hours, not the check's minutes");
        (await JsonAsync(await ConfirmAsync(fixture.A, offered, omar, "Omar Haddad", "2012-09-30"), HttpStatusCode.OK))
            .GetProperty("status").GetString().ShouldBe("awaiting-email", "once a check is under way, only its link confirms");
        var (_, code, _) = await CheckLinkAsync(omar, 3);
        (await JsonAsync(await VerifyAsync(fixture.A, offered, code), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("confirmed");
    }

    [Fact]
    public async Task AWaitlistOffer_ConfirmedWithItsAddress_NeedsNoCheck()
    {
        var (offered, omar) = await OfferToOmarAsync();
        var confirmed = await JsonAsync(await ConfirmAsync(fixture.A, offered, omar.ToUpperInvariant(), "Omar Haddad", "2012-09-30"), HttpStatusCode.OK);
        confirmed.GetProperty("status").GetString().ShouldBe("confirmed", "the offer's link proved the address");
    }

    [GeneratedRegex(@"/termine/buchung/([A-Za-z0-9_-]{43})\?pruefung=([A-Za-z0-9_%-]+)")]
    private static partial Regex CheckLink();

    [GeneratedRegex("/termine/buchung/([A-Za-z0-9_-]{43})")]
    private static partial Regex OfferLink();
}
