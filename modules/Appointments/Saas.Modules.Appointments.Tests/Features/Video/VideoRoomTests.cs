using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Saas.Modules.Appointments.Features.Video;
using Saas.Modules.Appointments.Tests.Features.CallSystem;

namespace Saas.Modules.Appointments.Tests.Features.Video;

/// <summary>
/// Digital office hours (issue 15, item 6; docs/adr/0039) through the API: a video appointment's room, reached by the
/// applicant with the link token and by staff with the booking's id, open only around its time; signals of one side
/// reach the other's stream (and not its own), bad signals are refused; an upload lands in the person's e-file; another
/// authority reaches nothing. The browsers' side (WebRTC with fake media) is in Saas.Browser.Tests.
/// </summary>
[Collection(ClockedHosts.Name)]
public sealed class VideoRoomTests(BookingFixture fixture) : IClassFixture<BookingFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesOnSaturdayNoonAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(string Token, Guid Id, DateTimeOffset Start, DateTimeOffset End)> BookVideoAsync(string type = BookingFixture.VideoTypeKey, string name = "Amina Haddad")
    {
        var client = fixture.Anonymous(fixture.A);
        var slot = (await BookingFixture.JsonAsync(await client.GetAsync($"api/appointments/availability?type={type}&days=30"), HttpStatusCode.OK)).GetProperty("slots")[0];
        var start = slot.GetProperty("start").GetString()!;
        var token = (await BookingFixture.JsonAsync(await client.PostAsJsonAsync("api/appointments/reservations", new { type, start }), HttpStatusCode.Created)).GetProperty("token").GetString()!;
        await BookingFixture.JsonAsync(await client.PostAsJsonAsync("api/appointments/bookings/confirm",
            new { token, name, birthDate = "1991-04-02", email = TestMail.NewAddress("video"), altcha = await TestAltcha.SolveAsync(client, fixture.A.Key) }), HttpStatusCode.OK);
        var startsAt = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture);
        var day = startsAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var entry = (await BookingFixture.JsonAsync(await fixture.As(fixture.A, "cw").GetAsync($"api/appointments/schedule?day={day}"), HttpStatusCode.OK))
            .GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("type").GetString() == type);
        entry.GetProperty("video").GetBoolean().ShouldBe(type == BookingFixture.VideoTypeKey);
        return (token, Guid.Parse(entry.GetProperty("id").GetString()!), startsAt, DateTimeOffset.Parse(slot.GetProperty("end").GetString()!, CultureInfo.InvariantCulture));
    }

    private static StringContent Signal(string kind, string payload) =>
        new(JsonSerializer.Serialize(new { kind, payload }), System.Text.Encoding.UTF8, "application/json");

    private static async Task<(HttpResponseMessage Response, StreamReader Reader)> StreamAsync(HttpClient client, string url, CancellationToken ct, long? after = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (after is { } last)
        {
            request.Headers.Add("Last-Event-ID", last.ToString(CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync(ct)));
    }

    [Fact]
    public async Task TheRoom_OpensAroundItsTime_SignalsReachTheOtherSide_AndBadSignalsAreRefused()
    {
        var (token, id, start, end) = await BookVideoAsync();
        var applicant = fixture.Anonymous(fixture.A);
        var staff = fixture.As(fixture.A, "cw");
        var room = $"api/appointments/video/{token}";
        var staffRoom = $"api/appointments/video-rooms/{id}";

        var early = await BookingFixture.JsonAsync(await applicant.GetAsync(room), HttpStatusCode.OK);
        early.GetProperty("state").GetString().ShouldBe("not-yet");
        early.GetProperty("role").GetString().ShouldBe("applicant");
        early.GetProperty("opensAt").GetDateTimeOffset().ShouldBe(start.AddMinutes(-10));
        early.TryGetProperty("name", out var hidden).ShouldBe(hidden.ValueKind == JsonValueKind.Null, "the applicant's view names nobody");
        (await BookingFixture.JsonAsync(await applicant.PostAsync(room + "/signals", Signal("hello", "{}")), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("appointment-video-not-open");

        // Another authority, an applicant's sign-in, a booking that is not a video one: no room.
        (await BookingFixture.JsonAsync(await fixture.Anonymous(fixture.B).GetAsync(room), HttpStatusCode.NotFound)).GetProperty("code").GetString().ShouldBe("appointment-booking-not-found");
        (await fixture.As(fixture.B, "cw").GetAsync(staffRoom)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.As(fixture.B, "cw").PostAsync(staffRoom + "/signals", Signal("hello", "{}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.As(fixture.A, "app").GetAsync(staffRoom)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.Anonymous(fixture.A).GetAsync(staffRoom)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var (probe, _, _, _) = await BookVideoAsync(BookingFixture.TypeKey, "Omar Haddad");
        (await BookingFixture.JsonAsync(await applicant.GetAsync($"api/appointments/video/{probe}"), HttpStatusCode.NotFound)).GetProperty("code").GetString().ShouldBe("appointment-video-not-video");

        fixture.Clock.SetUtcNow(start.AddMinutes(-5).ToUniversalTime());
        var open = await BookingFixture.JsonAsync(await staff.GetAsync(staffRoom), HttpStatusCode.OK);
        open.GetProperty("state").GetString().ShouldBe("open");
        open.GetProperty("name").GetString().ShouldBe("Amina Haddad");
        open.GetProperty("iceServers").GetArrayLength().ShouldBe(0, "no STUN or TURN configured for the tests");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (staffResponse, staffEvents) = await StreamAsync(staff, staffRoom + "/signals", timeout.Token);
        using (staffResponse)
        using (staffEvents)
        {
            (await applicant.PostAsync(room + "/signals", Signal("hello", "{}"))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var hello = await CallSystemTests.NextEventAsync(staffEvents, timeout.Token);
            hello.Name.ShouldBe("signal");
            hello.Data.GetProperty("sender").GetString().ShouldBe("applicant");
            hello.Data.GetProperty("kind").GetString().ShouldBe("hello");

            const string Offer = """{"session":"s1","sdp":{"type":"offer","sdp":"v=0\r\n"}}""";
            (await staff.PostAsync(staffRoom + "/signals", Signal("offer", Offer))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            // The applicant's stream, joining after the offer, picks it up from where it says it was (Last-Event-ID).
            var (applicantResponse, applicantEvents) = await StreamAsync(applicant, room + "/signals", timeout.Token, after: hello.Data.GetProperty("seq").GetInt64());
            using (applicantResponse)
            using (applicantEvents)
            {
                var offer = await CallSystemTests.NextEventAsync(applicantEvents, timeout.Token);
                offer.Data.GetProperty("sender").GetString().ShouldBe("staff");
                offer.Data.GetProperty("kind").GetString().ShouldBe("offer");
                offer.Data.GetProperty("payload").GetString().ShouldBe(Offer);
            }

            (await applicant.PostAsync(room + "/signals", Signal("answer", """{"session":"s1"}"""))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var answer = await CallSystemTests.NextEventAsync(staffEvents, timeout.Token);
            answer.Data.GetProperty("kind").GetString().ShouldBe("answer", "staff's own offer is not sent back to them");
        }

        // Without text/event-stream the same address answers the other side's signals after ?after= as JSON (a poll).
        var polled = await BookingFixture.JsonAsync(await applicant.GetAsync(room + "/signals?after=0"), HttpStatusCode.OK);
        polled.EnumerateArray().Select(p => p.GetProperty("kind").GetString()).ShouldBe(["offer"], "the applicant reads staff's signals only");

        foreach (var (kind, payload, field) in new[]
        {
            ("evil", "{}", "kind"),
            ("candidate", "not json", "payload"),
            ("candidate", "[1]", "payload"),
            ("candidate", new string('[', 20) + new string(']', 20), "payload"),
            ("candidate", "{\"x\":\"" + new string('a', VideoSignals.MaxPayload) + "\"}", "payload"),
        })
        {
            var problem = await BookingFixture.JsonAsync(await applicant.PostAsync(room + "/signals", Signal(kind, payload)), HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("code").GetString().ShouldBe("appointment-video-signal-invalid");
            problem.GetProperty("title").GetString()!.ShouldContain(field);
        }

        fixture.Clock.SetUtcNow(end.AddMinutes(16).ToUniversalTime());
        (await BookingFixture.JsonAsync(await applicant.GetAsync(room), HttpStatusCode.OK)).GetProperty("state").GetString().ShouldBe("closed");
        (await BookingFixture.JsonAsync(await staff.PostAsync(staffRoom + "/signals", Signal("hello", "{}")), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("appointment-video-closed");
    }

    [Fact]
    public async Task AnUpload_DuringTheCall_IsFiledInThePersonsFile_AndNothingWithoutOne()
    {
        var (token, id, start, _) = await BookVideoAsync();
        var applicant = fixture.Anonymous(fixture.A);
        var cw = fixture.As(fixture.A, "cw");
        var upload = $"api/appointments/video/{token}/documents";
        fixture.Clock.SetUtcNow(start.AddMinutes(-1).ToUniversalTime());
        var pdf = OneLinePdf.Create("Reisepass Amina Haddad");

        // No file in the e-Akte yet: nothing is stored, the person is told why.
        (await BookingFixture.JsonAsync(await applicant.PostAsync(upload, Form(pdf, "pass.pdf", "application/pdf")), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("appointment-video-no-file");

        var file = await BookingFixture.JsonAsync(await cw.PostAsJsonAsync("api/cases/files", new { surname = "Haddad", givenNames = "Amina", birthDate = "1991-04-02", confirmDuplicate = true }), HttpStatusCode.Created);
        var fileId = file.GetProperty("id").GetString();
        (await BookingFixture.JsonAsync(await cw.GetAsync($"api/appointments/video-rooms/{id}"), HttpStatusCode.OK)).GetProperty("caseFileId").GetString().ShouldBe(fileId);

        (await BookingFixture.JsonAsync(await applicant.PostAsync(upload, new MultipartFormDataContent()), HttpStatusCode.UnprocessableEntity))
            .GetProperty("code").GetString().ShouldBe("appointment-video-upload-empty");
        var tooLarge = new byte[FileVideoDocument.MaxBytes + 1];
        pdf.CopyTo(tooLarge, 0);
        (await BookingFixture.JsonAsync(await applicant.PostAsync(upload, Form(tooLarge, "gross.pdf", "application/pdf")), HttpStatusCode.RequestEntityTooLarge))
            .GetProperty("code").GetString().ShouldBe("appointment-video-upload-too-large");
        (await BookingFixture.JsonAsync(await applicant.PostAsync(upload, Form("MZ not a document"u8.ToArray(), "pass.pdf", "application/pdf")), HttpStatusCode.UnsupportedMediaType))
            .GetProperty("type").GetString().ShouldNotBeNullOrEmpty("the e-Akte refuses what is not a PDF or image by its content");
        (await BookingFixture.JsonAsync(await fixture.Anonymous(fixture.B).PostAsync(upload, Form(pdf, "pass.pdf", "application/pdf")), HttpStatusCode.NotFound))
            .GetProperty("code").GetString().ShouldBe("appointment-booking-not-found");

        var filed = await BookingFixture.JsonAsync(await applicant.PostAsync(upload, Form(pdf, "pass.pdf", "application/pdf")), HttpStatusCode.Created);
        filed.GetProperty("fileName").GetString().ShouldBe("pass.pdf");
        var document = await BookingFixture.JsonAsync(await cw.GetAsync($"api/cases/documents/{filed.GetProperty("documentId").GetString()}"), HttpStatusCode.OK);
        document.GetProperty("caseFileId").GetString().ShouldBe(fileId);
        document.GetProperty("documentType").GetString().ShouldBe("sonstiges");
        (await fixture.As(fixture.B, "cw").GetAsync($"api/cases/documents/{filed.GetProperty("documentId").GetString()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static MultipartFormDataContent Form(byte[] bytes, string name, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { content, "file", name } };
    }

    [Fact]
    public void TurnCredentials_AreCoturnsRestApiOnes()
    {
        // coturn (use-auth-secret): username "expiry:anything", password base64(HMAC-SHA1(secret, username)); the vector
        // below is computed independently with openssl: printf '1700000000:00000000000000000000000000000001' | openssl dgst -sha1 -hmac geheim -binary | base64
        var (username, credential) = IceServers.Credentials("geheim", Guid.Parse("00000000-0000-0000-0000-000000000001"), DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        username.ShouldBe("1700000000:00000000000000000000000000000001");
        credential.ShouldBe(Expected);
    }

    private const string Expected = "6CSBd4pzhYI7F/nioWiEcd+hXc8=";
}
