using Saas.Modules.Workflows.Features.Deadlines;

namespace Saas.Modules.Workflows.Tests.Features.Instances;

/// <summary>
/// Every process shipped in tenants/ runs end to end, on Rhein-Sieg-Kreis's documents as they are in the repository
/// (units, document types, processes), with the clock moved for deadlines: the extension (decided at once; evidence
/// requested, deadline expired, hearing at the enforcement unit 30.24, refusal co-signed), the formal obligation
/// (income as money against a threshold), naturalisation (security check deadline escalating, four eyes), § 104c with
/// its 18 months, and the residence card from order to the locker and back.
/// </summary>
public sealed class ShippedProcessTests(ProcessFixture fixture) : IClassFixture<ProcessFixture>, IAsyncLifetime
{
    private const string Authority = "rhein-sieg-kreis";

    public async Task InitializeAsync()
    {
        await fixture.FreshAuthoritiesAsync();
        var folder = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants", Authority);
        var documents = new[] { "units", "document-types", "letters", "processes" }
            .SelectMany(kind => Directory.GetFiles(Path.Combine(folder, kind), "*.yaml").Order(StringComparer.Ordinal))
            .Select(File.ReadAllText).ToList();
        documents.Count(d => d.Contains("kind: process", StringComparison.Ordinal)).ShouldBe(5);
        foreach (var person in new[] { "cw", "cw2" })
        {
            documents.Add($"kind: staff\nkey: {person}-{fixture.A.Key}\nspec:\n  name: {person}\n  stage: qualified\n  units: [30-20]\n"
                + "  signingAuthorities: [AufenthG-18a, AufenthG-68, AufenthG-104c]\n");
        }

        await fixture.PublishAsync(fixture.A, documents);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);

