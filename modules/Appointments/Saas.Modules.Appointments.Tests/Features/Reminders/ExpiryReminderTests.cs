using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments.Tests.Features.Reminders;

/// <summary>
/// Expiry reminders with a proposed slot (issue 15, item 4; docs/adr/0038), end to end on real PostgreSQL and the real
/// letters pipeline: titles recorded in the e-Akte, a run that spreads a bulk of § 24 renewals over the reminders
/// contingent slot by slot (never an online seat), the plain reminder for those without a seat, nothing for a person who
/// already booked or whose title was superseded; the letters in the files carry the date and the links; the link
/// accepts (only for the person it was made for) or declines; a proposal let run out frees its seat; a re-run reminds
/// no one twice; another authority sees none of it.
/// </summary>
[Collection(ClockedHosts.Name)]
public sealed partial class ExpiryReminderTests(BookingFixture fixture) : IClassFixture<BookingFixture>, IAsyncLifetime
{
    private const string Type = "erinnerung";
    private const string Reminder = "ablauf-24";

    /// <summary>Window: from 3 days after the letter to 2 days before the title ends; the slot held 5 days.</summary>
    private const int EarliestDays = 3;
    private const int LatestDaysBefore = 2;
    private const int HoldDays = 5;

    public Task InitializeAsync() => fixture.FreshAuthoritiesOnSaturdayNoonAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex(@"termine/buchung/([A-Za-z0-9_-]{43})")]
    private static partial Regex BookingLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private DateOnly Today => SlotGrid.LocalDate(fixture.Clock.GetUtcNow());

    /// <summary>
    /// A type for settlement permits at the fixture's location with two-hour slots (two a day) and two seats, one of
    /// them kept for reminders; the reminder for § 24 titles; Aachen's document types and its two reminder letters.
    /// </summary>
    private async Task PublishAsync(TenantInfo tenant, int horizonDays = 30)
    {
        using var _ = fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(tenant);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        foreach (var file in new[] { "document-types/schriftverkehr.yaml", "letters/terminvorschlag.yaml", "letters/ablauf-erinnerung.yaml" })
        {
            await store.SaveDraftAsync(await File.ReadAllTextAsync(Path.Combine(TenantFolders.Tenants, "aachen", file)), "test");
        }

        await store.SaveDraftAsync($"""
            kind: appointment-type
            key: {Type}
            spec:
              name: Verlängerung nach Erinnerung
              location: amt
              service: settlement-permit
              durationMinutes: 120
              capacity: 2
              minimumNoticeHours: 24
              horizonDays: {horizonDays}
              cancellationCutoffHours: 24
              contingents: {"{"} reminders: 0.5 {"}"}
            """, "test");
        await store.SaveDraftAsync($"""
            kind: expiry-reminder
            key: {Reminder}
            spec:
              name: Erinnerung § 24
              documents: [residence-title]
              legalBases: [AufenthG-24]
              leadDays: 60
              appointmentType: {Type}
              earliestDays: {EarliestDays}
              latestDaysBefore: {LatestDaysBefore}
              holdDays: {HoldDays}
              letter: terminvorschlag
              fallbackLetter: ablauf-erinnerung
            """, "test");
        await store.PublishAsync(null, "test");
    }

    private static async Task<Guid> OpenFileAsync(HttpClient caseworker, string surname, string givenNames, string birthDate)
    {
        var file = await BookingFixture.JsonAsync(await caseworker.PostAsJsonAsync("api/cases/files", new { surname, givenNames, birthDate, confirmDuplicate = true }), HttpStatusCode.Created);
        return file.GetProperty("id").GetGuid();
    }

    private static async Task TitleAsync(HttpClient caseworker, Guid file, string legalBasis, DateOnly validFrom, DateOnly validUntil) =>
        await BookingFixture.JsonAsync(await caseworker.PostAsJsonAsync($"api/cases/files/{file}/residence-titles",
            new { legalBasis, validFrom = validFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), validUntil = validUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
            HttpStatusCode.Created);

    [Fact]
    public async Task ABulkOfRenewals_FillsTheRemindersContingent_SlotBySlot_TheRestGetThePlainReminder_AndNobodyTwice()
    {
        await PublishAsync(fixture.A);
        var cw = fixture.As(fixture.A, "cw");
        var today = Today; // a Saturday
        var ends = today.AddDays(12); // Thursday after next: the window is Tuesday to the Tuesday after, six weekdays, two slots each
        var bulk = new List<Guid>();
        for (var i = 0; i < 14; i++)
        {
            var file = await OpenFileAsync(cw, $"Bondarenko{i:00}", "Olena", "1988-03-0" + (1 + (i % 9)));
            await TitleAsync(cw, file, "AufenthG-24", today.AddYears(-2), ends);
            bulk.Add(file);
        }

        var later = await OpenFileAsync(cw, "Shevchenko", "Taras", "1979-11-20");
        await TitleAsync(cw, later, "AufenthG-24", today.AddYears(-2), today.AddDays(25));
        var otherBasis = await OpenFileAsync(cw, "Okafor", "Chidi", "1990-01-01");
        await TitleAsync(cw, otherBasis, "AufenthG-18a", today.AddYears(-2), ends);
        var superseded = await OpenFileAsync(cw, "Melnyk", "Iryna", "1992-06-15");
        await TitleAsync(cw, superseded, "AufenthG-24", today.AddYears(-2), ends);
        await TitleAsync(cw, superseded, "AufenthG-25", today.AddDays(-1), today.AddYears(2));

        // One person of the bulk booked online already (same name and birth date as in the file): no proposal, no letter.
        var booked = await OpenFileAsync(cw, "Kravets", "Andrii", "1985-09-09");
        await TitleAsync(cw, booked, "AufenthG-24", today.AddYears(-2), ends);
        var applicant = fixture.Anonymous(fixture.A);
        var online = (await BookingFixture.JsonAsync(await applicant.GetAsync($"api/appointments/availability?type={Type}&days=30"), HttpStatusCode.OK)).GetProperty("slots");
        var start = online.EnumerateArray().Last().GetProperty("start").GetString();
        var token = (await BookingFixture.JsonAsync(await applicant.PostAsJsonAsync("api/appointments/reservations", new { type = Type, start }), HttpStatusCode.Created)).GetProperty("token").GetString();
        await BookingFixture.JsonAsync(await applicant.PostAsJsonAsync("api/appointments/bookings/confirm",
            new { token, name = "Andrii Kravets", birthDate = "1985-09-09", email = "a.kravets@example.org", altcha = await TestAltcha.SolveAsync(applicant, fixture.A.Key) }), HttpStatusCode.OK);

        // The window's slots as the rules give them (a holiday in it takes its two): one reminders seat each.
        var seats = online.EnumerateArray().Select(s => SlotGrid.LocalDate(DateTimeOffset.Parse(s.GetProperty("start").GetString()!, CultureInfo.InvariantCulture)))
            .Count(d => d >= today.AddDays(EarliestDays) && d <= ends.AddDays(-LatestDaysBefore));
        seats.ShouldBeInRange(8, 12, "six weekdays of two slots, less a holiday or two");

        var onlineBefore = (await BookingFixture.JsonAsync(await applicant.GetAsync($"api/appointments/availability?type={Type}&days=30"), HttpStatusCode.OK))
            .GetProperty("slots").EnumerateArray().Sum(s => s.GetProperty("free").GetInt32());

        var run = await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/appointments/reminders/{Reminder}/run", new { }), HttpStatusCode.OK);
        run.GetProperty("due").GetInt32().ShouldBe(16, run.ToString()); // 14 + the later one + the one who booked; not the § 18a or the superseded title
        run.GetProperty("superseded").GetInt32().ShouldBe(1);
        run.GetProperty("alreadyBooked").GetInt32().ShouldBe(1);
        run.GetProperty("proposed").GetInt32().ShouldBe(seats + 1, "every seat of the window to the 14, and the later one after them");
        run.GetProperty("withoutSlot").GetInt32().ShouldBe(14 - seats);
        run.GetProperty("deferred").GetInt32().ShouldBe(0);

        // Each proposal on its own reminders seat (seat 1; seat 0 is online), inside its window, earliest first by expiry.
        var proposals = await ProposalsAsync(fixture.A);
        proposals.Count.ShouldBe(seats + 1);
        proposals.ShouldAllBe(p => p.Seat == 1);
        proposals.Select(p => p.Start).Distinct().Count().ShouldBe(seats + 1);
        var bulkProposals = proposals.Where(p => bulk.Contains(p.File)).ToList();
        bulkProposals.Count.ShouldBe(seats);
        bulkProposals.ShouldAllBe(p => SlotGrid.LocalDate(p.Start) >= today.AddDays(EarliestDays) && SlotGrid.LocalDate(p.Start) <= ends.AddDays(-LatestDaysBefore));
        var laterProposal = proposals.Single(p => p.File == later);
        laterProposal.Start.ShouldBeGreaterThan(bulkProposals.Max(p => p.Start), "the later title gets the first seat after the bulk");
        proposals.ShouldAllBe(p => p.HoldUntil <= fixture.Clock.GetUtcNow().AddDays(HoldDays) && p.HoldUntil <= p.Start.AddHours(-24));

        // Applicants still see every online seat: the contingent took none of them.
        var onlineAfter = (await BookingFixture.JsonAsync(await applicant.GetAsync($"api/appointments/availability?type={Type}&days=30"), HttpStatusCode.OK))
            .GetProperty("slots").EnumerateArray().Sum(s => s.GetProperty("free").GetInt32());
        onlineAfter.ShouldBe(onlineBefore);

        // Letters: a proposal in each file with a seat, the plain reminder in the others, none for the one who booked.
        var letters = await LettersAsync(fixture.A, 15);
        letters.Count(l => l.Letter == "terminvorschlag").ShouldBe(seats + 1);
        letters.Count(l => l.Letter == "ablauf-erinnerung").ShouldBe(14 - seats);
        letters.ShouldNotContain(l => l.File == booked);

        var again = await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/appointments/reminders/{Reminder}/run", new { }), HttpStatusCode.OK);
        again.GetProperty("due").GetInt32().ShouldBe(0, again.ToString());
        (await ProposalsAsync(fixture.A)).Count.ShouldBe(seats + 1);

        var figures = await BookingFixture.JsonAsync(await cw.GetAsync($"api/appointments/reminders/{Reminder}"), HttpStatusCode.OK);
        figures.GetProperty("reminders").GetInt32().ShouldBe(16);
        figures.GetProperty("open").GetInt32().ShouldBe(seats + 1);
        figures.GetProperty("withoutSlot").GetInt32().ShouldBe(14 - seats);
        figures.GetProperty("alreadyBooked").GetInt32().ShouldBe(1);
        figures.GetProperty("lettersPending").GetInt32().ShouldBe(0);

        // Another authority has no such reminder and sees none of A's; an applicant may not run one.
        (await BookingFixture.JsonAsync(await fixture.As(fixture.B, "cw").GetAsync($"api/appointments/reminders/{Reminder}"), HttpStatusCode.NotFound)).GetProperty("code").GetString()
            .ShouldBe("appointment-reminder-not-found");
        (await fixture.As(fixture.B, "cw").PostAsJsonAsync($"api/appointments/reminders/{Reminder}/run", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.As(fixture.A, "app").PostAsJsonAsync($"api/appointments/reminders/{Reminder}/run", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ProposalsAsync(fixture.B)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ATitleWithoutASeatYet_WhoseWindowReachesPastTheHorizon_WaitsForALaterRun_ThenGetsAProposal()
    {
        // A horizon of a week: the window of a title ending in 20 days reaches past it, those ending in 9 days do not.
        await PublishAsync(fixture.A, horizonDays: 7);
        var cw = fixture.As(fixture.A, "cw");
        var today = Today; // a Saturday
        var online = (await BookingFixture.JsonAsync(await fixture.Anonymous(fixture.A).GetAsync($"api/appointments/availability?type={Type}&days=7"), HttpStatusCode.OK))
            .GetProperty("slots").EnumerateArray().Select(s => SlotGrid.LocalDate(DateTimeOffset.Parse(s.GetProperty("start").GetString()!, CultureInfo.InvariantCulture))).ToList();
        var seats = online.Count(d => d >= today.AddDays(EarliestDays));
        seats.ShouldBeInRange(4, 8, "Tuesday to Friday, two slots a day, less a holiday");

        // The week's reminder seats go to titles that end soon: nothing is left for the later one.
        for (var i = 0; i < seats; i++)
        {
            var file = await OpenFileAsync(cw, $"Hrytsenko{i:00}", "Oksana", "1987-05-0" + (1 + i));
            await TitleAsync(cw, file, "AufenthG-24", today.AddYears(-2), today.AddDays(9));
        }

        var waiting = await OpenFileAsync(cw, "Lysenko", "Mykola", "1975-02-14");
        await TitleAsync(cw, waiting, "AufenthG-24", today.AddYears(-2), today.AddDays(20));

        var first = await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/appointments/reminders/{Reminder}/run", new { }), HttpStatusCode.OK);
        first.GetProperty("proposed").GetInt32().ShouldBe(seats, first.ToString());
        first.GetProperty("deferred").GetInt32().ShouldBe(1, "no seat yet, but its window reaches past the horizon: no plain letter");
        first.GetProperty("withoutSlot").GetInt32().ShouldBe(0);
        (await ProposalsAsync(fixture.A)).ShouldNotContain(p => p.File == waiting);
        (await BookingFixture.JsonAsync(await cw.GetAsync($"api/appointments/reminders/{Reminder}"), HttpStatusCode.OK)).GetProperty("reminders").GetInt32()
            .ShouldBe(seats, "a deferred title is not reminded yet");

        // Three days on, the horizon reaches Monday and Tuesday after next: the waiting title gets a seat there.
        fixture.Clock.Advance(TimeSpan.FromDays(3));
        var second = await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/appointments/reminders/{Reminder}/run", new { }), HttpStatusCode.OK);
        second.GetProperty("due").GetInt32().ShouldBe(1, second.ToString());
        second.GetProperty("proposed").GetInt32().ShouldBe(1);
        second.GetProperty("deferred").GetInt32().ShouldBe(0);
        var proposal = (await ProposalsAsync(fixture.A)).Single(p => p.File == waiting);
        SlotGrid.LocalDate(proposal.Start).ShouldBeGreaterThan(today.AddDays(7), "beyond the first week's horizon");
        SlotGrid.LocalDate(proposal.Start).ShouldBeLessThanOrEqualTo(today.AddDays(20 - LatestDaysBefore));
        proposal.Seat.ShouldBe(1, "on the reminders seat");
    }

    [Fact]
    public async Task TheLettersLink_AcceptsForThePersonAlone_Declines_OrRunsOut_AndEachFreesOrKeepsTheSeat()
    {
        await PublishAsync(fixture.A);
        var cw = fixture.As(fixture.A, "cw");
        var today = Today;
        var files = new List<Guid>();
        foreach (var (surname, given) in new[] { ("Hrytsenko", "Oksana"), ("Lysenko", "Mykola"), ("Tkachenko", "Daryna") })
        {
            var file = await OpenFileAsync(cw, surname, given, "1990-02-03");
            await TitleAsync(cw, file, "AufenthG-24", today.AddYears(-2), today.AddDays(20));
            files.Add(file);
        }

        (await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/appointments/reminders/{Reminder}/run", new { }), HttpStatusCode.OK)).GetProperty("proposed").GetInt32().ShouldBe(3);
        var letters = await LettersAsync(fixture.A, 3);
        var tokens = new Dictionary<Guid, string>();
        foreach (var letter in letters)
        {
            // The letter as the person reads it: the proposed day and time, and the link with the booking's token.
            var pdf = await cw.GetByteArrayAsync($"api/cases/documents/{letter.Document}/content");
            var text = await PdfTextAsync(pdf);
            var proposal = (await ProposalsAsync(fixture.A)).Single(p => p.File == letter.File);
            text.ShouldContain(SlotGrid.ToLocal(proposal.Start).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
            text.ShouldContain(SlotGrid.ToLocal(proposal.Start).ToString("HH:mm", CultureInfo.InvariantCulture));
            text.ShouldContain("§ 24 AufenthG");
            tokens[letter.File] = BookingLink().Match(text.Replace("\n", "", StringComparison.Ordinal)).Groups[1].Value;
            tokens[letter.File].ShouldNotBeNullOrEmpty(text);
            (await fixture.Anonymous(fixture.A).GetAsync($"api/appointments/bookings/{tokens[letter.File]}")).StatusCode.ShouldBe(HttpStatusCode.OK, "the letter's link opens its booking: " + text);
        }

        var applicant = fixture.Anonymous(fixture.A);
        var accept = tokens[files[0]];
        var held = await BookingFixture.JsonAsync(await applicant.GetAsync($"api/appointments/bookings/{accept}"), HttpStatusCode.OK);
        held.GetProperty("status").GetString().ShouldBe("held");
        held.GetProperty("name").GetString().ShouldBe("Oksana Hrytsenko");

        // Somebody else with the letter cannot take the slot: the hold is the person's of the file.
        var resold = await BookingFixture.JsonAsync(await applicant.PostAsJsonAsync("api/appointments/bookings/confirm",
            new { token = accept, name = "Max Wiederverkauf", birthDate = "1990-02-03", email = "max@example.org", altcha = await TestAltcha.SolveAsync(applicant, fixture.A.Key) }),
            HttpStatusCode.UnprocessableEntity);
        resold.GetProperty("code").GetString().ShouldBe("appointment-person-bound");
        resold.GetProperty("detail").GetString().ShouldBe("name");
        var wrongBirth = await BookingFixture.JsonAsync(await applicant.PostAsJsonAsync("api/appointments/bookings/confirm",
            new { token = accept, name = "Oksana Hrytsenko", birthDate = "1990-03-02", email = "o.h@example.org", altcha = await TestAltcha.SolveAsync(applicant, fixture.A.Key) }),
            HttpStatusCode.UnprocessableEntity);
        (wrongBirth.GetProperty("code").GetString(), wrongBirth.GetProperty("detail").GetString()).ShouldBe(("appointment-person-bound", "birthDate"));
        var confirmed = await BookingFixture.JsonAsync(await applicant.PostAsJsonAsync("api/appointments/bookings/confirm",
            new { token = accept, name = "Oksana Hrytsenko", birthDate = "1990-02-03", email = "o.h@example.org", altcha = await TestAltcha.SolveAsync(applicant, fixture.A.Key) }),
            HttpStatusCode.OK);
        confirmed.GetProperty("status").GetString().ShouldBe("confirmed");

        // Declining by the letter's second link frees the seat at once: the page leads with letting the slot go.
        var browser = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var declineUrl = $"/t/{fixture.A.Key}/termine/buchung/{tokens[files[1]]}";
        var page = await browser.GetStringAsync(declineUrl + "?absage=1");
        page.ShouldContain("id=\"decline\"");
        page.ShouldContain("value=\"Mykola Lysenko\"", Case.Sensitive, "the person of the file is filled in");
        var antiforgery = AntiforgeryToken().Match(page).Groups[1].Value;
        var declined = await browser.PostAsync(declineUrl + "?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }));
        declined.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        declined.Headers.Location!.OriginalString.ShouldContain("erledigt=freigegeben");
        (await browser.GetStringAsync(declineUrl)).ShouldNotContain("id=\"decline\"");
        var proposals = await ProposalsAsync(fixture.A);
        proposals.Single(p => p.File == files[1]).Seat.ShouldBeNull();
        proposals.Single(p => p.File == files[0]).Seat.ShouldBe(1);

        // The third lets it run out: after the hold, the next run gives the seat back; the confirmed one keeps its seat.
        fixture.Clock.Advance(TimeSpan.FromDays(HoldDays) + TimeSpan.FromHours(1));
        await BookingFixture.JsonAsync(await cw.PostAsJsonAsync($"api/appointments/reminders/{Reminder}/run", new { }), HttpStatusCode.OK);
        proposals = await ProposalsAsync(fixture.A);
        proposals.Single(p => p.File == files[2]).Seat.ShouldBeNull();
        proposals.Single(p => p.File == files[2]).Status.ShouldBe("expired");
        proposals.Single(p => p.File == files[0]).Seat.ShouldBe(1);
        var figures = await BookingFixture.JsonAsync(await cw.GetAsync($"api/appointments/reminders/{Reminder}"), HttpStatusCode.OK);
        (figures.GetProperty("accepted").GetInt32(), figures.GetProperty("declined").GetInt32(), figures.GetProperty("expired").GetInt32(), figures.GetProperty("open").GetInt32())
            .ShouldBe((1, 1, 1, 0), figures.ToString());
        (await applicant.GetAsync($"api/appointments/bookings/{tokens[files[2]]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await BookingFixture.JsonAsync(await applicant.PostAsJsonAsync("api/appointments/bookings/confirm",
            new { token = tokens[files[2]], name = "Daryna Tkachenko", birthDate = "1990-02-03", email = "d.t@example.org", altcha = await TestAltcha.SolveAsync(applicant, fixture.A.Key) }),
            HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("appointment-hold-expired");
    }

    private sealed record Proposal(Guid File, DateTimeOffset Start, int? Seat, DateTimeOffset? HoldUntil, string Status);

    /// <summary>The reminders' proposed bookings of the authority, read as the database owner (past the walls, to see what another authority would).</summary>
    private async Task<List<Proposal>> ProposalsAsync(TenantInfo tenant)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT r.case_file_id, b.starts_at, s.seat, b.hold_expires_at, b.status
            FROM appointments.reminders r JOIN appointments.bookings b ON b.id = r.booking_id
            LEFT JOIN appointments.slot_seats s ON s.booking_id = b.id
            WHERE r.tenant_id = $1 ORDER BY b.starts_at
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
        var result = new List<Proposal>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(new Proposal(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
        }

        return result;
    }

    private sealed record FiledLetter(Guid File, string Letter, Guid Document);

    /// <summary>Bounded wait until the outbox has produced <paramref name="count"/> reminder letters of the authority.</summary>
    private async Task<List<FiledLetter>> LettersAsync(TenantInfo tenant, int count)
    {
        for (var attempt = 0; attempt < 900; attempt++)
        {
            await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT case_file_id, letter, letter_document FROM appointments.reminders WHERE tenant_id = $1 AND letter_document IS NOT NULL", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
            var letters = new List<FiledLetter>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    letters.Add(new FiledLetter(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2)));
                }
            }

            if (letters.Count >= count)
            {
                return letters;
            }

            await Task.Delay(100);
        }

        await using var db = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await db.OpenAsync();
        await using var errors = new NpgsqlCommand("SELECT string_agg(DISTINCT left(last_error, 600), ' | ') FROM platform.outbox_messages WHERE tenant_id = $1 AND type LIKE '%ReminderLetterDue'", db);
        errors.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
        throw new TimeoutException($"{count} reminder letters were not produced: {await errors.ExecuteScalarAsync()}");
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), "reminder-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(path);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, await process.StandardError.ReadToEndAsync());
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
