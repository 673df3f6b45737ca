using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments.Tests.Features.Schedule;

/// <summary>
/// The front office's day (issue 15, item 7): staff see the day's appointments with the person each is bound to and
/// the lead time per type; they cancel one with a notice to the person, also after the applicants' cut-off; applicants,
/// anonymous callers and another authority's staff see and change nothing.
/// </summary>
[Collection(ClockedHosts.Name)]
public sealed partial class ScheduleTests(BookingFixture fixture) : IClassFixture<BookingFixture>, IAsyncLifetime
{
    /// <summary>Fresh authorities, and the clock on the next Saturday noon (as in BookingApiTests).</summary>
    public Task InitializeAsync() => fixture.FreshAuthoritiesOnSaturdayNoonAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Books the first free slots of the first bookable day as applicants do; returns the day and each booking's start, code and link token.</summary>
    private async Task<(DateOnly Day, List<(string Start, string Code, string Token)> Booked)> BookFirstDayAsync(TenantInfo tenant, params (string Name, string Email)[] people)
    {
        var client = fixture.Anonymous(tenant);
        var slots = (await BookingFixture.JsonAsync(await client.GetAsync($"api/appointments/availability?type={BookingFixture.TypeKey}&days=30"), HttpStatusCode.OK))
            .GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()!).ToList();
        var day = DateOnly.FromDateTime(DateTimeOffset.Parse(slots[0], System.Globalization.CultureInfo.InvariantCulture).DateTime);
        var booked = new List<(string, string, string)>();
        foreach (var ((name, email), start) in people.Zip(slots))
        {
            var token = (await BookingFixture.JsonAsync(await client.PostAsJsonAsync("api/appointments/reservations", new { type = BookingFixture.TypeKey, start }), HttpStatusCode.Created))
                .GetProperty("token").GetString()!;
            var confirmed = await BookingFixture.JsonAsync(await client.PostAsJsonAsync("api/appointments/bookings/confirm",
                new { token, name, birthDate = "1991-04-02", email, altcha = await TestAltcha.SolveAsync(client, tenant.Key) }), HttpStatusCode.OK);
            booked.Add((start, confirmed.GetProperty("code").GetString()!, token));
        }

