using Saas.Modules.Workflows.Features.Deadlines;

namespace Saas.Modules.Workflows.Tests.Features.Instances;

/// <summary>
/// The extension process end to end on a moved clock: a complete application decided at once (title recorded, card
/// ordered, case closed), an incomplete one with a request for evidence whose deadline escalates after three weeks
/// and expires into a decision after four, an old permit running out while the case is open (provisional
/// certificate); guards that name every reason; signing authority from the staff configuration; four eyes; two
/// caseworkers at once; another authority reaches none of it.
/// </summary>
public sealed class ProcessRunTests(ProcessFixture fixture) : IClassFixture<ProcessFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);

    [Fact]
    public async Task ACompleteApplication_IsDecidedAtOnce_TheTitleIsRecorded_TheCardOrdered_AndTheCaseClosed()
    {
        var a = WorkflowsApi.SignIn(fixture, fixture.A.Key);
        var (file, caseId) = await a.CaseAsync("Kovalenko", Today.AddMonths(3));
        await Evidence.AddAsync(fixture.App.Database, fixture.A.Id, file, "antrag", "pass", "arbeitsvertrag");

        var started = await a.StartAsync(caseId);
        started.GetProperty("state").GetString().ShouldBe("eingegangen");
        started.GetProperty("version").GetInt32().ShouldBe(1);
        var task = started.GetProperty("tasks").EnumerateArray().Single();
        task.GetProperty("key").GetString().ShouldBe("vollstaendigkeit");
        task.GetProperty("unit").GetString().ShouldBe("backoffice");
        task.GetProperty("dueOn").GetString().ShouldBe(Today.AddDays(14).ToString("yyyy-MM-dd"));
        var titleDeadline = started.GetProperty("deadlines").EnumerateArray().Single();
        titleDeadline.GetProperty("key").GetString().ShouldBe("titelablauf");
        titleDeadline.GetProperty("dueOn").GetString().ShouldBe(Today.AddMonths(3).ToString("yyyy-MM-dd"));
        var open = Transitions(started);
        open["vollstaendig"].ShouldBeTrue();
        open["nachfordern"].ShouldBeFalse("all evidence is there, so there is nothing to request");
        var instance = started.GetProperty("instanceId").GetGuid();

        (await a.TakeAsync(instance, "vollstaendig")).Status.ShouldBe(HttpStatusCode.OK);
        var until = Today.AddYears(2);
        var (granted, result) = await a.TakeAsync(instance, "erteilen", new Dictionary<string, object> { ["entscheidung.gueltigBis"] = until.ToString("yyyy-MM-dd") });
        granted.ShouldBe(HttpStatusCode.OK, result.ToString());
        result.GetProperty("state").GetString().ShouldBe("erteilt");

        var process = await a.ProcessAsync(caseId);
        process.GetProperty("finished").GetBoolean().ShouldBeTrue();
        process.GetProperty("tasks").EnumerateArray().Select(t => $"{t.GetProperty("key").GetString()}:{t.GetProperty("status").GetString()}")
            .Order().ShouldBe(["entscheiden:done", "vollstaendigkeit:done"]);
        process.GetProperty("deadlines").EnumerateArray().Single().GetProperty("status").GetString().ShouldBe("cancelled");
        process.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("transition").GetString() ?? s.GetProperty("kind").GetString())
            .ShouldBe(["start", "vollstaendig", "erteilen"]);
        var residence = await a.GetAsync($"api/cases/files/{file}/residence");
        var titles = residence.Body.GetProperty("titles").EnumerateArray().ToList();
        titles.Count.ShouldBe(2);
        titles.ShouldContain(t => t.GetProperty("validUntil").GetString() == until.ToString("yyyy-MM-dd") && t.GetProperty("caseId").GetGuid() == caseId);
        (await CountAsync($"SELECT count(*) FROM cases.procedures WHERE tenant_id = $1 AND id = '{caseId}' AND status = 'closed' AND outcome = 'erteilt'")).ShouldBe(1);
        (await CountAsync("SELECT count(*) FROM platform.outbox_messages WHERE tenant_id = $1 AND type LIKE '%ResidenceCardOrdered%'")).ShouldBe(1);
        (await CountAsync("SELECT count(*) FROM audit.events WHERE tenant_id = $1 AND action = 'process.transition'")).ShouldBe(2);
    }

    [Fact]
    public async Task AnIncompleteApplication_GetsARequestForEvidence_WhoseDeadlineEscalates_ThenExpiresIntoADecision()
    {
        var a = WorkflowsApi.SignIn(fixture, fixture.A.Key);
        var (file, caseId) = await a.CaseAsync("Bondarenko");
        await Evidence.AddAsync(fixture.App.Database, fixture.A.Id, file, "antrag");
        var started = await a.StartAsync(caseId);
        started.GetProperty("deadlines").GetArrayLength().ShouldBe(0, "no title yet, so the deadline until its end does not start");
        var closed = started.GetProperty("transitions").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "vollstaendig");
        closed.GetProperty("open").GetBoolean().ShouldBeFalse();
        closed.GetProperty("guard").EnumerateArray().Where(p => !p.GetProperty("holds").GetBoolean()).Select(p => p.GetProperty("reason").GetString())
            .ShouldBe(["Nachweis „pass“ fehlt", "Nachweis „arbeitsvertrag“ fehlt"]);
        var instance = started.GetProperty("instanceId").GetGuid();
        var (refused, problem) = await a.TakeAsync(instance, "vollstaendig");
        refused.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("code").GetString().ShouldBe("process-guard-failed");
        problem.GetProperty("errors").GetProperty("guard").EnumerateArray().Select(e => e.GetString()).ShouldContain("Nachweis „pass“ fehlt");

        (await a.TakeAsync(instance, "nachfordern")).Status.ShouldBe(HttpStatusCode.OK);
        var requested = await a.ProcessAsync(caseId);
        var deadline = requested.GetProperty("deadlines").EnumerateArray().Single();
        deadline.GetProperty("dueOn").GetString().ShouldBe(Today.AddDays(28).ToString("yyyy-MM-dd"));
        (await a.TakeAsync(instance, "fristablauf")).Status.ShouldBe(HttpStatusCode.Conflict, "only the platform takes the expiry");

        fixture.Clock.Advance(TimeSpan.FromDays(20));
        (await RunDeadlinesAsync()).Escalated.ShouldBe(0);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var escalated = await RunDeadlinesAsync();
        escalated.Escalated.ShouldBe(1);
        (await RunDeadlinesAsync()).Escalated.ShouldBe(0, "an escalation is raised once");
        var afterEscalation = await a.ProcessAsync(caseId);
        afterEscalation.GetProperty("state").GetString().ShouldBe("nachforderung");
        afterEscalation.GetProperty("tasks").EnumerateArray().ShouldContain(t => t.GetProperty("name").GetString() == "Frist für Nachweise läuft ab"
            && t.GetProperty("unit").GetString() == "backoffice" && t.GetProperty("status").GetString() == "open");

        fixture.Clock.Advance(TimeSpan.FromDays(7));
        (await RunDeadlinesAsync()).Expired.ShouldBe(0, "the deadline's last day is not over yet");
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var expired = await RunDeadlinesAsync();
        expired.Expired.ShouldBe(1);
        expired.Transitions.ShouldBe(1);
        var decided = await a.ProcessAsync(caseId);
        decided.GetProperty("state").GetString().ShouldBe("entscheidung");
        decided.GetProperty("steps").EnumerateArray().Last().GetProperty("by").GetString().ShouldBe("system:deadlines");
    }

    [Fact]
    public async Task AnOldPermitRunningOutWhileTheCaseIsOpen_LeadsToAProvisionalCertificate()
    {
        var a = WorkflowsApi.SignIn(fixture, fixture.A.Key);
        var (_, caseId) = await a.CaseAsync("Shevchenko", Today.AddDays(10));
        var instance = (await a.StartAsync(caseId)).GetProperty("instanceId").GetGuid();
        (await a.TakeAsync(instance, "nachfordern")).Status.ShouldBe(HttpStatusCode.OK);
        fixture.Clock.Advance(TimeSpan.FromDays(11));
        var run = await RunDeadlinesAsync();
        run.Transitions.ShouldBe(1);
        var process = await a.ProcessAsync(caseId);
        process.GetProperty("state").GetString().ShouldBe("fiktion");
        Transitions(process).Keys.ShouldBe(["erteilen", "anhoeren"]);
    }

    [Fact]
    public async Task SigningNeedsTheAuthorityForTheCasesLegalBasis_AndARefusalNeedsASecondPerson()
    {
        var a = WorkflowsApi.SignIn(fixture, fixture.A.Key);
        var trainee = WorkflowsApi.SignIn(fixture, fixture.A.Key, "both");
        var second = WorkflowsApi.SignIn(fixture, fixture.A.Key, "cw2");
        var (file, caseId) = await a.CaseAsync("Melnyk");
        await Evidence.AddAsync(fixture.App.Database, fixture.A.Id, file, "antrag", "pass", "arbeitsvertrag");
        var instance = (await a.StartAsync(caseId)).GetProperty("instanceId").GetGuid();
        (await trainee.TakeAsync(instance, "vollstaendig")).Status.ShouldBe(HttpStatusCode.OK, "preparing is open to a trainee");

        var inputs = new Dictionary<string, object> { ["entscheidung.gueltigBis"] = Today.AddYears(1).ToString("yyyy-MM-dd") };
        var (refused, problem) = await trainee.TakeAsync(instance, "erteilen", inputs);
        refused.ShouldBe(HttpStatusCode.UnprocessableEntity, problem.ToString());
        problem.GetProperty("errors").GetProperty("guard")[0].GetString().ShouldBe("Keine Zeichnungsbefugnis für § 18a AufenthG");
        var english = await trainee.ProcessAsync(caseId, "en");
        english.GetProperty("transitions").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "erteilen").GetProperty("guard")
            .EnumerateArray().ShouldContain(p => p.GetProperty("reason").GetString() == "No signing authority for § 18a AufenthG");
        var (tooLong, why) = await a.TakeAsync(instance, "erteilen", new Dictionary<string, object> { ["entscheidung.gueltigBis"] = Today.AddYears(4).ToString("yyyy-MM-dd") });
        tooLong.ShouldBe(HttpStatusCode.UnprocessableEntity, why.ToString());
        var (badInput, fields) = await a.TakeAsync(instance, "erteilen", new Dictionary<string, object> { ["entscheidung.gueltigBis"] = "31.01.2027", ["wunsch"] = "x" });
        badInput.ShouldBe(HttpStatusCode.BadRequest);
        fields.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(["entscheidung.gueltigBis", "wunsch"]);

        (await a.TakeAsync(instance, "anhoeren")).Status.ShouldBe(HttpStatusCode.OK);
        var (proposed, proposal) = await a.TakeAsync(instance, "ablehnen");
        proposed.ShouldBe(HttpStatusCode.OK, proposal.ToString());
        proposal.GetProperty("awaitsCoSignature").GetBoolean().ShouldBeTrue();
        proposal.GetProperty("state").GetString().ShouldBe("anhoerung");
        (await a.TakeAsync(instance, "ablehnen")).Body.GetProperty("code").GetString().ShouldBe("process-co-sign-by-self");
        var (coSigned, final) = await second.TakeAsync(instance, "ablehnen");
        coSigned.ShouldBe(HttpStatusCode.OK, final.ToString());
        final.GetProperty("state").GetString().ShouldBe("abgelehnt");
        final.GetProperty("awaitsCoSignature").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task TwoCaseworkersActingAtOnce_OneWins_TheOtherGetsAConflict_AndNothingIsAppliedTwice()
    {
        var a = WorkflowsApi.SignIn(fixture, fixture.A.Key);
        var other = WorkflowsApi.SignIn(fixture, fixture.A.Key, "cw2");
        var (file, caseId) = await a.CaseAsync("Tkachenko");
        await Evidence.AddAsync(fixture.App.Database, fixture.A.Id, file, "antrag", "pass", "arbeitsvertrag");
        var started = await a.StartAsync(caseId);
        var instance = started.GetProperty("instanceId").GetGuid();
        var version = started.GetProperty("rowVersion").GetUInt32();
        (await a.TakeAsync(instance, "vollstaendig", expectedVersion: version)).Status.ShouldBe(HttpStatusCode.OK);
        var stale = await a.TakeAsync(instance, "anhoeren", expectedVersion: version);
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Body.GetProperty("code").GetString().ShouldBe("process-changed-meanwhile");

        var inputs = new Dictionary<string, object> { ["entscheidung.gueltigBis"] = Today.AddYears(1).ToString("yyyy-MM-dd") };
        var both = await Task.WhenAll(a.TakeAsync(instance, "erteilen", inputs), other.TakeAsync(instance, "anhoeren"));
        both.Count(r => r.Status == HttpStatusCode.OK).ShouldBe(1, string.Join(" | ", both.Select(r => r.Body.ToString())));
        both.Single(r => r.Status != HttpStatusCode.OK).Status.ShouldBe(HttpStatusCode.Conflict);
        var process = await a.ProcessAsync(caseId);
        process.GetProperty("steps").EnumerateArray().Count(s => s.GetProperty("kind").GetString() == "transition").ShouldBe(2);
        var titles = (await a.GetAsync($"api/cases/files/{file}/residence")).Body.GetProperty("titles").GetArrayLength();
        titles.ShouldBe(process.GetProperty("state").GetString() == "erteilt" ? 1 : 0);
    }

    [Fact]
    public async Task AnotherAuthority_ReachesNoneOfIt()
    {
        var a = WorkflowsApi.SignIn(fixture, fixture.A.Key);
        var b = WorkflowsApi.SignIn(fixture, fixture.B.Key);
        var (_, caseId) = await a.CaseAsync("Hrytsenko");
        var instance = (await a.StartAsync(caseId)).GetProperty("instanceId").GetGuid();
        (await b.GetAsync($"api/workflows/cases/{caseId}/process")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await b.TakeAsync(instance, "nachfordern")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostAsync($"api/workflows/cases/{caseId}/process", new { process = TestProcess.Key, legalBasis = "AufenthG-18a" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await a.ProcessAsync(caseId)).GetProperty("state").GetString().ShouldBe("eingegangen");
    }

    private static Dictionary<string, bool> Transitions(JsonElement process) =>
        process.GetProperty("transitions").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("open").GetBoolean());

    private async Task<RunDeadlinesResult> RunDeadlinesAsync()
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        return await scope.ServiceProvider.GetRequiredService<RunDeadlines>().ExecuteAsync(new RunDeadlinesRequest(), CancellationToken.None);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = fixture.A.Id });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
