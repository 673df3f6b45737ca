using System.Net.Http.Json;
using Npgsql;
using Saas.Modules.Cases.Tests;
using Saas.Testing;

namespace Saas.Browser.Tests;

/// <summary>
/// Digital office hours in Aachen (issue 15, item 6; docs/adr/0039) between two browser contexts with Chromium's fake
/// camera and microphone: the applicant enters with the booking's link, the caseworker signed in; signalling passes
/// through the host, picture and sound go peer to peer and arrive on both sides (the remote tracks unmute and the
/// remote video has a size), a chat message crosses the data channel, and a PDF uploaded during the call lands in the
/// person's e-file. Both rooms checked with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VideoOfficeHoursTests(BrowserFixture fixture)
{
    private const string Tenant = "aachen";

    /// <summary>Waits until the remote video shows frames and both remote tracks receive media.</summary>
    private const string MediaArrives = """
        () => new Promise((done, fail) => {
          const until = Date.now() + 30000;
          const check = () => {
            const video = document.getElementById('remote-video');
            const stream = video.srcObject;
            const tracks = stream ? stream.getTracks() : [];
            const live = tracks.length === 2 && tracks.every(t => t.readyState === 'live' && !t.muted);
            if (live && video.videoWidth > 0) return done({ width: video.videoWidth, kinds: tracks.map(t => t.kind).sort().join(',') });
            if (Date.now() > until) return fail(new Error('no media: ' + tracks.map(t => t.kind + ':' + t.muted).join(',') + ' width ' + video.videoWidth));
            setTimeout(check, 200);
          };
          check();
        })
        """;

    [Fact]
    public async Task ApplicantAndCaseworker_SeeAndHearEachOther_Chat_AndTheUploadIsFiled()
    {
        var surname = "Rahimi" + Staff.Letters();
        var name = "Layla " + surname;
        var staff = await Staff.SignInAsync(fixture, Tenant, "m.yilmaz", "demo-yilmaz");
        var file = await Staff.CreateFileAsync(fixture, staff, surname, "Layla", "1990-03-04", tenant: Tenant);
        var (token, id) = await BookInFiveMinutesAsync(name);

        var applicant = await fixture.NewPageAsync("de-DE");
        await applicant.GotoAsync(Staff.Url(fixture, Tenant, $"termine/buchung/{token}"));
        await applicant.ClickAsync("#video-join");
        applicant.Url.ShouldEndWith($"/t/{Tenant}/termine/video/{token}");
        await applicant.Locator("#video-room[data-state=waiting]").WaitForAsync(new() { Timeout = 30_000 });

        await staff.GotoAsync(Staff.Url(fixture, Tenant, $"workbench/termine/video/{id}"));
        (await staff.InnerTextAsync("#video-person")).ShouldContain(name);
        (await staff.GetAttributeAsync("#video-file", "href"))!.ShouldEndWith($"/workbench/files/{file.GetProperty("id").GetString()}");

        await applicant.Locator("#video-room[data-state=connected]").WaitForAsync(new() { Timeout = 30_000 });
        await staff.Locator("#video-room[data-state=connected]").WaitForAsync(new() { Timeout = 30_000 });
        foreach (var side in new[] { applicant, staff })
        {
            var media = await side.EvaluateAsync<System.Text.Json.JsonElement>(MediaArrives);
            media.GetProperty("kinds").GetString().ShouldBe("audio,video");
            media.GetProperty("width").GetInt32().ShouldBeGreaterThan(0);
        }

        await staff.Locator("#chat-form button[type=submit]:not([disabled])").WaitForAsync();
        await staff.FillAsync("#chat-text", "Guten Tag, bitte zeigen Sie Ihren Pass.");
        await staff.ClickAsync("#chat-form button[type=submit]");
        await Assertions.Expect(applicant.Locator("#chat-log")).ToContainTextAsync("Guten Tag, bitte zeigen Sie Ihren Pass.");

        await applicant.SetInputFilesAsync("#upload-file", new FilePayload { Name = "pass.pdf", MimeType = "application/pdf", Buffer = TestPdf.Create(["Reisepass " + surname]) });
        await applicant.ClickAsync("#upload-form button[type=submit]");
        await Assertions.Expect(applicant.Locator("#upload-result")).ToHaveTextAsync("„pass.pdf“ wurde in Ihre Akte abgelegt.");
        await Assertions.Expect(staff.Locator("#chat-log")).ToContainTextAsync("pass.pdf");
        var document = await staff.Context.APIRequest.GetAsync(Staff.Url(fixture, Tenant, $"api/cases/documents/{await applicant.GetAttributeAsync("#video-room", "data-filed")}"),
            new() { Headers = Staff.Bearer(fixture, Tenant, "m.yilmaz") });
        document.Status.ShouldBe(200, await document.TextAsync());
        (await document.TextAsync()).ShouldContain(file.GetProperty("id").GetString()!);

        await Accessibility.AssertAccessibleAsync(applicant, "video-room-applicant");
        await Accessibility.AssertAccessibleAsync(staff, "video-room-staff");

        await applicant.ClickAsync("#video-hangup");
        await applicant.Locator("#video-room[data-state=ended]").WaitForAsync();
        await Assertions.Expect(staff.Locator("#video-status")).ToHaveTextAsync("Die andere Seite hat das Gespräch verlassen.", new() { Timeout = 20_000 });
    }

    /// <summary>
    /// A video appointment booked as applicants do (the minimum notice is a day), then moved to start in five minutes
    /// directly in the database — as if the test ran five minutes before it — so that its room is open now.
    /// </summary>
    private async Task<(string Token, Guid Id)> BookInFiveMinutesAsync(string name)
    {
        using var client = fixture.App.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{Tenant}/");
        var slots = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("api/appointments/availability?type=videosprechstunde&days=60");
        var start = slots.GetProperty("slots")[0].GetProperty("start").GetString();
        var reserved = await client.PostAsJsonAsync("api/appointments/reservations", new { type = "videosprechstunde", start });
        reserved.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await reserved.Content.ReadAsStringAsync());
        var token = (await reserved.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString()!;
        var email = TestMail.NewAddress("video");
        var confirmed = await client.PostAsJsonAsync("api/appointments/bookings/confirm",
            new { token, name, birthDate = "1990-03-04", email, altcha = await TestAltcha.SolveAsync(client, Tenant) });
        confirmed.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        await EmailCheck.VerifyAsync(client, email);

        // As the application role inside the authority (row-level security), like the platform itself.
        await using var connection = new NpgsqlConnection(fixture.App.Database.ApplicationConnectionString);
        await connection.OpenAsync();
        await using (var scope = new NpgsqlCommand("SELECT set_config('app.tenant_id', (SELECT id::text FROM platform.tenants WHERE key = $1), false)", connection))
        {
            scope.Parameters.Add(new NpgsqlParameter { Value = Tenant });
            await scope.ExecuteNonQueryAsync();
        }

        await using var move = new NpgsqlCommand("""
            UPDATE appointments.bookings SET starts_at = now() + interval '5 minutes', ends_at = now() + interval '25 minutes'
            WHERE cancel_token_hash = sha256(convert_to($1, 'UTF8')) RETURNING id
            """, connection);
        move.Parameters.Add(new NpgsqlParameter { Value = token });
        return (token, (Guid)(await move.ExecuteScalarAsync())!);
    }
}