        return (day, booked);
    }

    [Fact]
    public async Task Staff_SeeTheDaysAppointments_WithThePersonAndLeadTime_OthersSeeNothing()
    {
        var (day, booked) = await BookFirstDayAsync(fixture.A, ("Amina Haddad", "amina@example.org"), ("Omar Haddad", "omar@example.org"));
        var url = $"api/appointments/schedule?day={day:yyyy-MM-dd}";

        var schedule = await BookingFixture.JsonAsync(await fixture.As(fixture.A, "cw").GetAsync(url), HttpStatusCode.OK);
        var entries = schedule.GetProperty("entries").EnumerateArray().ToList();
        entries.Select(e => e.GetProperty("name").GetString()).ShouldBe(["Amina Haddad", "Omar Haddad"], "in the order of time");
        entries.Select(e => e.GetProperty("code").GetString()).ShouldBe(booked.Select(b => b.Code));
        entries[0].GetProperty("birthDate").GetString().ShouldBe("1991-04-02");
        entries[0].GetProperty("status").GetString().ShouldBe("confirmed");
        var lead = schedule.GetProperty("leadTimes").EnumerateArray().ShouldHaveSingleItem();
        lead.GetProperty("bookings").GetInt32().ShouldBe(2);
        lead.GetProperty("medianDays").GetDouble().ShouldBeGreaterThan(1.5, "booked on Saturday noon for Monday or later");

        (await fixture.As(fixture.A, "app").GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "an applicant is not staff");
        (await fixture.Anonymous(fixture.A).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await BookingFixture.JsonAsync(await fixture.As(fixture.B, "cw").GetAsync(url), HttpStatusCode.OK)).GetProperty("entries").GetArrayLength().ShouldBe(0, "another authority's staff see only their own");
        (await BookingFixture.JsonAsync(await fixture.As(fixture.A, "cw").GetAsync(url + "&location=nirgendwo"), HttpStatusCode.NotFound)).GetProperty("code").GetString().ShouldBe("appointment-location-not-found");
        (await BookingFixture.JsonAsync(await fixture.As(fixture.A, "cw").GetAsync(url + "&location=amt"), HttpStatusCode.OK)).GetProperty("entries").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Staff_CancelAnAppointment_AfterTheCutoff_TheSeatIsFreed_AndThePersonIsToldInTheirLanguage()
    {
        var email = TestMail.NewAddress("office");
        var (day, booked) = await BookFirstDayAsync(fixture.A, ("Amina Haddad", email));
        var cw = fixture.As(fixture.A, "cw");
        var id = (await BookingFixture.JsonAsync(await cw.GetAsync($"api/appointments/schedule?day={day:yyyy-MM-dd}"), HttpStatusCode.OK)).GetProperty("entries")[0].GetProperty("id").GetString();
        // Past the applicants' cut-off of 24 hours: they could no longer cancel online, the office still can.
        fixture.Clock.SetUtcNow(DateTimeOffset.Parse(booked[0].Start, System.Globalization.CultureInfo.InvariantCulture).AddHours(-2).ToUniversalTime());

        (await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/appointments/schedule/{id}/cancel", new { reason = new string('x', 501) }), HttpStatusCode.UnprocessableEntity))
            .GetProperty("code").GetString().ShouldBe("appointment-reason-too-long");
        (await fixture.As(fixture.B, "cw").PostAsJsonAsync($"api/appointments/schedule/{id}/cancel", new { reason = "B" })).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another authority's staff do not reach A's booking");
        (await fixture.As(fixture.A, "app").PostAsJsonAsync($"api/appointments/schedule/{id}/cancel", new { reason = "app" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var cancelled = await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/appointments/schedule/{id}/cancel", new { reason = "Krankheit" }), HttpStatusCode.OK);
        cancelled.GetProperty("status").GetString().ShouldBe("cancelled");
        cancelled.GetProperty("typeName").GetString().ShouldBe("Verlängerung");
        (await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/appointments/schedule/{id}/cancel", new { reason = "again" }), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("appointment-not-confirmed");
        (await BookingFixture.JsonAsync(await fixture.Anonymous(fixture.A).GetAsync($"api/appointments/bookings/{booked[0].Token}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("cancelled");
        var free = (await BookingFixture.JsonAsync(await fixture.Anonymous(fixture.A).GetAsync($"api/appointments/availability?type={BookingFixture.TypeKey}&days=2"), HttpStatusCode.OK))
            .GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()).ToList();
        free.ShouldContain(booked[0].Start, "the office's cancellation frees the seat for the next applicant");

        var mails = await TestMail.WaitForAsync(email, 2);
        mails.Select(m => m.GetProperty("subject").GetString()).ShouldBe([$"Ihr Termin bei {fixture.A.Name} ist gebucht", $"Ihr Termin bei {fixture.A.Name} wurde abgesagt"], ignoreOrder: true);
        var mail = mails.Single(m => m.GetProperty("subject").GetString()!.EndsWith("abgesagt", StringComparison.Ordinal));
        var text = mail.GetProperty("text").GetString()!;
        text.ShouldContain($"{SaasAppFactory.PublicBaseUrl}t/{fixture.A.Key}/termine");
        text.ShouldNotContain("Krankheit", customMessage: "the reason stays internal");
        text.ShouldNotContain("Amina");
    }

    [Fact]
    public async Task Staff_MoveAnAppointment_AfterTheCutoff_ThePersonGetsTheNewLink_AndTheOldSeatIsFreed()
    {
        var email = TestMail.NewAddress("moved");
        var (day, booked) = await BookFirstDayAsync(fixture.A, ("Amina Haddad", email));
        var cw = fixture.As(fixture.A, "cw");
        var id = (await BookingFixture.JsonAsync(await cw.GetAsync($"api/appointments/schedule?day={day:yyyy-MM-dd}"), HttpStatusCode.OK)).GetProperty("entries")[0].GetProperty("id").GetString();
        var start = DateTimeOffset.Parse(booked[0].Start, System.Globalization.CultureInfo.InvariantCulture);
        fixture.Clock.SetUtcNow(start.AddHours(-2).ToUniversalTime());
        var target = (await BookingFixture.JsonAsync(await fixture.Anonymous(fixture.A).GetAsync($"api/appointments/availability?type={BookingFixture.TypeKey}&days=7"), HttpStatusCode.OK))
            .GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()!).First(s => s != booked[0].Start);
        var url = $"api/appointments/schedule/{id}/move";

        (await BookingFixture.JsonAsync(await cw.PostAsJsonAsync(url, new { start = target, reason = new string('x', 501) }), HttpStatusCode.UnprocessableEntity))
            .GetProperty("code").GetString().ShouldBe("appointment-reason-too-long");
        (await BookingFixture.JsonAsync(await cw.PostAsJsonAsync(url, new { start = start.AddMinutes(7) }), HttpStatusCode.UnprocessableEntity))
            .GetProperty("code").GetString().ShouldBe("appointment-slot-unavailable", "not a slot of the type's grid");
        (await fixture.As(fixture.B, "cw").PostAsJsonAsync(url, new { start = target })).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another authority's staff do not reach A's booking");
        (await fixture.As(fixture.A, "app").PostAsJsonAsync(url, new { start = target })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var moved = await BookingFixture.JsonAsync(await cw.PostAsJsonAsync(url, new { start = target, reason = "Schulung" }), HttpStatusCode.OK);
        moved.GetProperty("start").GetDateTimeOffset().ShouldBe(DateTimeOffset.Parse(target, System.Globalization.CultureInfo.InvariantCulture));
        moved.GetProperty("code").GetString().ShouldBe(booked[0].Code, "the code stays, for the check-in");
        (await fixture.Anonymous(fixture.A).GetAsync($"api/appointments/bookings/{booked[0].Token}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the old link stops working");
        var free = (await BookingFixture.JsonAsync(await fixture.Anonymous(fixture.A).GetAsync($"api/appointments/availability?type={BookingFixture.TypeKey}&days=7"), HttpStatusCode.OK))
            .GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()).ToList();
        free.ShouldContain(booked[0].Start, "the old seat is free again");
        free.ShouldNotContain(target, "the new one is taken");

        var mails = await TestMail.WaitForAsync(email, 2);
        var mail = mails.Single(m => m.GetProperty("subject").GetString() == $"Ihr Termin bei {fixture.A.Name} wurde verlegt");
        var text = mail.GetProperty("text").GetString()!;
        text.ShouldNotContain("Schulung", customMessage: "the reason stays internal");
        var link = LinkInMail().Match(text);
        link.Success.ShouldBeTrue(text);
        var booking = await BookingFixture.JsonAsync(await fixture.Anonymous(fixture.A).GetAsync($"api/appointments/bookings/{link.Groups["token"].Value}"), HttpStatusCode.OK);
        booking.GetProperty("start").GetString().ShouldBe(target);
        booking.GetProperty("code").GetString().ShouldBe(booked[0].Code);

        var page = await cw.GetStringAsync($"workbench/termine/verlegen/{id}");
        page.ShouldContain("<h1 class=\"kern-heading-large\">Termin verlegen</h1>");
        page.ShouldContain("name=\"start\" value=\"" + System.Net.WebUtility.HtmlEncode(booked[0].Start).Replace("+", "&#x2B;", StringComparison.Ordinal) + "\"", customMessage: "the freed slot is offered again");
        (await fixture.As(fixture.A, "app").GetAsync($"workbench/termine/verlegen/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [GeneratedRegex(@"/termine/buchung/(?<token>[A-Za-z0-9_-]{43})")]
    private static partial Regex LinkInMail();

    [Fact]
    public async Task TheStaffPage_ShowsTheDay_LinksThePersonsFile_AndCancelsWithANotice()
    {
        var (day, booked) = await BookFirstDayAsync(fixture.A, ("Amina Haddad", "amina@example.org"));
        var cw = fixture.As(fixture.A, "cw");
        var url = $"workbench/termine?tag={day:yyyy-MM-dd}";
        var page = await cw.GetStringAsync(url);
        page.ShouldContain("<h1 class=\"kern-heading-large\">Termine des Tages</h1>");
        page.ShouldContain($"href=\"/t/{fixture.A.Key}/workbench?Name=Amina%20Haddad&amp;BirthDate=1991-04-02\"", customMessage: "the person's file one click away");
        page.ShouldContain(booked[0].Code);
        (await fixture.As(fixture.A, "app").GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var form = CancelForm().Match(page);
        form.Success.ShouldBeTrue("a confirmed appointment has its cancel form");
        var token = Antiforgery().Match(page).Groups[1].Value;
        var response = await cw.PostAsync(WebUtility.HtmlDecode(form.Groups[1].Value).TrimStart('/')[$"t/{fixture.A.Key}/".Length..],
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["reason"] = "Schließung" }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var after = await cw.GetStringAsync(response.Headers.Location!.OriginalString.TrimStart('/')[$"t/{fixture.A.Key}/".Length..]);
        after.ShouldContain($"Der Termin {booked[0].Code} ist abgesagt");
        after.ShouldContain("<td>abgesagt</td>");
        CancelForm().IsMatch(after).ShouldBeFalse("a cancelled appointment cannot be cancelled again");
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*handler=Cancel[^\"]*)\"")]
    private static partial Regex CancelForm();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
