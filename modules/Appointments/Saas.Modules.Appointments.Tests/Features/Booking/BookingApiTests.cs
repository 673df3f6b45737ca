using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments.Tests.Features.Booking;

/// <summary>
/// Booking by applicants through the API (docs/adr/0031): availability → reserve → confirm → .ics → cancel and rebook
/// by link, the loser of a race offered the next free slots, holds that run out, limits per e-mail and per person,
/// the cut-off, and another authority's link not found.
/// </summary>
[Collection(ClockedHosts.Name)]
public sealed class BookingApiTests(BookingFixture fixture) : IClassFixture<BookingFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesOnSaturdayNoonAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Client() => fixture.App.CreateClient();

    private static string Api(TenantInfo tenant) => $"/t/{tenant.Key}/api/appointments";

    private async Task<List<(string Start, int Free)>> SlotsAsync(TenantInfo tenant)
    {
        var response = await Client().GetAsync($"{Api(tenant)}/availability?type={BookingFixture.TypeKey}&days=30");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("slots").EnumerateArray()
            .Select(s => (s.GetProperty("start").GetString()!, s.GetProperty("free").GetInt32()))];
    }

    private Task<HttpResponseMessage> ReserveAsync(TenantInfo tenant, string start) =>
        Client().PostAsJsonAsync($"{Api(tenant)}/reservations", new { type = BookingFixture.TypeKey, start });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<string> HoldAsync(TenantInfo tenant, string start) =>
        (await JsonAsync(await ReserveAsync(tenant, start), HttpStatusCode.Created)).GetProperty("token").GetString()!;

    private async Task<HttpResponseMessage> ConfirmAsync(TenantInfo tenant, string token, string name = "Amina Haddad", string birthDate = "1991-04-02", string email = "amina@example.org") =>
        await Client().PostAsJsonAsync($"{Api(tenant)}/bookings/confirm", new { token, name, birthDate, email, altcha = await TestAltcha.SolveAsync(Client(), tenant.Key) });

    [Fact]
    public async Task Reserve_Confirm_Ics_Cancel_FreesTheSeat()
    {
        var slots = await SlotsAsync(fixture.A);
        slots.ShouldNotBeEmpty();
        slots.ShouldAllBe(s => s.Free == 1);
        var start = slots[0].Start;

        var token = await HoldAsync(fixture.A, start);
        (await SlotsAsync(fixture.A)).ShouldNotContain(s => s.Start == start, "a held seat is not offered");
        var confirmed = await JsonAsync(await ConfirmAsync(fixture.A, token), HttpStatusCode.OK);
        confirmed.GetProperty("status").GetString().ShouldBe("confirmed");
        var code = confirmed.GetProperty("code").GetString()!;
        code.ShouldMatch("^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$");
        (await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/bookings/{token}"), HttpStatusCode.OK)).GetProperty("name").GetString().ShouldBe("Amina Haddad");

        var ics = await Client().GetAsync($"{Api(fixture.A)}/bookings/{token}/ics");
        ics.StatusCode.ShouldBe(HttpStatusCode.OK);
        ics.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var text = await ics.Content.ReadAsStringAsync();
        var calendar = Ical.Net.Calendar.Load(text)!;
        var appointment = calendar.Events.ShouldHaveSingleItem();
        var startsAt = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        appointment.DtStart!.AsUtc.ShouldBe(startsAt.UtcDateTime);
        (appointment.DtEnd!.AsUtc - appointment.DtStart.AsUtc).ShouldBe(TimeSpan.FromMinutes(30));
        appointment.Description!.ShouldContain(code);
        appointment.Location!.ShouldContain("Markt 1");
        // An independent reader (Python's icalendar, from Debian) sees the same event.
        var independent = await ParseWithPythonAsync(text);
        independent.ShouldBe($"{startsAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss}+00:00|{startsAt.UtcDateTime.AddMinutes(30):yyyy-MM-ddTHH:mm:ss}+00:00|Verlängerung|{code}");

        var cancelled = await JsonAsync(await Client().PostAsync($"{Api(fixture.A)}/bookings/{token}/cancel", null), HttpStatusCode.OK);
        cancelled.GetProperty("status").GetString().ShouldBe("cancelled");
        (await SlotsAsync(fixture.A)).ShouldContain(s => s.Start == start, "the cancelled seat is free again");
        (await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/bookings/{token}/ics"), HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("appointment-not-confirmed");
    }

    [Fact]
    public async Task TheLoserOfASlot_GetsA409_WithTheNextFreeSlots()
    {
        var slots = await SlotsAsync(fixture.A);
        await HoldAsync(fixture.A, slots[0].Start);

        var problem = await JsonAsync(await ReserveAsync(fixture.A, slots[0].Start), HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("appointment-slot-taken");
        var alternatives = problem.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("start").GetString()!).ToList();
        alternatives.Count.ShouldBe(5);
        alternatives.ShouldBe(slots.Skip(1).Take(5).Select(s => s.Start));
        // The offered slot can be taken.
        await HoldAsync(fixture.A, alternatives[0]);
    }

    [Fact]
    public async Task AHoldThatRanOut_FreesItsSeat_AndCannotBeConfirmed()
    {
        var start = (await SlotsAsync(fixture.A))[0].Start;
        var first = await HoldAsync(fixture.A, start);
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));

        (await SlotsAsync(fixture.A)).ShouldContain(s => s.Start == start);
        var second = await HoldAsync(fixture.A, start);
        (await JsonAsync(await ConfirmAsync(fixture.A, first), HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("appointment-hold-expired");
        await JsonAsync(await ConfirmAsync(fixture.A, second), HttpStatusCode.OK);
    }

    [Fact]
    public async Task LimitsPerEmailAndPerPerson_Answer429()
    {
        var slots = await SlotsAsync(fixture.A);
        await JsonAsync(await ConfirmAsync(fixture.A, await HoldAsync(fixture.A, slots[0].Start), "Amina Haddad", "1991-04-02", "family@example.org"), HttpStatusCode.OK);
        await JsonAsync(await ConfirmAsync(fixture.A, await HoldAsync(fixture.A, slots[1].Start), "Omar Haddad", "2012-09-30", "family@example.org"), HttpStatusCode.OK);

        var perEmail = await JsonAsync(await ConfirmAsync(fixture.A, await HoldAsync(fixture.A, slots[2].Start), "Lina Haddad", "2015-01-12", "Family@Example.org"), HttpStatusCode.TooManyRequests);
        perEmail.GetProperty("code").GetString().ShouldBe("appointment-limit-email");
        perEmail.GetProperty("title").GetString()!.ShouldContain("2");
        // The same person under another address and with other spacing and case of the name.
        var perPerson = await JsonAsync(await ConfirmAsync(fixture.A, await HoldAsync(fixture.A, slots[3].Start), " amina  HADDAD ", "1991-04-02", "amina@example.net"), HttpStatusCode.TooManyRequests);
        perPerson.GetProperty("code").GetString().ShouldBe("appointment-limit-person");
        // Another authority counts its own bookings.
        var inB = await SlotsAsync(fixture.B);
        await JsonAsync(await ConfirmAsync(fixture.B, await HoldAsync(fixture.B, inB[0].Start), "Amina Haddad", "1991-04-02", "family@example.org"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task AMissingForgedForeignOrReusedAltcha_IsRefused_AndASolutionRefusedForAnotherReasonStaysUsable()
    {
        var slots = await SlotsAsync(fixture.A);
        var token = await HoldAsync(fixture.A, slots[0].Start);
        async Task<string> RefusedAsync(string? altcha, HttpStatusCode status, string email = "amina@example.org")
        {
            var problem = await JsonAsync(await Client().PostAsJsonAsync($"{Api(fixture.A)}/bookings/confirm",
                new { token, name = "Amina Haddad", birthDate = "1991-04-02", email, altcha }), status);
            return problem.GetProperty("code").GetString()!;
        }

        (await RefusedAsync(null, HttpStatusCode.BadRequest)).ShouldBe("altcha-missing");
        (await RefusedAsync("not base64 at all", HttpStatusCode.BadRequest)).ShouldBe("altcha-invalid");
        (await RefusedAsync(new string('A', Saas.Platform.Antibot.Altcha.MaxPayloadLength + 4), HttpStatusCode.BadRequest)).ShouldBe("altcha-invalid");
        (await RefusedAsync(await TestAltcha.SolveAsync(Client(), fixture.B.Key), HttpStatusCode.BadRequest)).ShouldBe("altcha-invalid", "another authority's solution is worth nothing here");

        var solved = await TestAltcha.SolveAsync(Client(), fixture.A.Key);
        (await RefusedAsync(Tampered(solved, "challenge", "parameters", "cost", 2), HttpStatusCode.BadRequest)).ShouldBe("altcha-invalid", "the parameters are signed");
        (await RefusedAsync(Tampered(solved, "solution", null, "derivedKey", new string('0', 64)), HttpStatusCode.BadRequest)).ShouldBe("altcha-invalid", "the key must be the one derived");
        (await RefusedAsync(Tampered(solved, "challenge", "parameters", "extra", "x"), HttpStatusCode.BadRequest)).ShouldBe("altcha-invalid", "only the parameters issued are read");

        // Refused for the address: the solution is not spent, and confirms once the address is right.
        (await RefusedAsync(solved, HttpStatusCode.UnprocessableEntity, "not-an-address")).ShouldBe("appointment-person-invalid");
        await JsonAsync(await Client().PostAsJsonAsync($"{Api(fixture.A)}/bookings/confirm",
            new { token, name = "Amina Haddad", birthDate = "1991-04-02", email = "amina@example.org", altcha = solved }), HttpStatusCode.OK);

        // Used once, never again: another hold with the same solution is refused and stays held.
        var second = await HoldAsync(fixture.A, slots[1].Start);
        var replayed = await JsonAsync(await Client().PostAsJsonAsync($"{Api(fixture.A)}/bookings/confirm",
            new { token = second, name = "Omar Haddad", birthDate = "2012-09-30", email = "omar@example.org", altcha = solved }), HttpStatusCode.Conflict);
        replayed.GetProperty("code").GetString().ShouldBe("altcha-replayed");
        (await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/bookings/{second}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("held");

        // A challenge past its time is refused as expired (the widget then fetches a new one).
        var late = await TestAltcha.SolveAsync(Client(), fixture.A.Key);
        fixture.Clock.Advance(TimeSpan.FromMinutes(21));
        var expired = await JsonAsync(await Client().PostAsJsonAsync($"{Api(fixture.A)}/bookings/confirm",
            new { token = second, name = "Omar Haddad", birthDate = "2012-09-30", email = "omar@example.org", altcha = late }), HttpStatusCode.BadRequest);
        expired.GetProperty("code").GetString().ShouldBe("altcha-expired");
    }

    /// <summary>The payload with one property changed (under <paramref name="outer"/>, and <paramref name="inner"/> if given).</summary>
    private static string Tampered(string payload, string outer, string? inner, string name, object value)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Convert.FromBase64String(payload))!;
        var target = inner is null ? json[outer]! : json[outer]![inner]!;
        target[name] = System.Text.Json.Nodes.JsonValue.Create(value);
        return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    [Fact]
    public async Task PublicWrites_OverTheClientLimit_Answer429_InTheReadersLanguage_ButReadsAndAnotherAuthorityGoOn()
    {
        var offGrid = new { type = BookingFixture.TypeKey, start = "2020-01-06T08:07:00+01:00" };
        for (var i = 0; i < 30; i++)
        {
            (await Client().PostAsJsonAsync($"{Api(fixture.A)}/reservations", offGrid)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api(fixture.A)}/reservations") { Content = JsonContent.Create(offGrid) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var limited = await Client().SendAsync(request);
        var problem = await JsonAsync(limited, HttpStatusCode.TooManyRequests);
        problem.GetProperty("code").GetString().ShouldBe("too-many-requests-client");
        problem.GetProperty("title").GetString()!.ShouldStartWith("Too many requests came from your connection");
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await Client().GetAsync($"/t/{fixture.A.Key}/api/altcha/challenge")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "a challenge counts as a write");

        (await SlotsAsync(fixture.A)).ShouldNotBeEmpty("reading free slots does not count");
        (await Client().PostAsJsonAsync($"{Api(fixture.B)}/reservations", offGrid)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "another authority counts on its own");
    }

    [Fact]
    public async Task Rebook_MovesTheSeat_AndAfterTheCutoff_NeitherCancelNorRebook()
    {
        var slots = await SlotsAsync(fixture.A);
        var token = await HoldAsync(fixture.A, slots[0].Start);
        await JsonAsync(await ConfirmAsync(fixture.A, token), HttpStatusCode.OK);
        var other = await HoldAsync(fixture.A, slots[1].Start);

        var taken = await JsonAsync(await Client().PostAsJsonAsync($"{Api(fixture.A)}/bookings/{token}/rebook", new { start = slots[1].Start }), HttpStatusCode.Conflict);
        taken.GetProperty("code").GetString().ShouldBe("appointment-slot-taken");
        (await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/bookings/{token}"), HttpStatusCode.OK)).GetProperty("start").GetString().ShouldBe(slots[0].Start, "nothing booked before is lost");
        (await JsonAsync(await Client().PostAsJsonAsync($"{Api(fixture.A)}/bookings/{token}/rebook", new { start = "2020-01-06T08:00:00+01:00" }), HttpStatusCode.UnprocessableEntity))
            .GetProperty("code").GetString().ShouldBe("appointment-slot-unavailable");

        var moved = await JsonAsync(await Client().PostAsJsonAsync($"{Api(fixture.A)}/bookings/{token}/rebook", new { start = slots[2].Start }), HttpStatusCode.OK);
        moved.GetProperty("start").GetString().ShouldBe(slots[2].Start);
        var now = await SlotsAsync(fixture.A);
        now.ShouldContain(s => s.Start == slots[0].Start, "the old seat is free");
        now.ShouldNotContain(s => s.Start == slots[2].Start);
        other.ShouldNotBeNullOrEmpty();

        var startsAt = DateTimeOffset.Parse(slots[2].Start, System.Globalization.CultureInfo.InvariantCulture);
        fixture.Clock.SetUtcNow(startsAt.AddHours(-BookingFixture.CutoffHours).AddMinutes(1).ToUniversalTime());
        (await JsonAsync(await Client().PostAsync($"{Api(fixture.A)}/bookings/{token}/cancel", null), HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("appointment-cutoff-passed");
        (await JsonAsync(await Client().PostAsJsonAsync($"{Api(fixture.A)}/bookings/{token}/rebook", new { start = slots[^1].Start }), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("appointment-cutoff-passed");
    }

    [Fact]
    public async Task AStartOffTheGrid_IsRefused_AndAnotherAuthoritysLinkIsNotFound()
    {
        var slots = await SlotsAsync(fixture.A);
        var off = DateTimeOffset.Parse(slots[0].Start, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(7).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        (await JsonAsync(await ReserveAsync(fixture.A, off), HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString().ShouldBe("appointment-slot-unavailable");

        var token = await HoldAsync(fixture.A, slots[0].Start);
        await JsonAsync(await ConfirmAsync(fixture.A, token), HttpStatusCode.OK);
        foreach (var path in new[] { $"bookings/{token}", $"bookings/{token}/ics" })
        {
            (await JsonAsync(await Client().GetAsync($"{Api(fixture.B)}/{path}"), HttpStatusCode.NotFound)).GetProperty("code").GetString().ShouldBe("appointment-booking-not-found");
        }

        (await Client().PostAsync($"{Api(fixture.B)}/bookings/{token}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(await Client().GetAsync($"{Api(fixture.A)}/bookings/{token}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("confirmed");
    }

    /// <summary>start|end|summary|code as Python's icalendar reads the calendar (Debian's python3-icalendar, scripts/tools.sh).</summary>
    private static async Task<string> ParseWithPythonAsync(string ics)
    {
        var file = Path.Combine(Path.GetTempPath(), $"booking-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(file, ics);
        try
        {
            var script = "import sys, re, icalendar\n"
                + "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
                + "e = [c for c in cal.walk('VEVENT')][0]\n"
                + "code = re.search(r'[A-Z2-9]{4}-[A-Z2-9]{4}', str(e.get('description'))).group(0)\n"
                + "print('|'.join([e.decoded('dtstart').isoformat(), e.decoded('dtend').isoformat(), str(e.get('summary')), code]))\n";
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", script, file]) 
            {
                RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8,
                Environment = { ["PYTHONIOENCODING"] = "utf-8" },
            })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, error);
            return output.Trim();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
