namespace Saas.Modules.Workflows.Tests.Features.Tasks;

/// <summary>
/// The team lead's bulk work (issue 12 item 6, docs/adr/0026): a batch of old cases handed to a task force in one
/// audited, limited, idempotent operation; a campaign that starts a process for every case whose newest title runs
/// out (the § 24 renewals), in batches, skipping what runs already; the backlog by unit and age.
/// </summary>
public sealed class BulkWorkTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task OldCases_GoToATaskForce_InOneAuditedLimitedMove_AndMovingAgainChangesNothing()
    {
        var a = new QueueWorld(fixture, fixture.A);
        await a.PublishAsync();
        var old = new List<Guid>();
        var fresh = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var (_, caseId) = await a.SeedCaseAsync("Becker" + (char)('a' + i), ["antrag"]);
            await a.StartAsync(caseId);
            if (i < 8)
            {
                await a.AgeAsync(caseId, 200 + i);
                old.Add(caseId);
            }
            else
            {
                fresh.Add(caseId);
            }
        }

        var held = await a.TaskAsync(old[0]);
        (await QueueWorld.PostAsync(a.Client(a.Cw), $"api/workflows/tasks/{held}/claim")).Status.ShouldBe(HttpStatusCode.OK);
        var lead = a.Client(a.Lead);
        var selection = new { unit = "30-99", process = QueueWorld.Process, state = "pruefung", olderThanDays = 180 };

        var (status, first) = await QueueWorld.PostAsync(lead, "api/workflows/tasks/task-force", new { selection.unit, selection.process, selection.state, selection.olderThanDays, limit = 5 });
        status.ShouldBe(HttpStatusCode.OK, first.ToString());
        (first.GetProperty("cases").GetInt32(), first.GetProperty("moved").GetInt32(), first.GetProperty("alreadyThere").GetInt32(), first.GetProperty("more").GetBoolean())
            .ShouldBe((5, 10, 0, true));
        var second = (await QueueWorld.PostAsync(lead, "api/workflows/tasks/task-force", selection)).Body;
        (second.GetProperty("cases").GetInt32(), second.GetProperty("moved").GetInt32(), second.GetProperty("alreadyThere").GetInt32(), second.GetProperty("more").GetBoolean())
            .ShouldBe((8, 6, 10, false));
        var again = (await QueueWorld.PostAsync(lead, "api/workflows/tasks/task-force", selection)).Body;
        (again.GetProperty("moved").GetInt32(), again.GetProperty("alreadyThere").GetInt32()).ShouldBe((0, 16));

        // The held task is back in a queue (the task force's), where it came from is kept, the fresh cases stayed.
        (await a.ScalarAsync<long>("SELECT count(*) FROM workflows.tasks WHERE unit = '30-99' AND moved_from_unit = '30-20' AND assignee IS NULL AND status = 'open'")).ShouldBe(16);
        (await a.ScalarAsync<long>("SELECT count(*) FROM workflows.tasks WHERE case_id = ANY($1) AND unit = '30-20'", fresh.ToArray())).ShouldBe(8);
        (await a.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE action = 'tasks.task-force' AND tenant_id = $1", fixture.A.Id)).ShouldBe(3);
        (await QueueWorld.GetAsync(lead, "api/workflows/queues/units/30-99")).Body.GetProperty("unassigned").GetInt32().ShouldBe(16);

        // By ids: two of the fresh cases.
        var byIds = (await QueueWorld.PostAsync(lead, "api/workflows/tasks/task-force", new { unit = "30-99", caseIds = fresh.Take(2) })).Body;
        (byIds.GetProperty("cases").GetInt32(), byIds.GetProperty("moved").GetInt32()).ShouldBe((2, 4));

        // The backlog by unit and age: the task force holds the ten cases, eight of them older than 180 days.
        var backlog = (await QueueWorld.GetAsync(a.Client(a.Cw), "api/workflows/queues/backlog")).Body;
        var units = backlog.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("unit").GetString()!);
        units["30-99"].GetProperty("cases").EnumerateArray().Select(c => c.GetInt32()).ShouldBe([2, 0, 0, 8]);
        units["30-99"].GetProperty("tasks").EnumerateArray().Select(c => c.GetInt32()).ShouldBe([4, 0, 0, 16]);
        units["30-20"].GetProperty("cases").EnumerateArray().Select(c => c.GetInt32()).ShouldBe([2, 0, 0, 0]);
        units["30-20"].GetProperty("code").GetString().ShouldBe("30.20");
        backlog.GetProperty("cases").EnumerateArray().Select(c => c.GetInt32()).ShouldBe([4, 0, 0, 8]);

        // Refused: no selection, a limit beyond 5,000, an unknown unit, a caseworker.
        QueueWorld.Code((await QueueWorld.PostAsync(lead, "api/workflows/tasks/task-force", new { unit = "30-99" })).Body).ShouldBe("task-selection-empty");
        QueueWorld.Code((await QueueWorld.PostAsync(lead, "api/workflows/tasks/task-force", new { unit = "30-99", process = "x", limit = 5001 })).Body).ShouldBe("task-limit-refused");
        (await QueueWorld.PostAsync(lead, "api/workflows/tasks/task-force", new { unit = "30-77", process = "x" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await QueueWorld.PostAsync(a.Client(a.Cw), "api/workflows/tasks/task-force", selection)).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ATaskForce_KeepsItsCases_TheirNextTasksForTheUnitItTookThemFrom_GoToIt_OthersWhereTheProcessSays()
    {
        var a = new QueueWorld(fixture, fixture.A);
        await a.PublishAsync();
        var (_, kept) = await a.SeedCaseAsync("Keller", ["antrag"]);
        var (_, left) = await a.SeedCaseAsync("Lorenz", ["antrag"]);
        var instances = new Dictionary<Guid, Guid> { [kept] = await a.StartAsync(kept), [left] = await a.StartAsync(left) };
        var lead = a.Client(a.Lead);
        (await QueueWorld.PostAsync(lead, "api/workflows/tasks/task-force", new { unit = "30-99", caseIds = new[] { kept } })).Status.ShouldBe(HttpStatusCode.OK);

        // Both go to the front office (30.10, a unit the task force did not take them from) and back to the examination (30.20).
        var cw = a.Client(a.Cw);
        foreach (var transition in new[] { "zur-beratung", "zurueck" })
        {
            foreach (var (_, instance) in instances)
            {
                var (status, body) = await QueueWorld.PostAsync(cw, $"api/workflows/instances/{instance}/transitions/{transition}");
                status.ShouldBe(HttpStatusCode.OK, body.ToString());
            }

            if (transition == "zur-beratung")
            {
                (await a.ScalarAsync<long>("SELECT count(*) FROM workflows.tasks WHERE case_id = $1 AND status = 'open' AND unit = '30-10' AND moved_from_unit IS NULL", kept)).ShouldBe(1);
            }
        }

        (await a.ScalarAsync<long>("SELECT count(*) FROM workflows.tasks WHERE case_id = $1 AND status = 'open' AND unit = '30-99' AND moved_from_unit = '30-20'", kept)).ShouldBe(2);
        (await a.ScalarAsync<long>("SELECT count(*) FROM workflows.tasks WHERE case_id = $1 AND status = 'open' AND unit = '30-20'", kept)).ShouldBe(0);
        (await a.ScalarAsync<long>("SELECT count(*) FROM workflows.tasks WHERE case_id = $1 AND status = 'open' AND unit = '30-20' AND moved_from_unit IS NULL", left)).ShouldBe(2);
    }

    [Fact]
    public async Task ACampaign_StartsTheProcess_ForEveryCaseWhoseNewestTitleRunsOut_InBatches_SkippingWhatRuns()
    {
        var a = new QueueWorld(fixture, fixture.A);
        await a.PublishAsync();
        var from = new DateOnly(2027, 3, 1);
        var to = new DateOnly(2027, 5, 31);
        const int matching = 150;
        for (var i = 0; i < matching; i++)
        {
            await a.SeedCaseAsync("Kowalenko" + i, ["antrag"], title: ("AufenthG-24", from.AddDays(i % 90)));
        }

        var running = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var (_, caseId) = await a.SeedCaseAsync("Bondarenko" + i, ["antrag"], title: ("AufenthG-24", from.AddDays(5)));
            await a.StartAsync(caseId, "AufenthG-24");
            running.Add(caseId);
        }

        for (var i = 0; i < 5; i++)
        {
            await a.SeedCaseAsync("Other" + i, [], title: ("AufenthG-18a", from.AddDays(3)));                 // another basis
            await a.SeedCaseAsync("Later" + i, [], title: ("AufenthG-24", to.AddDays(10)));                   // outside the range
            var (file, _) = await a.SeedCaseAsync("Renewed" + i, [], title: ("AufenthG-24", from.AddDays(3)));
            await a.AddTitleAsync(file, "AufenthG-25", to.AddYears(2));                                         // a newer title
            await a.SeedCaseAsync("NoCase" + i, [], title: ("AufenthG-24", from.AddDays(3)), openCase: false); // no open case
            await a.SeedCaseAsync("Naturalising" + i, [], kind: "einbuergerung", title: ("AufenthG-24", from.AddDays(3)));
        }

        var lead = a.Client(a.Lead);
        var request = new { process = QueueWorld.Process, titleLegalBasis = "AufenthG-24", expiringFrom = from, expiringTo = to, name = "§ 24 Frühjahr 2027" };
        var (status, first) = await QueueWorld.PostAsync(lead, "api/workflows/campaigns", new { request.process, request.titleLegalBasis, request.expiringFrom, request.expiringTo, request.name, limit = 100 });
        status.ShouldBe(HttpStatusCode.OK, first.ToString());
        (first.GetProperty("matched").GetInt32(), first.GetProperty("started").GetInt32(), first.GetProperty("skipped").GetInt32(), first.GetProperty("remaining").GetInt32())
            .ShouldBe((matching + 3 + 10, 100, 3, matching - 100));
        var refused = first.GetProperty("refused").EnumerateArray().ToList();
        refused.Count.ShouldBe(10);
        refused.ShouldAllBe(r => r.GetProperty("reason").GetString() == "no-open-case");

        var second = (await QueueWorld.PostAsync(lead, "api/workflows/campaigns", request)).Body;
        (second.GetProperty("started").GetInt32(), second.GetProperty("skipped").GetInt32(), second.GetProperty("remaining").GetInt32()).ShouldBe((matching - 100, 103, 0));
        var third = (await QueueWorld.PostAsync(lead, "api/workflows/campaigns", request)).Body;
        (third.GetProperty("started").GetInt32(), third.GetProperty("skipped").GetInt32()).ShouldBe((0, matching + 3));

        (await a.ScalarAsync<long>("SELECT count(*) FROM workflows.instances WHERE campaign = '§ 24 Frühjahr 2027' AND legal_basis = 'AufenthG-24' AND state = 'pruefung'")).ShouldBe(matching);
        (await a.ScalarAsync<long>("SELECT count(*) FROM workflows.tasks t JOIN workflows.instances i ON i.id = t.instance_id WHERE i.campaign IS NOT NULL AND t.status = 'open'")).ShouldBe(2 * matching);
        (await a.ScalarAsync<long>("SELECT count(*) FROM workflows.instances WHERE case_id = ANY($1) AND campaign IS NULL", running.ToArray())).ShouldBe(3);
        (await a.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE action = 'process.campaign' AND tenant_id = $1", fixture.A.Id)).ShouldBe(3);
        (await a.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE action = 'process.start' AND tenant_id = $1", fixture.A.Id)).ShouldBe(matching + 3);

        // Refused: a basis that is no title, an unknown process, a limit beyond 1,000, a caseworker.
        QueueWorld.Code((await QueueWorld.PostAsync(lead, "api/workflows/campaigns", new { process = QueueWorld.Process, titleLegalBasis = "AufenthG-999", expiringFrom = from, expiringTo = to })).Body)
            .ShouldBe("campaign-basis-refused");
        (await QueueWorld.PostAsync(lead, "api/workflows/campaigns", new { process = "gibt-es-nicht", titleLegalBasis = "AufenthG-24", expiringFrom = from, expiringTo = to })).Status
            .ShouldBe(HttpStatusCode.NotFound);
        QueueWorld.Code((await QueueWorld.PostAsync(lead, "api/workflows/campaigns", new { request.process, request.titleLegalBasis, request.expiringFrom, request.expiringTo, limit = 1001 })).Body)
            .ShouldBe("task-limit-refused");
        (await QueueWorld.PostAsync(a.Client(a.Cw), "api/workflows/campaigns", request)).Status.ShouldBe(HttpStatusCode.Forbidden);

        // Another authority's campaign finds none of these titles.
        var b = new QueueWorld(fixture, fixture.B);
        await b.PublishAsync();
        var other = (await QueueWorld.PostAsync(b.Client(b.Lead), "api/workflows/campaigns", request)).Body;
        (other.GetProperty("matched").GetInt32(), other.GetProperty("started").GetInt32()).ShouldBe((0, 0));
    }
}
