using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments.Tests.Features.CallSystem;

/// <summary>
/// The call system (issue 15, item 5): a kiosk checks a booked person in by the QR code of their confirmation, in the
/// check-in window, or draws a walk-in ticket; counters call the next person (due appointments first, then by arrival),
/// recall, park, transfer, no-show and done; displays follow the calls as server-sent events; another authority's QR
/// codes, tickets, counters and zones are refused. Devices and staff only.
/// </summary>
[Collection(ClockedHosts.Name)]
public sealed class CallSystemTests(BookingFixture fixture) : IClassFixture<BookingFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesOnSaturdayNoonAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A kiosk of the authority: a token with the device role, as the client-credentials grant gives it.</summary>
    private HttpClient Kiosk(TenantInfo tenant)
    {
        var client = fixture.Anonymous(tenant);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TestTokens.Issue(fixture.App, tenant.Key, "device-" + tenant.Key, [Saas.Platform.Identity.SaasRoles.Device], []));
        return client;
    }

    private static async Task<string> CodeAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        (await BookingFixture.JsonAsync(response, expected)).GetProperty("code").GetString()!;

    /// <summary>An instant on the clock of Berlin on <paramref name="day"/>.</summary>
    private static DateTimeOffset At(DateOnly day, int hour, int minute)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, SlotGrid.Berlin.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Books the first free slots of the first bookable day (Monday 08:00, 08:30, …); returns the day and each booking code.</summary>
    private async Task<(DateOnly Day, List<string> Codes)> BookAsync(TenantInfo tenant, int count)
    {
        var client = fixture.Anonymous(tenant);
        var slots = (await BookingFixture.JsonAsync(await client.GetAsync($"api/appointments/availability?type={BookingFixture.TypeKey}&days=30"), HttpStatusCode.OK))
            .GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()!).ToList();
        var day = DateOnly.FromDateTime(DateTimeOffset.Parse(slots[0], CultureInfo.InvariantCulture).DateTime);
        var codes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var token = (await BookingFixture.JsonAsync(await client.PostAsJsonAsync("api/appointments/reservations", new { type = BookingFixture.TypeKey, start = slots[i] }), HttpStatusCode.Created))
                .GetProperty("token").GetString()!;
            var confirmed = await BookingFixture.JsonAsync(await client.PostAsJsonAsync("api/appointments/bookings/confirm",
                new { token, name = $"Person {i}", birthDate = "1991-04-02", email = $"p{i}@example.org", altcha = await TestAltcha.SolveAsync(client, tenant.Key) }), HttpStatusCode.OK);
            codes.Add(confirmed.GetProperty("code").GetString()!);
        }

        return (day, codes);
    }

    [Fact]
    public async Task WalkIns_DrawNumbers_PerLocationAndDay_OnlyForServicesThatAllowIt()
    {
        var kiosk = Kiosk(fixture.A);
        var view = await BookingFixture.JsonAsync(await kiosk.GetAsync("api/callsystem/amt/kiosk"), HttpStatusCode.OK);
        view.GetProperty("services").EnumerateArray().Where(s => s.GetProperty("walkIn").GetBoolean()).Select(s => s.GetProperty("service").GetString())
            .ShouldBe(["residence-permit", "card-pickup"]);

        var first = await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "residence-permit" }), HttpStatusCode.Created);
        var second = await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "card-pickup" }), HttpStatusCode.Created);
        var third = await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "residence-permit" }), HttpStatusCode.Created);
        (first.GetProperty("number").GetString(), second.GetProperty("number").GetString(), third.GetProperty("number").GetString())
            .ShouldBe(("A001", "K002", "A003"), "one running number per location and day, the service's letter in front");
        first.GetProperty("zoneName").GetString().ShouldBe("Wartebereich A");
        first.GetProperty("status").GetString().ShouldBe("waiting");

        (await CodeAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "settlement-permit" }), HttpStatusCode.UnprocessableEntity))
            .ShouldBe("callsystem-no-walk-in");
        (await CodeAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "visa" }), HttpStatusCode.NotFound)).ShouldBe("callsystem-service-unknown");
        (await CodeAsync(await kiosk.PostAsJsonAsync("api/callsystem/nirgendwo/kiosk/tickets", new { service = "residence-permit" }), HttpStatusCode.NotFound))
            .ShouldBe("callsystem-not-configured");

        // B's numbering is B's own: its first ticket is A001 as well.
        (await BookingFixture.JsonAsync(await Kiosk(fixture.B).PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "residence-permit" }), HttpStatusCode.Created))
            .GetProperty("number").GetString().ShouldBe("A001");
        // The next day starts again at 1.
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        (await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "residence-permit" }), HttpStatusCode.Created))
            .GetProperty("number").GetString().ShouldBe("A001");
    }

    [Fact]
    public async Task ABookedPerson_ChecksInByQrCode_InTheWindow_Once_AndNotAtAnotherAuthority()
    {
        var (day, codes) = await BookAsync(fixture.A, 1);
        var (_, codesOfB) = await BookAsync(fixture.B, 1);
        var kiosk = Kiosk(fixture.A);
        var qr = $"SAAS-TERMIN:{fixture.A.Key}:{codes[0]}";

        fixture.Clock.SetUtcNow(At(day, 7, 20));
        var early = await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/check-in", new { code = qr }), HttpStatusCode.UnprocessableEntity);
        early.GetProperty("code").GetString().ShouldBe("callsystem-too-early");
        early.GetProperty("title").GetString().ShouldBe("Sie sind früh da. Die Anmeldung zu Ihrem Termin ist ab 07:30 Uhr möglich.");

        fixture.Clock.SetUtcNow(At(day, 7, 45));
        var ticket = await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/check-in", new { code = qr }), HttpStatusCode.OK);
        ticket.GetProperty("number").GetString().ShouldBe("A001");
        ticket.GetProperty("appointmentAt").GetString()!.ShouldStartWith($"{day:yyyy-MM-dd}T08:00:00");
        ticket.TryGetProperty("person", out var person).ShouldBeTrue();
        person.ValueKind.ShouldBe(JsonValueKind.Null, "the kiosk is not shown who the person is");
        var again = await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/check-in", new { code = codes[0].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal) }), HttpStatusCode.OK);
        again.GetProperty("id").GetString().ShouldBe(ticket.GetProperty("id").GetString(), "a second scan (or the code typed) gives the same ticket");

        var other = await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/check-in", new { code = $"SAAS-TERMIN:{fixture.B.Key}:{codesOfB[0]}" }), HttpStatusCode.UnprocessableEntity);
        other.GetProperty("code").GetString().ShouldBe("callsystem-code-other-authority");
        (await CodeAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/check-in", new { code = codesOfB[0] }), HttpStatusCode.NotFound))
            .ShouldBe("callsystem-code-unknown", "B's code typed in at A's kiosk is not found: A's kiosk sees only A's bookings");
        (await CodeAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/check-in", new { code = new string('A', 101) }), HttpStatusCode.NotFound)).ShouldBe("callsystem-code-unknown");
        var english = new HttpRequestMessage(HttpMethod.Post, "api/callsystem/amt/kiosk/check-in") { Content = JsonContent.Create(new { code = "ZZZZ-ZZZZ" }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        (await BookingFixture.JsonAsync(await kiosk.SendAsync(english), HttpStatusCode.NotFound)).GetProperty("title").GetString()
            .ShouldBe("This code does not belong to a confirmed appointment here. Please check it, or draw a ticket without an appointment.");

        fixture.Clock.SetUtcNow(At(day, 8, 16));
        (await CodeAsync(await Kiosk(fixture.B).PostAsJsonAsync("api/callsystem/amt/kiosk/check-in", new { code = codesOfB[0] }), HttpStatusCode.UnprocessableEntity))
            .ShouldBe("callsystem-too-late", "the check-in closes 15 minutes after the start");
    }

    [Fact]
    public async Task Counters_CallDueAppointmentsFirst_ThenByArrival_OnePersonPerCounter_AndActOnlyOnTheirOwnTicket()
    {
        var (day, codes) = await BookAsync(fixture.A, 1);
        var kiosk = Kiosk(fixture.A);
        var cw = fixture.As(fixture.A, "cw");
        fixture.Clock.SetUtcNow(At(day, 7, 35));
        var walkIn = await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "residence-permit" }), HttpStatusCode.Created);
        fixture.Clock.SetUtcNow(At(day, 7, 38));
        var later = await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "residence-permit" }), HttpStatusCode.Created);
        fixture.Clock.SetUtcNow(At(day, 7, 40));
        var booked = await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/check-in", new { code = codes[0] }), HttpStatusCode.OK);

        // 07:45: the appointment at 08:00 is not due yet (10 minutes): the walk-in who came first is called.
        fixture.Clock.SetUtcNow(At(day, 7, 45));
        var s1 = await BookingFixture.JsonAsync(await cw.PostAsync("api/callsystem/amt/counters/s1/next", null), HttpStatusCode.OK);
        s1.GetProperty("current").GetProperty("number").GetString().ShouldBe(walkIn.GetProperty("number").GetString());
        (await CodeAsync(await cw.PostAsync("api/callsystem/amt/counters/s1/next", null), HttpStatusCode.Conflict)).ShouldBe("callsystem-counter-busy");
        var ticketAtS1 = s1.GetProperty("current");
        await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/callsystem/amt/counters/s1/tickets/{ticketAtS1.GetProperty("id")}/park", new { version = ticketAtS1.GetProperty("version").GetInt32() }), HttpStatusCode.OK);

        // 07:52: the appointment is due and goes before the second walk-in, who checked in before it.
        fixture.Clock.SetUtcNow(At(day, 7, 52));
        var s2 = await BookingFixture.JsonAsync(await fixture.As(fixture.A, "cw2").PostAsync("api/callsystem/amt/counters/s2/next", null), HttpStatusCode.OK);
        var current = s2.GetProperty("current");
        current.GetProperty("number").GetString().ShouldBe(booked.GetProperty("number").GetString(), "a due appointment goes before walk-ins who came earlier");
        current.GetProperty("code").GetString().ShouldBe(codes[0], "the counter sees the booking");
        current.GetProperty("person").GetString().ShouldBe("Person 0");
        s2.GetProperty("waiting").EnumerateArray().Select(t => t.GetProperty("number").GetString()).ShouldBe([later.GetProperty("number").GetString()]);

        var id = current.GetProperty("id").GetString();
        var version = current.GetProperty("version").GetInt32();
        (await CodeAsync(await cw.PostAsJsonAsync($"api/callsystem/amt/counters/s1/tickets/{id}/done", new { }), HttpStatusCode.Conflict))
            .ShouldBe("callsystem-ticket-not-here", "s1 cannot finish the ticket s2 serves");
        (await CodeAsync(await cw.PostAsJsonAsync($"api/callsystem/amt/counters/s2/tickets/{id}/done", new { version = version - 1 }), HttpStatusCode.Conflict))
            .ShouldBe("callsystem-ticket-changed", "a counter that saw an older state gets a conflict");
        var recalled = await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/callsystem/amt/counters/s2/tickets/{id}/recall", new { version }), HttpStatusCode.OK);
        recalled.GetProperty("current").GetProperty("calls").GetInt32().ShouldBe(2);
        (await CodeAsync(await cw.PostAsJsonAsync($"api/callsystem/amt/counters/s2/tickets/{id}/dance", new { }), HttpStatusCode.NotFound)).ShouldBe("callsystem-action-unknown");

        // Transfer to the card pick-up: the ticket keeps its number and waits for k1 in the other zone.
        (await CodeAsync(await cw.PostAsJsonAsync($"api/callsystem/amt/counters/s2/tickets/{id}/transfer", new { counter = "k1" }), HttpStatusCode.UnprocessableEntity))
            .ShouldBe("callsystem-counter-not-for-service", "k1 does not call residence permits");
        var transferred = await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/callsystem/amt/counters/s2/tickets/{id}/transfer", new { service = "card-pickup" }), HttpStatusCode.OK);
        transferred.GetProperty("current").ValueKind.ShouldBe(JsonValueKind.Null);
        var k1 = await BookingFixture.JsonAsync(await cw.PostAsync("api/callsystem/amt/counters/k1/next", null), HttpStatusCode.OK);
        k1.GetProperty("current").GetProperty("number").GetString().ShouldBe(booked.GetProperty("number").GetString());
        await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/callsystem/amt/counters/k1/tickets/{id}/done", new { }), HttpStatusCode.OK);

        // The parked walk-in is called back at s1; then nobody came for the later one.
        var parked = (await BookingFixture.JsonAsync(await cw.GetAsync("api/callsystem/amt/counters/s1"), HttpStatusCode.OK)).GetProperty("parked").EnumerateArray().ShouldHaveSingleItem();
        await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/callsystem/amt/counters/s1/tickets/{parked.GetProperty("id")}/resume", new { }), HttpStatusCode.OK);
        await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/callsystem/amt/counters/s1/tickets/{parked.GetProperty("id")}/done", new { }), HttpStatusCode.OK);
        var next = await BookingFixture.JsonAsync(await cw.PostAsync("api/callsystem/amt/counters/s1/next", null), HttpStatusCode.OK);
        await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/callsystem/amt/counters/s1/tickets/{next.GetProperty("current").GetProperty("id")}/no-show", new { }), HttpStatusCode.OK);
        var empty = await BookingFixture.JsonAsync(await cw.PostAsync("api/callsystem/amt/counters/s1/next", null), HttpStatusCode.OK);
        empty.GetProperty("current").ValueKind.ShouldBe(JsonValueKind.Null, "nobody is left to call");

        fixture.Clock.SetUtcNow(At(day, 8, 30));
        var figures = await BookingFixture.JsonAsync(await cw.GetAsync("api/callsystem/amt/figures"), HttpStatusCode.OK);
        figures.GetProperty("tickets").GetInt32().ShouldBe(3);
        figures.GetProperty("walkIns").GetInt32().ShouldBe(2);
        figures.GetProperty("done").GetInt32().ShouldBe(2);
        figures.GetProperty("noShows").GetInt32().ShouldBe(1);
        figures.GetProperty("appointments").GetInt32().ShouldBe(1);
        figures.GetProperty("appointmentsMissed").GetInt32().ShouldBe(0, "the booked person came");
        figures.GetProperty("averageWaitMinutes").GetDouble().ShouldBe(Math.Round((10.0 + 12.0 + 14.0) / 3, 1), "arrival to first call: 07:35–07:45, 07:40–07:52, 07:38–07:52");
    }

    [Fact]
    public async Task TwoCounters_CallingAtOnce_GetTwoPeople_NeverTheSame()
    {
        var kiosk = Kiosk(fixture.A);
        fixture.Clock.SetUtcNow(At(SlotGrid.LocalDate(fixture.Clock.GetUtcNow()).AddDays(2), 9, 0));
        for (var i = 0; i < 6; i++)
        {
            await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "residence-permit" }), HttpStatusCode.Created);
        }

        var calls = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            var counter = i % 2 == 0 ? "s1" : "s2";
            var response = await fixture.As(fixture.A, "cw").PostAsync($"api/callsystem/amt/counters/{counter}/next", null);
            return (Counter: counter, Status: response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));
        var served = calls.Where(c => c.Status == HttpStatusCode.OK).Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("current"))
            .Where(c => c.ValueKind == JsonValueKind.Object).Select(c => (c.GetProperty("counter").GetString(), c.GetProperty("number").GetString())).Distinct().ToList();
        calls.ShouldAllBe(c => c.Status == HttpStatusCode.OK || c.Status == HttpStatusCode.Conflict, string.Join("\n", calls.Select(c => c.Body)));
        served.Select(s => s.Item1).Distinct().Count().ShouldBe(2, "both counters serve someone");
        served.Count.ShouldBe(2, "each counter serves exactly one person, and not the same one");
        served[0].Item2.ShouldNotBe(served[1].Item2);
    }

    [Fact]
    public async Task TheDisplay_StreamsEachCall_OfItsZone_AsItCommits()
    {
        var kiosk = Kiosk(fixture.A);
        fixture.Clock.SetUtcNow(At(SlotGrid.LocalDate(fixture.Clock.GetUtcNow()).AddDays(2), 9, 0));
        await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "residence-permit" }), HttpStatusCode.Created);
        await BookingFixture.JsonAsync(await kiosk.PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "card-pickup" }), HttpStatusCode.Created);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/callsystem/amt/displays/warten/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await kiosk.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var snapshot = await NextEventAsync(reader, timeout.Token);
        snapshot.Name.ShouldBe("snapshot");
        snapshot.Data.GetProperty("zoneName").GetString().ShouldBe("Wartebereich A");
        snapshot.Data.GetProperty("recent").GetArrayLength().ShouldBe(0);

        // k1 calls in another zone: this display does not show it; s1's call comes next.
        await BookingFixture.JsonAsync(await fixture.As(fixture.A, "cw").PostAsync("api/callsystem/amt/counters/k1/next", null), HttpStatusCode.OK);
        var state = await BookingFixture.JsonAsync(await fixture.As(fixture.A, "cw").PostAsync("api/callsystem/amt/counters/s1/next", null), HttpStatusCode.OK);
        var call = await NextEventAsync(reader, timeout.Token);
        call.Name.ShouldBe("call");
        call.Data.GetProperty("number").GetString().ShouldBe("A001");
        call.Data.GetProperty("counterName").GetString().ShouldBe("Schalter 1");
        call.Data.GetProperty("recall").GetBoolean().ShouldBeFalse();
        await BookingFixture.JsonAsync(await fixture.As(fixture.A, "cw").PostAsJsonAsync($"api/callsystem/amt/counters/s1/tickets/{state.GetProperty("current").GetProperty("id")}/recall", new { }), HttpStatusCode.OK);
        var recall = await NextEventAsync(reader, timeout.Token);
        recall.Data.GetProperty("number").GetString().ShouldBe("A001");
        recall.Data.GetProperty("recall").GetBoolean().ShouldBeTrue();

        // Without text/event-stream the same address answers the recent calls as JSON.
        var json = await BookingFixture.JsonAsync(await kiosk.GetAsync("api/callsystem/amt/displays/warten/events"), HttpStatusCode.OK);
        json.GetProperty("recent").EnumerateArray().Select(c => c.GetProperty("number").GetString()).ShouldBe(["A001"]);
    }

    [Fact]
    public async Task OnlyDevicesAndStaff_ReachTheCallSystem_AndOnlyTheirAuthoritysCountersZonesAndTickets()
    {
        var ticket = await BookingFixture.JsonAsync(await Kiosk(fixture.A).PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "residence-permit" }), HttpStatusCode.Created);
        var id = ticket.GetProperty("id").GetString();

        (await fixture.Anonymous(fixture.A).GetAsync("api/callsystem/amt/kiosk")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await fixture.As(fixture.A, "app").PostAsJsonAsync("api/callsystem/amt/kiosk/tickets", new { service = "residence-permit" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.As(fixture.A, "app").GetAsync("api/callsystem/amt/displays/warten")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Kiosk(fixture.A).PostAsync("api/callsystem/amt/counters/s1/next", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a kiosk does not call people");
        (await Kiosk(fixture.A).GetAsync("api/callsystem/amt/figures")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Kiosk(fixture.B).GetAsync($"/t/{fixture.A.Key}/api/callsystem/amt/kiosk")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "B's device on A's path");

        (await CodeAsync(await fixture.As(fixture.B, "cw").PostAsJsonAsync($"api/callsystem/amt/counters/s1/tickets/{id}/done", new { }), HttpStatusCode.NotFound))
            .ShouldBe("callsystem-ticket-not-found", "B's counter does not reach A's ticket");
        (await CodeAsync(await fixture.As(fixture.A, "cw").GetAsync("api/callsystem/amt/counters/s9"), HttpStatusCode.NotFound)).ShouldBe("callsystem-counter-unknown");
        (await CodeAsync(await Kiosk(fixture.A).GetAsync("api/callsystem/amt/displays/lobby"), HttpStatusCode.NotFound)).ShouldBe("callsystem-zone-unknown");
        var b = await BookingFixture.JsonAsync(await fixture.As(fixture.B, "cw").PostAsync("api/callsystem/amt/counters/s1/next", null), HttpStatusCode.OK);
        b.GetProperty("current").ValueKind.ShouldBe(JsonValueKind.Null, "B's counter does not call A's people");
        (await BookingFixture.JsonAsync(await fixture.As(fixture.A, "cw").GetAsync("api/callsystem/amt/counters/s1"), HttpStatusCode.OK)).GetProperty("waiting").GetArrayLength().ShouldBe(1);
    }

    internal static async Task<(string Name, JsonElement Data)> NextEventAsync(StreamReader reader, CancellationToken ct)
    {
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
            else if (line.Length == 0 && name is not null && data is not null)
            {
                return (name, JsonDocument.Parse(data).RootElement.Clone());
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }
}