    private string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Extension_DecidedAtOnce_OrAfterAHearingAtTheEnforcementUnit_RefusedWithFourEyes()
    {
        var cw = WorkflowsApi.SignIn(fixture, fixture.A.Key);
        var second = WorkflowsApi.SignIn(fixture, fixture.A.Key, "cw2");
        var (complete, completeCase) = await cw.CaseAsync("Novak", Today.AddMonths(2), "aufenthaltserlaubnis");
        await Evidence.AddAsync(fixture.App.Database, fixture.A.Id, complete, "antrag", "pass");
        var quick = await StartAsync(cw, completeCase, "aufenthaltserlaubnis-verlaengerung", "AufenthG-18a");
        await TakeAsync(cw, quick, "vollstaendig");
        (await TakeAsync(cw, quick, "erteilen", new { entscheidung_gueltigBis = "" }, expect: HttpStatusCode.BadRequest)).ShouldBe("refused:process-inputs-refused");
        await TakeAsync(cw, quick, "erteilen", Inputs(("entscheidung.gueltigBis", Date(Today.AddYears(2)))));
        (await cw.ProcessAsync(completeCase)).GetProperty("state").GetString().ShouldBe("erteilt");

        var (slow, slowCase) = await cw.CaseAsync("Horvat", null, "aufenthaltserlaubnis");
        var instance = await StartAsync(cw, slowCase, "aufenthaltserlaubnis-verlaengerung", "AufenthG-18a");
        await TakeAsync(cw, instance, "nachfordern", Inputs(("nachforderung.fehlend", new[] { "Reisepass", "Arbeitsvertrag" })));
        // The request for evidence goes out as a letter into the file, produced by the letters pipeline after the step committed.
        var letter = await LetterStepAsync(instance, 1);
        letter.ShouldContain("\"letter\": \"nachforderung\"");
        (await CountAsync($"SELECT count(*) FROM cases.documents WHERE tenant_id = $1 AND case_file_id = '{slow}' AND document_type = 'schriftverkehr'")).ShouldBe(1);
        fixture.Clock.Advance(TimeSpan.FromDays(29));
        (await RunDeadlinesAsync()).Transitions.ShouldBe(1);
        (await cw.ProcessAsync(slowCase)).GetProperty("state").GetString().ShouldBe("entscheidung");
        await TakeAsync(cw, instance, "anhoeren", Inputs(("anhoerung.gruende", "Der Lebensunterhalt ist nicht gesichert.")));
        (await LetterStepAsync(instance, 2)).ShouldContain("\"letter\": \"anhoerung\"");
        var hearing = await cw.ProcessAsync(slowCase);
        hearing.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("status").GetString() == "open").GetProperty("unit").GetString()
            .ShouldBe("30-24", "the hearing is handed to the enforcement unit when it starts");
        var refusal = hearing.GetProperty("transitions").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "ablehnen");
        refusal.GetProperty("open").GetBoolean().ShouldBeTrue("the hearing letter, filed as document type anhoerung, is the evidence the refusal requires");
        (await TakeAsync(cw, instance, "ablehnen")).ShouldBe("anhoerung");
        (await TakeAsync(second, instance, "ablehnen")).ShouldBe("abgelehnt");
    }

    [Fact]
    public async Task FormalObligation_IsCertifiedWhenTheIncomeReachesTheThreshold_AndTheReasonIsNamedWhenNot()
    {
        var cw = WorkflowsApi.SignIn(fixture, fixture.A.Key);
        var (file, caseId) = await cw.CaseAsync("Gastgeber", null, "verpflichtungserklaerung");
        await Evidence.AddAsync(fixture.App.Database, fixture.A.Id, file, "antrag", "pass", "arbeitsvertrag");
        var instance = await StartAsync(cw, caseId, "verpflichtungserklaerung", "AufenthG-68");
        await TakeAsync(cw, instance, "pruefen");
        var low = Inputs(("bonitaet.nettoeinkommen", new { amount = 1900, currency = "EUR" }), ("bonitaet.personenImHaushalt", 2));
        var (status, problem) = await cw.TakeAsync(instance, "beurkunden", low);
        status.ShouldBe(HttpStatusCode.UnprocessableEntity, problem.ToString());
        problem.GetProperty("errors").GetProperty("guard")[0].GetString()!.ShouldContain("1.900,00 EUR");
        var enough = Inputs(("bonitaet.nettoeinkommen", new { amount = 2400, currency = "EUR" }), ("bonitaet.personenImHaushalt", 2));
        (await TakeAsync(cw, instance, "beurkunden", enough)).ShouldBe("beurkundet");
    }

    [Fact]
    public async Task Naturalisation_WaitsForTheSecurityCheck_WhoseDeadlineEscalates_AndIsDecidedByTwo()
    {
        var cw = WorkflowsApi.SignIn(fixture, fixture.A.Key);
        var second = WorkflowsApi.SignIn(fixture, fixture.A.Key, "cw2");
        var (file, caseId) = await cw.CaseAsync("Einbuerger", null, "einbuergerung");
        await Evidence.AddAsync(fixture.App.Database, fixture.A.Id, file, "antrag", "pass", "meldebescheinigung");
        var instance = await StartAsync(cw, caseId, "einbuergerung", null);
        await TakeAsync(cw, instance, "anfragen");
        fixture.Clock.Advance(TimeSpan.FromDays(42));
        (await RunDeadlinesAsync()).Escalated.ShouldBe(1);
        await TakeAsync(cw, instance, "antwort");
        (await TakeAsync(cw, instance, "einbuergern")).ShouldBe("entscheidung");
        (await TakeAsync(second, instance, "einbuergern")).ShouldBe("urkunde");
        (await TakeAsync(cw, instance, "aushaendigen")).ShouldBe("eingebuergert");
        var process = await cw.ProcessAsync(caseId);
        process.GetProperty("finished").GetBoolean().ShouldBeTrue();
        process.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("kind").GetString()).ShouldContain("escalation");
    }

    [Fact]
    public async Task OpportunityResidence_Runs18Months_RemindsAfter15_AndEndsWhenNoRightToStayWasGranted()
    {
        var cw = WorkflowsApi.SignIn(fixture, fixture.A.Key);
        var (file, caseId) = await cw.CaseAsync("Chance", null, "chancen-aufenthaltsrecht");
        await Evidence.AddAsync(fixture.App.Database, fixture.A.Id, file, "antrag", "pass");
        var instance = await StartAsync(cw, caseId, "chancen-aufenthaltsrecht", "AufenthG-104c");
        var granted = Today;
        (await TakeAsync(cw, instance, "erteilen")).ShouldBe("laufend");
        var titles = (await cw.GetAsync($"api/cases/files/{file}/residence")).Body.GetProperty("titles").EnumerateArray().ToList();
        titles.Single().GetProperty("validUntil").GetString().ShouldBe(Date(granted.AddMonths(18)));
        var deadline = (await cw.ProcessAsync(caseId)).GetProperty("deadlines").EnumerateArray().Single();
        deadline.GetProperty("dueOn").GetString().ShouldBe(Date(granted.AddMonths(18)));

        fixture.Clock.Advance(granted.AddMonths(15).DayNumber - Today.DayNumber is var days and > 0 ? TimeSpan.FromDays(days) : TimeSpan.Zero);
        (await RunDeadlinesAsync()).Escalated.ShouldBe(1);
        fixture.Clock.Advance(TimeSpan.FromDays(granted.AddMonths(18).DayNumber - Today.DayNumber + 1));
        var run = await RunDeadlinesAsync();
        run.Expired.ShouldBe(1);
        (await cw.ProcessAsync(caseId)).GetProperty("state").GetString().ShouldBe("erloschen");
    }

    [Fact]
    public async Task ResidenceCard_IsDelivered_PlacedInTheLocker_AndGoesBackWhenNotPickedUp()
    {
        var cw = WorkflowsApi.SignIn(fixture, fixture.A.Key);
        var (_, pickedUp) = await cw.CaseAsync("Karte", null, "aufenthaltskarte");
        var first = await StartAsync(cw, pickedUp, "aufenthaltskarte", null);
        await TakeAsync(cw, first, "geliefert");
        (await TakeAsync(cw, first, "schalter")).ShouldBe("ausgehaendigt");

        var (_, forgotten) = await cw.CaseAsync("Vergessen", null, "aufenthaltskarte");
        var second = await StartAsync(cw, forgotten, "aufenthaltskarte", null);
        await TakeAsync(cw, second, "geliefert");
        (await TakeAsync(cw, second, "ins-abholfach")).ShouldBe("abholfach");
        fixture.Clock.Advance(TimeSpan.FromDays(29));
        (await RunDeadlinesAsync()).Escalated.ShouldBe(1);
        fixture.Clock.Advance(TimeSpan.FromDays(28));
        (await RunDeadlinesAsync()).Transitions.ShouldBe(1);
        (await cw.ProcessAsync(forgotten)).GetProperty("state").GetString().ShouldBe("zurueck");
    }

    private static Dictionary<string, object> Inputs(params (string Name, object Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private static async Task<Guid> StartAsync(WorkflowsApi api, Guid caseId, string process, string? legalBasis)
    {
        var (status, body) = await api.PostAsync($"api/workflows/cases/{caseId}/process", new { process, legalBasis });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("instanceId").GetGuid();
    }

    /// <summary>Takes a transition and answers the state it led to, or <c>refused:&lt;problem code&gt;</c>.</summary>
    private static async Task<string> TakeAsync(WorkflowsApi api, Guid instance, string transition, object? inputs = null, HttpStatusCode expect = HttpStatusCode.OK)
    {
        var (status, body) = await api.TakeAsync(instance, transition, inputs);
        status.ShouldBe(expect, body.ToString());
        return status == HttpStatusCode.OK ? body.GetProperty("state").GetString()! : "refused:" + body.GetProperty("code").GetString();
    }

    /// <summary>Bounded wait for the outbox to have produced the case's n-th letter; answers that step's detail.</summary>
    private async Task<string> LetterStepAsync(Guid instance, int count)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT detail::text FROM workflows.steps WHERE instance_id = $1 AND kind = 'action' ORDER BY seq", connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = instance });
            var details = new List<string>();
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    details.Add(reader.GetString(0));
                }
            }

            if (details.Count >= count)
            {
                return details[count - 1];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Letter {count} of {instance} was not produced.");
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = fixture.A.Id });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<RunDeadlinesResult> RunDeadlinesAsync()
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        return await scope.ServiceProvider.GetRequiredService<RunDeadlines>().ExecuteAsync(new RunDeadlinesRequest(), CancellationToken.None);
    }
}
