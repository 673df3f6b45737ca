namespace Saas.Modules.Workflows.Tests.Features.Tasks;

/// <summary>
/// Work queues (issue 12 item 6, docs/adr/0026): a caseworker's queue by unit, surname range and specialisation with
/// complete cases first; a trainee sees only what is theirs by specialisation; the front office shares its work; a
/// unit's queue; claims decided by the database; co-signatures waiting for those who may sign; another authority's
/// tasks are not found on any endpoint.
/// </summary>
public sealed class QueueTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task MyQueue_HoldsMyRangeAndSpecialisation_CompleteCasesFirst_AndTheUnitQueueHoldsAll()
    {
        var a = new QueueWorld(fixture, fixture.A);
        await a.PublishAsync();
        var (_, adler) = await a.SeedCaseAsync("Adler", ["antrag"]);                  // A–K, incomplete (no pass)
        var (_, becker) = await a.SeedCaseAsync("Becker", ["antrag", "pass"]);        // A–K, complete
        var (_, oezturk) = await a.SeedCaseAsync("Öztürk", ["antrag", "pass"]);       // L–Z (Ö → O)
        foreach (var id in new[] { adler, becker, oezturk })
        {
            await a.StartAsync(id);
        }

        await a.AgeAsync(adler, 40); // older, but incomplete: the complete case still comes first

        var (status, mine) = await QueueWorld.GetAsync(a.Client(a.Cw), "api/workflows/queues/mine");
        status.ShouldBe(HttpStatusCode.OK, mine.ToString());
        var available = mine.GetProperty("available").EnumerateArray().ToList();
        available.Select(t => t.GetProperty("caseId").GetGuid()).ShouldBe([becker, adler]);
        available.Select(t => t.GetProperty("key").GetString()).ShouldAllBe(k => k == "pruefen");
        available[0].GetProperty("complete").GetBoolean().ShouldBeTrue();
        available[1].GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ShouldBe(["pass"]);
        available[1].GetProperty("ageDays").GetInt32().ShouldBe(40);

        var other = (await QueueWorld.GetAsync(a.Client(a.Cw2), "api/workflows/queues/mine")).Body;
        other.GetProperty("available").EnumerateArray().Select(t => t.GetProperty("caseId").GetGuid()).ShouldBe([oezturk]);

        // The trainee has no range: only the specialisation's tasks, complete first.
        var trainee = (await QueueWorld.GetAsync(a.Client(a.Trainee), "api/workflows/queues/mine")).Body;
        trainee.GetProperty("trainee").GetBoolean().ShouldBeTrue();
        var theirs = trainee.GetProperty("available").EnumerateArray().ToList();
        theirs.Select(t => t.GetProperty("key").GetString()).ShouldAllBe(k => k == "ve-pruefen");
        theirs.Select(t => t.GetProperty("caseId").GetGuid()).ShouldBe([becker, oezturk, adler]);

        var unit = (await QueueWorld.GetAsync(a.Client(a.Cw2), "api/workflows/queues/units/30-20")).Body;
        unit.GetProperty("total").GetInt32().ShouldBe(6);
        unit.GetProperty("tasks").EnumerateArray().Take(4).ShouldAllBe(t => t.GetProperty("complete").GetBoolean());
        (await QueueWorld.GetAsync(a.Client(a.Cw), "api/workflows/queues/units/30-77")).Status.ShouldBe(HttpStatusCode.NotFound);

        // Someone without a staff document sees only what is assigned to them.
        var stranger = (await QueueWorld.GetAsync(a.Client("both-" + fixture.A.Key), "api/workflows/queues/mine")).Body;
        stranger.GetProperty("configured").GetBoolean().ShouldBeFalse();
        stranger.GetProperty("available").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task TheFrontOffice_SharesItsTasks_AmongItsQualifiedMembers()
    {
        var a = new QueueWorld(fixture, fixture.A);
        await a.PublishAsync();
        var (_, caseId) = await a.SeedCaseAsync("Zander", ["antrag"]);
        var instance = await a.StartAsync(caseId);
        var (moved, body) = await QueueWorld.PostAsync(a.Client(a.Cw), $"api/workflows/instances/{instance}/transitions/zur-beratung");
        moved.ShouldBe(HttpStatusCode.OK, body.ToString());

        // 30.10 has no surname ranges: cw (a member) gets it although Zander is outside A–K; cw2 is no member; the trainee has no range.
        var mine = (await QueueWorld.GetAsync(a.Client(a.Cw), "api/workflows/queues/mine")).Body;
        mine.GetProperty("available").EnumerateArray().Select(t => t.GetProperty("key").GetString()).ShouldBe(["beraten"]);
        (await QueueWorld.GetAsync(a.Client(a.Cw2), "api/workflows/queues/mine")).Body.GetProperty("available").GetArrayLength().ShouldBe(0);
        (await QueueWorld.GetAsync(a.Client(a.Trainee), "api/workflows/queues/mine")).Body.GetProperty("available").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task TwoClaimsAtOnce_OneWins_TheOtherGetsAConflict_NothingLost()
    {
        var a = new QueueWorld(fixture, fixture.A);
        await a.PublishAsync();
        var (_, caseId) = await a.SeedCaseAsync("Becker", ["antrag"]);
        await a.StartAsync(caseId);
        var task = await a.TaskAsync(caseId);
        var lead = a.Client(a.Lead);
        var cw = a.Client(a.Cw);
        var cw2 = a.Client(a.Cw2);

        for (var round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(QueueWorld.PostAsync(cw, $"api/workflows/tasks/{task}/claim"), QueueWorld.PostAsync(cw2, $"api/workflows/tasks/{task}/claim"));
            results.Count(r => r.Status == HttpStatusCode.OK).ShouldBe(1, string.Join(" | ", results.Select(r => r.Body.ToString())));
            var loser = results.Single(r => r.Status != HttpStatusCode.OK);
            loser.Status.ShouldBe(HttpStatusCode.Conflict);
            QueueWorld.Code(loser.Body).ShouldBe("task-already-claimed");
            var winner = results.Single(r => r.Status == HttpStatusCode.OK).Body.GetProperty("assignee").GetString()!;
            (await a.ScalarAsync<string>("SELECT assignee FROM workflows.tasks WHERE id = $1", task)).ShouldBe(winner);
            loser.Body.GetProperty("detail").GetString().ShouldBe(task.ToString());
            (await a.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE action = 'tasks.claim' AND tenant_id = $1", fixture.A.Id)).ShouldBe(round + 1);
            (await QueueWorld.PostAsync(lead, $"api/workflows/tasks/{task}/release")).Status.ShouldBe(HttpStatusCode.OK);
        }

        // Claimed by cw: in cw's assigned list, no longer available to anyone; cw2 cannot give it back, cw hands it on.
        (await QueueWorld.PostAsync(cw, $"api/workflows/tasks/{task}/claim")).Status.ShouldBe(HttpStatusCode.OK);
        (await QueueWorld.PostAsync(cw, $"api/workflows/tasks/{task}/claim")).Status.ShouldBe(HttpStatusCode.OK); // already mine: no change
        var mine = (await QueueWorld.GetAsync(cw, "api/workflows/queues/mine")).Body;
        mine.GetProperty("assigned").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ShouldBe([task]);
        mine.GetProperty("available").GetArrayLength().ShouldBe(0);
        QueueWorld.Code((await QueueWorld.PostAsync(cw2, $"api/workflows/tasks/{task}/release")).Body).ShouldBe("task-not-yours");
        QueueWorld.Code((await QueueWorld.PostAsync(cw, $"api/workflows/tasks/{task}/reassign", new { assignee = "nobody" })).Body).ShouldBe("task-assignee-unknown");
        var (handed, standing) = await QueueWorld.PostAsync(cw, $"api/workflows/tasks/{task}/reassign", new { assignee = a.Cw2 });
        handed.ShouldBe(HttpStatusCode.OK, standing.ToString());
        standing.GetProperty("assignee").GetString().ShouldBe(a.Cw2);

        // A state's task is done by the transition, not by hand.
        QueueWorld.Code((await QueueWorld.PostAsync(cw2, $"api/workflows/tasks/{task}/complete")).Body).ShouldBe("task-closes-with-transition");
    }

    [Fact]
    public async Task AProposedCoSignature_WaitsInTheQueueOfThoseWhoMaySign_NotOfTheProposer()
    {
        var a = new QueueWorld(fixture, fixture.A);
        await a.PublishAsync();
        var (_, caseId) = await a.SeedCaseAsync("Becker", ["antrag", "pass"]);
        var instance = await a.StartAsync(caseId);
        var (proposed, body) = await QueueWorld.PostAsync(a.Client(a.Cw), $"api/workflows/instances/{instance}/transitions/erteilen");
        proposed.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("awaitsCoSignature").GetBoolean().ShouldBeTrue();

        var second = (await QueueWorld.GetAsync(a.Client(a.Cw2), "api/workflows/queues/mine")).Body.GetProperty("coSignatures").EnumerateArray().ToList();
        second.Select(c => (c.GetProperty("instanceId").GetGuid(), c.GetProperty("transition").GetString(), c.GetProperty("proposedBy").GetString()))
            .ShouldBe([(instance, "erteilen", a.Cw)]);
        (await QueueWorld.GetAsync(a.Client(a.Cw), "api/workflows/queues/mine")).Body.GetProperty("coSignatures").GetArrayLength().ShouldBe(0);

        // Once co-signed, the case is decided and nothing waits any more.
        (await QueueWorld.PostAsync(a.Client(a.Cw2), $"api/workflows/instances/{instance}/transitions/erteilen")).Status.ShouldBe(HttpStatusCode.OK);
        (await QueueWorld.GetAsync(a.Client(a.Cw2), "api/workflows/queues/mine")).Body.GetProperty("coSignatures").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AnotherAuthoritysCaseworker_FindsNoneOfItsTasks_OnAnyEndpoint()
    {
        var a = new QueueWorld(fixture, fixture.A);
        var b = new QueueWorld(fixture, fixture.B);
        await a.PublishAsync();
        await b.PublishAsync();
        var (_, caseId) = await a.SeedCaseAsync("Becker", ["antrag"]);
        await a.StartAsync(caseId);
        var task = await a.TaskAsync(caseId);
        var cwB = b.Client(b.Cw);
        (await QueueWorld.GetAsync(cwB, $"api/workflows/tasks/{task}")).Status.ShouldBe(HttpStatusCode.NotFound);
        foreach (var action in new[] { "claim", "release", "complete" })
        {
            var (status, body) = await QueueWorld.PostAsync(cwB, $"api/workflows/tasks/{task}/{action}");
            status.ShouldBe(HttpStatusCode.NotFound, action);
            QueueWorld.Code(body).ShouldBe("task-not-found");
        }

        (await QueueWorld.PostAsync(cwB, $"api/workflows/tasks/{task}/reassign", new { assignee = b.Cw2 })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await QueueWorld.PostAsync(b.Client(b.Lead), "api/workflows/tasks/task-force", new { unit = "30-99", caseIds = new[] { caseId } })).Body
            .GetProperty("moved").GetInt32().ShouldBe(0);
        (await QueueWorld.GetAsync(cwB, "api/workflows/queues/mine")).Body.GetProperty("available").GetArrayLength().ShouldBe(0);
        (await QueueWorld.GetAsync(cwB, "api/workflows/queues/units/30-20")).Body.GetProperty("total").GetInt32().ShouldBe(0);
        (await QueueWorld.GetAsync(cwB, "api/workflows/queues/backlog")).Body.GetProperty("units").GetArrayLength().ShouldBe(0);
        (await QueueWorld.GetAsync(a.Client(a.Cw), $"api/workflows/tasks/{task}")).Status.ShouldBe(HttpStatusCode.OK);
        (await a.ScalarAsync<string>("SELECT unit FROM workflows.tasks WHERE id = $1", task)).ShouldBe("30-20");
    }

    [Fact]
    public async Task ThePages_ShowMyQueueWithLinksToTheFile_AndClaimWithoutJavaScript()
    {
        var a = new QueueWorld(fixture, fixture.A);
        await a.PublishAsync();
        var (file, caseId) = await a.SeedCaseAsync("Becker", ["antrag", "pass"]);
        await a.StartAsync(caseId);
        var task = await a.TaskAsync(caseId);
        var cw = a.Client(a.Cw);

        var page = await cw.GetStringAsync("workbench/queue");
        page.ShouldContain($"/t/{fixture.A.Key}/workbench/files/{file}#cases");
        page.ShouldContain("Mein Arbeitskorb");
        var response = await PostFormAsync(cw, $"workbench/queue/Claim?id={task}", page);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe($"/t/{fixture.A.Key}/workbench/queue");
        var after = await cw.GetStringAsync(response.Headers.Location);
        after.ShouldContain("Die Aufgabe ist jetzt Ihre.");
        (await a.ScalarAsync<string>("SELECT assignee FROM workflows.tasks WHERE id = $1", task)).ShouldBe(a.Cw);

        // The loser of a claim sees the conflict on the page, with its status.
        var cw2 = a.Client(a.Cw2);
        var unitPage = await cw2.GetStringAsync("workbench/queue/unit/30-20");
        var lost = await PostFormAsync(cw2, $"workbench/queue/unit/30-20/Claim?id={task}", unitPage);
        lost.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await lost.Content.ReadAsStringAsync()).ShouldContain($"Die Aufgabe hat schon {a.Cw}");

        var backlog = await a.Client(a.Lead).GetStringAsync("workbench/backlog?lang=en");
        backlog.ShouldContain("Backlog by unit and age");
        backlog.ShouldContain("30.20");
        (await a.Client(a.Cw).GetAsync("workbench/queue/unit/30-77")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string page)
    {
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        token.Success.ShouldBeTrue("the page has no form");
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) }));
    }
}
