using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments.Tests.Features.Waitlist;

/// <summary>
/// The waitlist (issue 15, item 2): a person waits for a day of a type; when a booking of that day is cancelled, the
/// freed seat is held for them (bound to them, for hours rather than minutes) and they get an e-mail with the booking's
/// link, with which they confirm it as any booking. One place per person and type; ALTCHA as for a confirmation; a
/// place is withdrawn by its link, which another authority does not know.
/// </summary>
[Collection(ClockedHosts.Name)]
public sealed partial class WaitlistTests(BookingFixture fixture) : IClassFixture<BookingFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesOnSaturdayNoonAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Client() => fixture.App.CreateClient();

    private static string Api(TenantInfo tenant) => $"/t/{tenant.Key}/api/appointments";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> JoinAsync(TenantInfo tenant, string name, string email, string day, string? altcha = "solve", string? latest = null) =>
        await Client().PostAsJsonAsync($"{Api(tenant)}/waitlist", new
        {
            type = BookingFixture.TypeKey, name, birthDate = "2012-09-30", email, earliest = day, latest = latest ?? day, language = "en",
            altcha = altcha == "solve" ? await TestAltcha.SolveAsync(Client(), tenant.Key) : altcha,
        });

    private async Task<string> BookAsync(TenantInfo tenant, string start, string name, string email)
    {
        var token = (await JsonAsync(await Client().PostAsJsonAsync($"{Api(tenant)}/reservations", new { type = BookingFixture.TypeKey, start }), HttpStatusCode.Created))
            .GetProperty("token").GetString()!;
        await JsonAsync(await Client().PostAsJsonAsync($"{Api(tenant)}/bookings/confirm",
            new { token, name, birthDate = "1991-04-02", email, altcha = await TestAltcha.SolveAsync(Client(), tenant.Key) }), HttpStatusCode.OK);
        return token;
    }

    [Fact]
    public async Task ACancelledSeat_IsHeldForTheFirstWhoWaits_AndConfirmedByTheLinkInTheirEmail()
    {
        var slots = (await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/availability?type={BookingFixture.TypeKey}&days=30"), HttpStatusCode.OK))
            .GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()!).ToList();
        var day = slots[0][..10];
        var amina = await BookAsync(fixture.A, slots[0], "Amina Haddad", TestMail.NewAddress("amina"));

        var omarEmail = TestMail.NewAddress("omar");
        (await JsonAsync(await JoinAsync(fixture.A, "Omar Haddad", omarEmail, day, altcha: null), HttpStatusCode.BadRequest)).GetProperty("code").GetString().ShouldBe("altcha-missing");
        (await JsonAsync(await JoinAsync(fixture.A, "Omar Haddad", omarEmail, day, latest: "2020-01-01"), HttpStatusCode.UnprocessableEntity))
            .GetProperty("code").GetString().ShouldBe("appointment-waitlist-range");
        var place = (await JsonAsync(await JoinAsync(fixture.A, "Omar Haddad", omarEmail, day), HttpStatusCode.Created)).GetProperty("token").GetString()!;
        (await JsonAsync(await JoinAsync(fixture.A, " omar  HADDAD ", "other@example.org", day), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("appointment-waitlist-already", "one place per person and type");
        (await Client().GetAsync($"{Api(fixture.B)}/waitlist/{place}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another authority does not know the link");
        (await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/waitlist/{place}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("waiting");

        await JsonAsync(await Client().PostAsync($"{Api(fixture.A)}/bookings/{amina}/cancel", null), HttpStatusCode.OK);

        var mails = await TestMail.WaitForAsync(omarEmail, 2);
        mails.Select(m => m.GetProperty("subject").GetString()).ShouldBe(
            [$"You are on the waitlist of {fixture.A.Name}", $"An appointment with {fixture.A.Name} has become free for you"], ignoreOrder: true, "in the language the place was asked for in");
        var mail = mails.Single(m => m.GetProperty("subject").GetString()!.StartsWith("An appointment", StringComparison.Ordinal));
        var text = mail.GetProperty("text").GetString()!;
        text.ShouldNotContain("Omar");
        var offered = BookingLink().Match(text);
        offered.Success.ShouldBeTrue(text);
        var held = await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/bookings/{offered.Groups[1].Value}"), HttpStatusCode.OK);
        held.GetProperty("status").GetString().ShouldBe("held");
        held.GetProperty("start").GetString().ShouldBe(slots[0]);
        held.GetProperty("name").GetString().ShouldBe("Omar Haddad", "the seat is bound to the person who waited");
        held.GetProperty("holdExpiresAt").GetDateTimeOffset().ShouldBeGreaterThan(fixture.Clock.GetUtcNow().AddHours(11), "held for hours, not minutes");
        (await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/waitlist/{place}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("offered");

        var confirmed = await JsonAsync(await Client().PostAsJsonAsync($"{Api(fixture.A)}/bookings/confirm",
            new { token = offered.Groups[1].Value, name = "Omar Haddad", birthDate = "2012-09-30", email = omarEmail, altcha = await TestAltcha.SolveAsync(Client(), fixture.A.Key) }), HttpStatusCode.OK);
        confirmed.GetProperty("status").GetString().ShouldBe("confirmed");
    }

    [Fact]
    public async Task AnOfferLeftToRunOut_GoesToTheNextWhoWaits()
    {
        var slots = (await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/availability?type={BookingFixture.TypeKey}&days=30"), HttpStatusCode.OK))
            .GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()!).ToList();
        var day = slots[0][..10];
        var amina = await BookAsync(fixture.A, slots[0], "Amina Haddad", TestMail.NewAddress("amina"));
        var omarEmail = TestMail.NewAddress("omar");
        var laylaEmail = TestMail.NewAddress("layla");
        await JsonAsync(await JoinAsync(fixture.A, "Omar Haddad", omarEmail, day), HttpStatusCode.Created);
        await JsonAsync(await JoinAsync(fixture.A, "Layla Haddad", laylaEmail, day), HttpStatusCode.Created);
        await JsonAsync(await Client().PostAsync($"{Api(fixture.A)}/bookings/{amina}/cancel", null), HttpStatusCode.OK);
        var omarsOffer = BookingLink().Match((await TestMail.WaitForAsync(omarEmail, 2)).Single(m => m.GetProperty("subject").GetString()!.StartsWith("An appointment", StringComparison.Ordinal))
            .GetProperty("text").GetString()!).Groups[1].Value;

        // Nothing lapses while the offer holds; then Omar lets it run out.
        (await SweepAsync()).ShouldBe(0);
        var held = await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/bookings/{omarsOffer}"), HttpStatusCode.OK);
        fixture.Clock.SetUtcNow(held.GetProperty("holdExpiresAt").GetDateTimeOffset().AddMinutes(1).ToUniversalTime());
        (await SweepAsync(fixture.B)).ShouldBe(0, "another authority's sweep does not reach A's offers");
        (await SweepAsync()).ShouldBe(1);
        (await SweepAsync()).ShouldBe(0, "a second sweep frees nothing twice");

        (await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/bookings/{omarsOffer}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("expired");
        var laylas = (await TestMail.WaitForAsync(laylaEmail, 2)).Single(m => m.GetProperty("subject").GetString()!.StartsWith("An appointment", StringComparison.Ordinal));
        var offer = await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/bookings/{BookingLink().Match(laylas.GetProperty("text").GetString()!).Groups[1].Value}"), HttpStatusCode.OK);
        offer.GetProperty("status").GetString().ShouldBe("held");
        offer.GetProperty("start").GetString().ShouldBe(slots[0]);
        offer.GetProperty("name").GetString().ShouldBe("Layla Haddad", "the next who waits gets the seat");
    }

    private async Task<int> SweepAsync(TenantInfo? tenant = null)
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant ?? fixture.A);
        return await scope.ServiceProvider.GetRequiredService<Saas.Modules.Appointments.Features.Waitlist.ReofferLapsedSeats>().ExecuteAsync();
    }

    [Fact]
    public async Task APlaceIsWithdrawnByItsLink_AndThenWaitsNoLonger()
    {
        var day = (await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/availability?type={BookingFixture.TypeKey}&days=30"), HttpStatusCode.OK))
            .GetProperty("slots")[0].GetProperty("start").GetString()![..10];
        var place = (await JsonAsync(await JoinAsync(fixture.A, "Lina Haddad", TestMail.NewAddress("lina"), day), HttpStatusCode.Created)).GetProperty("token").GetString()!;
        (await Client().PostAsync($"{Api(fixture.B)}/waitlist/{place}/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(await Client().PostAsync($"{Api(fixture.A)}/waitlist/{place}/withdraw", null), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("withdrawn");
        // Withdrawn, the person may wait again.
        (await JoinAsync(fixture.A, "Lina Haddad", TestMail.NewAddress("lina"), day)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [GeneratedRegex("/termine/buchung/([A-Za-z0-9_-]{43})")]
    private static partial Regex BookingLink();
}
