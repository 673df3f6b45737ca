namespace Saas.Modules.Cases.Tests.Features.Retention;

/// <summary>
/// Legal holds and deletion runs from the workbench pages, with the same use cases as the API: a hold needs a
/// reason (named at its input, in the person's language), its release is asked for once more; a run is proposed
/// by a caseworker, shows the documents due with their rule, and only an admin is offered (and allowed) the next
/// steps, each confirmed first. The other authority reaches none of it.
/// </summary>
public sealed class RetentionPagesTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AHold_NeedsAReasonNamedAtItsInput_IsPlacedFromItsPage_AndReleasedAfterAConfirmation()
    {
        var api = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = await api.CreateFileAsync("Sperrmann" + Unique());
        var id = file.GetProperty("id").GetGuid();
        var number = file.GetProperty("fileNumber").GetString()!;
        var pages = PageForms.For(fixture, fixture.A.Key);
        var hold = $"workbench/retention/hold?file={id}";
        (await pages.PageAsync(hold)).ShouldContain(number);

        // A reason of spaces only: refused, named at the reason's input, in German and in English; nothing was placed.
        var german = await pages.PostAsync(hold, hold, [("Reason", "   ")]);
        var germanHtml = await german.Content.ReadAsStringAsync();
        german.StatusCode.ShouldBe(HttpStatusCode.BadRequest, germanHtml);
        germanHtml.ShouldContain("<p class=\"kern-error\" id=\"reason-error\">Der Grund der Sperre fehlt.</p>");
        germanHtml.ShouldContain("aria-describedby=\"reason-error\"");
        var english = await pages.PostAsync(hold, hold, [("Reason", " ")], "en");
        english.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await english.Content.ReadAsStringAsync()).ShouldContain("id=\"reason-error\">The reason for the hold is missing.</p>");
        (await api.GetJsonAsync($"api/cases/legal-holds?file={id}")).GetArrayLength().ShouldBe(0);

        var placed = await pages.PostAsync(hold, hold, [("Reason", "Klage VG Aachen anhängig")]);
        pages.Location(placed).ShouldBe($"workbench/retention/hold?file={id}&placed=True");
        (await pages.PageAsync(pages.Location(placed))).ShouldContain("Klage VG Aachen anhängig");
        var holds = await api.GetJsonAsync($"api/cases/legal-holds?file={id}");
        holds.GetArrayLength().ShouldBe(1);
        var holdId = holds[0].GetProperty("id").GetGuid();

        // The overview lists it with its release, which asks first and then releases it.
        var overview = await pages.PageAsync("workbench/retention");
        overview.ShouldContain(number);
        overview.ShouldContain($"href=\"/t/{fixture.A.Key}/workbench/retention/holds/{holdId}/release\"");
        var release = $"workbench/retention/holds/{holdId}/release";
        (await pages.PageAsync(release)).ShouldContain("Sperre wirklich aufheben?");
        (await api.GetJsonAsync($"api/cases/legal-holds?file={id}")).GetArrayLength().ShouldBe(1, "reading the confirmation releases nothing");
        var released = await pages.PostAsync(release, release, []);
        pages.Location(released).ShouldStartWith("workbench/retention?released=");
        (await pages.PageAsync(pages.Location(released))).ShouldContain($"Die Sperre der Akte {number} wurde aufgehoben.");
        (await api.GetJsonAsync($"api/cases/legal-holds?file={id}")).GetArrayLength().ShouldBe(0);
        (await api.GetJsonAsync($"api/cases/legal-holds/{holdId}")).GetProperty("releasedBy").GetString().ShouldBe($"cw-{fixture.A.Key}");

        // Released twice: the page says so instead of a second release.
        var again = await pages.PostAsync(release, release, []);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The other authority's caseworker reaches neither the file nor the hold.
        var other = PageForms.For(fixture, fixture.B.Key);
        (await other.GetAsync(hold)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync(release)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARun_IsProposedFromThePage_ShowsWhatIsDueByWhichRule_AndOnlyAnAdminApprovesAndExecutesIt_EachConfirmed()
    {
        await PublishRuleAsync();
        var api = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = await api.CreateFileAsync("Ausgereist" + Unique());
        var id = file.GetProperty("id").GetGuid();
        var number = file.GetProperty("fileNumber").GetString()!;
        var (status, document) = await api.PostFileAsync($"api/cases/files/{id}/documents", TestPdf.Create(["Bescheid " + Unique()]), "application/pdf",
            "bescheid.pdf", new Dictionary<string, string> { ["documentType"] = "antrag" });
        status.ShouldBe(HttpStatusCode.Created, document.ToString());
        (await api.PutJsonAsync($"api/cases/files/{id}/departure", new { departedAt = "2001-02-03" })).Status.ShouldBe(HttpStatusCode.NoContent);

        var caseworker = PageForms.For(fixture, fixture.A.Key);
        var refused = await caseworker.PostAsync("workbench/retention", "workbench/retention?handler=Propose", [("AsOf", "3.4.2030")]);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Das Datum ist kein gültiger Tag");

        var proposed = await caseworker.PostAsync("workbench/retention", "workbench/retention?handler=Propose", [("AsOf", "2030-01-01")]);
        var runPage = caseworker.Location(proposed);
        runPage.ShouldMatch("^workbench/retention/runs/[0-9a-f-]{36}\\?proposed=True$");
        var run = Guid.Parse(runPage.Substring("workbench/retention/runs/".Length, 36));
        var html = await caseworker.PageAsync(runPage);
        html.ShouldContain("Der Bericht wurde erstellt.");
        html.ShouldContain(number);
        html.ShouldContain(RuleName);
        html.ShouldContain("vorgeschlagen");
        // A caseworker is told who takes the next steps, is offered none, and cannot take them by posting either.
        html.ShouldContain("Freigeben, ausführen oder verwerfen kann nur");
        html.ShouldNotContain("confirm=approve");
        (await caseworker.PostAsync(runPage, $"workbench/retention/runs/{run}?handler=Approve", [])).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var admin = PageForms.For(fixture, fixture.A.Key, "admin");
        var steps = await admin.PageAsync($"workbench/retention/runs/{run}");
        steps.ShouldContain($"workbench/retention/runs/{run}?confirm=approve");
        steps.ShouldContain($"workbench/retention/runs/{run}?confirm=cancel");
        steps.ShouldNotContain("confirm=execute");
        var confirm = $"workbench/retention/runs/{run}?confirm=approve";
        (await admin.PageAsync(confirm)).ShouldContain("Löschlauf wirklich freigeben?");
        (await api.GetJsonAsync($"api/cases/retention/runs/{run}")).GetProperty("run").GetProperty("status").GetString().ShouldBe("proposed");
        var approved = await admin.PostAsync(confirm, $"workbench/retention/runs/{run}?handler=Approve", []);
        admin.Location(approved).ShouldBe($"workbench/retention/runs/{run}?done=approve");
        (await api.GetJsonAsync($"api/cases/retention/runs/{run}")).GetProperty("run").GetProperty("status").GetString().ShouldBe("approved");

        var execute = $"workbench/retention/runs/{run}?confirm=execute";
        (await admin.PageAsync(execute)).ShouldContain("1 Dokument wird endgültig gelöscht");
        var executed = await admin.PostAsync(execute, $"workbench/retention/runs/{run}?handler=Execute", []);
        (await admin.PageAsync(admin.Location(executed))).ShouldContain("Der Löschlauf wurde ausgeführt.");
        var report = await api.GetJsonAsync($"api/cases/retention/runs/{run}");
        report.GetProperty("run").GetProperty("deleted").GetInt32().ShouldBe(1);
        report.GetProperty("items")[0].GetProperty("outcome").GetString().ShouldBe("deleted");
        (await api.GetJsonAsync($"api/cases/files/{id}")).GetProperty("documents").GetArrayLength().ShouldBe(0);

        // A step the status no longer allows is refused next to the steps, naming both statuses.
        var late = await admin.PostAsync($"workbench/retention/runs/{run}", $"workbench/retention/runs/{run}?handler=Cancel", []);
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await late.Content.ReadAsStringAsync()).ShouldContain("Der Löschlauf ist „ausgeführt“");

        (await PageForms.For(fixture, fixture.B.Key, "admin").GetAsync($"workbench/retention/runs/{run}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    private const string RuleName = "Akten ausgereister Personen (Seitentest)";

    private async Task PublishRuleAsync()
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        await store.SaveDraftAsync($"""
            kind: retention-rule
            key: weggezogen-seitentest
            spec:
              name: {RuleName}
              documentTypes: ["*"]
              trigger: person-departed
              years: 10
            """, "test");
        await store.PublishAsync(null, "test");
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
