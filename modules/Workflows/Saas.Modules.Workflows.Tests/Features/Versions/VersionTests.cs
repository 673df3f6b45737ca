namespace Saas.Modules.Workflows.Tests.Features.Versions;

/// <summary>
/// A running case keeps the version it started with when a new one is published; new cases start on the new one;
/// moving running cases is explicit: every state they stand in must be mapped, or nothing moves.
/// </summary>
public sealed class VersionTests(ProcessFixture fixture) : IClassFixture<ProcessFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Version 2: the first state is renamed and evidence is requested only by the back office's decision.</summary>
    private static string Version2 => TestProcess.Yaml
        .Replace("initial: eingegangen", "initial: eingang", StringComparison.Ordinal)
        .Replace("- key: eingegangen", "- key: eingang", StringComparison.Ordinal)
        .Replace("from: [eingegangen, nachforderung, entscheidung]", "from: [eingang, nachforderung, entscheidung]", StringComparison.Ordinal)
        .Replace("from: [eingegangen, nachforderung]", "from: [eingang, nachforderung]", StringComparison.Ordinal)
        .Replace("from: [eingegangen]", "from: [eingang]", StringComparison.Ordinal);

    [Fact]
    public async Task ARunningCase_KeepsItsVersion_NewCasesStartOnTheNewOne_AndMovingThemIsExplicit()
    {
        var a = WorkflowsApi.SignIn(fixture, fixture.A.Key);
        var admin = WorkflowsApi.SignIn(fixture, fixture.A.Key, "admin");
        var (_, oldCase) = await a.CaseAsync("Lysenko");
        var old = await a.StartAsync(oldCase);
        old.GetProperty("version").GetInt32().ShouldBe(1);

        await fixture.PublishAsync(fixture.A, [Version2]);
        var (_, newCase) = await a.CaseAsync("Marchenko");
        var started = await a.StartAsync(newCase);
        started.GetProperty("version").GetInt32().ShouldBe(2);
        started.GetProperty("state").GetString().ShouldBe("eingang");

        var kept = await a.ProcessAsync(oldCase);
        kept.GetProperty("version").GetInt32().ShouldBe(1);
        kept.GetProperty("state").GetString().ShouldBe("eingegangen");
        (await a.TakeAsync(old.GetProperty("instanceId").GetGuid(), "nachfordern")).Status.ShouldBe(HttpStatusCode.OK, "the old version's transitions still run");
        var (_, another) = await a.CaseAsync("Savchenko");
        await fixture.PublishAsync(fixture.A, [TestProcess.Yaml.Replace("name: Eingegangen", "name: Eingegangen (v3)", StringComparison.Ordinal)]);
        (await a.StartAsync(another)).GetProperty("version").GetInt32().ShouldBe(3);

        var (planned, plan) = await admin.GetAsync("api/workflows/processes/verlaengerung/migration?from=1");
        planned.ShouldBe(HttpStatusCode.OK, plan.ToString());
        plan.GetProperty("toVersion").GetInt32().ShouldBe(3);
        var state = plan.GetProperty("states").EnumerateArray().Single();
        state.GetProperty("state").GetString().ShouldBe("nachforderung");
        state.GetProperty("cases").GetInt32().ShouldBe(1);
        state.GetProperty("proposed").GetString().ShouldBe("nachforderung");

        var (refused, problem) = await admin.PostAsync("api/workflows/processes/verlaengerung/migration", new { fromVersion = 1, states = new Dictionary<string, string>() });
        refused.ShouldBe(HttpStatusCode.UnprocessableEntity, problem.ToString());
        problem.GetProperty("errors").GetProperty("nachforderung")[0].GetString().ShouldBe("1 laufender Vorgang steht in „nachforderung“: Wählen Sie seinen Zustand in der neuen Version.");
        (await a.ProcessAsync(oldCase)).GetProperty("version").GetInt32().ShouldBe(1, "nothing moved");
        (await a.PostAsync("api/workflows/processes/verlaengerung/migration", new { fromVersion = 1, states = new { nachforderung = "nachforderung" } }))
            .Status.ShouldBe(HttpStatusCode.Forbidden, "moving cases is the admin's decision");

        var (moved, result) = await admin.PostAsync("api/workflows/processes/verlaengerung/migration", new { fromVersion = 1, states = new { nachforderung = "entscheidung" } });
        moved.ShouldBe(HttpStatusCode.OK, result.ToString());
        result.GetProperty("moved").GetInt32().ShouldBe(1);
        var after = await a.ProcessAsync(oldCase);
        after.GetProperty("version").GetInt32().ShouldBe(3);
        after.GetProperty("state").GetString().ShouldBe("entscheidung");
        after.GetProperty("steps").EnumerateArray().Last().GetProperty("kind").GetString().ShouldBe("migration");
        (await a.ProcessAsync(newCase)).GetProperty("version").GetInt32().ShouldBe(2, "only the chosen version moves");
        (await WorkflowsApi.SignIn(fixture, fixture.B.Key, "admin").GetAsync("api/workflows/processes/verlaengerung/migration?from=1")).Status
            .ShouldBe(HttpStatusCode.BadRequest, "B's own process has one version; A's versions are not B's");
    }
}
