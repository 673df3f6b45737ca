using Saas.Platform.Modules;

namespace Saas.Modules.Workflows.Tests.Features.Definitions;

/// <summary>
/// A process document that names an unknown state, role, variable, document type or unit, has unreachable states or a
/// cycle without exit, or holds an expression that does not parse or type-check is refused with a located error in
/// German or English; the published version keeps running.
/// </summary>
public sealed class ProcessValidationTests(ProcessFixture fixture) : IClassFixture<ProcessFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Small = """
        kind: process
        key: klein
        spec:
          name: Klein
          caseKind: aufenthaltserlaubnis
          variables:
            betrag: number
          initial: offen
          states:
            - key: offen
              name: Offen
            - key: fertig
              name: Fertig
              final: true
          transitions:
            - key: schliessen
              name: Schließen
              from: [offen]
              to: fertig
              guard:
                when: betrag > 10
        """;

    private async Task<IReadOnlyList<MetadataError>> ErrorsAsync(string yaml)
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        var refused = await Should.ThrowAsync<MetadataValidationException>(() => store.SaveDraftAsync(yaml, "test"));
        return refused.Errors;
    }

    [Fact]
    public async Task TheSmallProcess_IsValid()
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        (await scope.ServiceProvider.GetRequiredService<IMetadataStore>().SaveDraftAsync(Small, "test")).Version.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task AnApplicantStatus_IsOneOfTheContracts_AndAnyOtherIsRefusedAtItsLine()
    {
        // The schema's list is the contract's (docs/adr/0043): what a state may say is what the portal has texts for.
        var schema = System.Text.Json.Nodes.JsonNode.Parse(Saas.Modules.Workflows.Features.Definitions.ProcessKind.Create().JsonSchema)!;
        schema["properties"]!["states"]!["items"]!["properties"]!["applicantStatus"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .ShouldBe(Saas.Modules.Workflows.Contracts.ApplicantStatuses.All);

        var errors = await ErrorsAsync(Small.Replace("      name: Offen\n", "      name: Offen\n      applicantStatus: in-bearbeitung\n", StringComparison.Ordinal));
        var error = errors.ShouldHaveSingleItem(string.Join("\n", errors));
        error.Path.ShouldBe("$.spec.states[0].applicantStatus");
        error.Line.ShouldBe(12);

        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        (await scope.ServiceProvider.GetRequiredService<IMetadataStore>().SaveDraftAsync(
            Small.Replace("      name: Offen\n", "      name: Offen\n      applicantStatus: in-review\n", StringComparison.Ordinal), "test")).Version.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("to: fertig", "to: erledigt", "$.spec.transitions[0].to", 19, "Den Zustand „erledigt“ gibt es in diesem Prozess nicht.")]
    [InlineData("      final: true\n", "      final: true\n    - key: vergessen\n      name: Vergessen\n", "$.spec.states[2].key", 15, "Der Zustand „vergessen“ ist vom Anfangszustand „offen“ aus nicht erreichbar.")]
    [InlineData("when: betrag > 10", "roles: [sachbearbeitung]", "$.spec.transitions[0].guard.roles[0]", 21, "Die Rolle „sachbearbeitung“ gibt es nicht (bekannt: caseworker, tenant-admin, system).")]
    [InlineData("betrag: number", "betrag: zahl", "$.spec.variables.betrag", 7, "Die Variable „betrag“ hat den unbekannten Typ „zahl“ (bool, number, string, date, duration, money, list<…>).")]
    public async Task AGraphOrNameError_IsRefusedAtItsLine(string from, string to, string path, int line, string message)
    {
        var errors = await ErrorsAsync(Small.Replace(from, to, StringComparison.Ordinal));
        var error = errors.ShouldHaveSingleItem(string.Join("\n", errors));
        error.Path.ShouldBe(path);
        error.Line.ShouldBe(line);
        error.Message.ShouldBe(message);
    }

    [Fact]
    public async Task ACycleWithoutExit_AndADeadEnd_AreNamed()
    {
        var yaml = Small
            .Replace("    - key: fertig\n", "    - key: pruefung\n      name: Prüfung\n    - key: rueckfrage\n      name: Rückfrage\n    - key: fertig\n", StringComparison.Ordinal)
            .Replace("    - key: schliessen\n", "    - key: pruefen\n      name: Prüfen\n      from: [offen]\n      to: pruefung\n"
                + "    - key: zurueck\n      name: Zurück\n      from: [pruefung]\n      to: rueckfrage\n"
                + "    - key: weiter\n      name: Weiter\n      from: [rueckfrage]\n      to: pruefung\n    - key: schliessen\n", StringComparison.Ordinal);
        yaml.ShouldContain("key: zurueck");
        var errors = await ErrorsAsync(yaml);
        errors.Select(e => e.Message).Order().ShouldBe([
            "Aus dem Zustand „pruefung“ führt kein Weg zu einem Endzustand: ein Kreis ohne Ausgang.",
            "Aus dem Zustand „rueckfrage“ führt kein Weg zu einem Endzustand: ein Kreis ohne Ausgang.",
        ]);
    }

    [Theory]
    [InlineData("betrag > \"zehn\"", 21, 22)]
    [InlineData("betrag > 10 and unbekannt", 21, 31)]
    [InlineData("betrag >", 21, 23)]
    public async Task AnExpressionThatDoesNotParseOrTypeCheck_IsLocatedInsideTheYaml(string expression, int line, int column)
    {
        var errors = await ErrorsAsync(Small.Replace("when: betrag > 10", "when: " + expression, StringComparison.Ordinal));
        var error = errors.ShouldHaveSingleItem(string.Join("\n", errors));
        error.Path.ShouldBe("$.spec.transitions[0].guard.when");
        (error.Line, error.Column).ShouldBe((line, column), error.ToString());
        error.Message.ShouldStartWith("Ausdruck: ");
    }

    [Fact]
    public async Task AnExpressionBeyondTheDepthLimit_IsRefused_AndThePublishedVersionKeepsRunning()
    {
        await fixture.PublishAsync(fixture.A, [Small]);
        var deep = new string('(', 40) + "betrag > 10" + new string(')', 40);
        var errors = await ErrorsAsync(Small.Replace("when: betrag > 10", $"when: \"{deep}\"", StringComparison.Ordinal));
        errors.ShouldHaveSingleItem().Path.ShouldBe("$.spec.transitions[0].guard.when");
        var processes = (await WorkflowsApi.SignIn(fixture, fixture.A.Key).GetAsync("api/workflows/processes")).Body.EnumerateArray().ToList();
        processes.Single(p => p.GetProperty("key").GetString() == "klein").GetProperty("version").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task UnknownDocumentTypesAndUnits_AreNamedAcrossTheAuthoritysDocuments()
    {
        var process = Small.Replace("when: betrag > 10", "documents: [antrag, kochrezept]", StringComparison.Ordinal)
            .Replace("  - key: offen\n      name: Offen\n", "  - key: offen\n      name: Offen\n      unit: poststelle\n", StringComparison.Ordinal);
        var files = new List<ConfigurationFile>
        {
            new("document-types/antrag.yaml", "document-type", "antrag", "kind: document-type\nkey: antrag\nspec:\n  name: Antrag\n"),
            new("processes/klein.yaml", "process", "klein", process),
        };
        var errors = fixture.App.Services.GetServices<IConfigurationSetCheck>().SelectMany(c => c.Check(files)).ToList();
        errors.Select(e => $"{e.File}:{e.Line}: {e.Message}").Order().ShouldBe([
            "processes/klein.yaml:12: Das Sachgebiet „poststelle“ gibt es bei dieser Behörde nicht.",
            "processes/klein.yaml:22: Die Dokumentart „kochrezept“ gibt es bei dieser Behörde nicht.",
        ]);
    }
    [Fact]
    public async Task PublishingInTheStudio_RefusesAProcessNamingAUnitNoDocumentDefines_UntilTheUnitIsPublishedWithIt()
    {
        var process = Small.Replace("  - key: offen\n      name: Offen\n", "  - key: offen\n      name: Offen\n      unit: poststelle\n", StringComparison.Ordinal);
        const string Unit = "kind: unit\nkey: poststelle\nspec:\n  code: \"30.01\"\n  name: Poststelle\n";
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        var drafts = scope.ServiceProvider.GetRequiredService<IMetadataDrafts>();
        var draft = await drafts.SaveAsync(process, null, "admin-anna");

        var refused = await Should.ThrowAsync<MetadataValidationException>(() => drafts.PublishAsync([("process", "klein", draft.Document.Version)], "admin-anna"));
        var error = refused.Errors.ShouldHaveSingleItem();
        (error.File, error.Path, error.Line).ShouldBe(("process/klein", "$.spec.states[0].unit", 12));
        error.Message.ShouldBe("Das Sachgebiet „poststelle“ gibt es bei dieser Behörde nicht.");
        (await scope.ServiceProvider.GetRequiredService<IMetadataStore>().GetPublishedAsync("process", "klein")).ShouldBeNull("nothing was published");

        // Published together with the unit it names, it goes through.
        var unit = await drafts.SaveAsync(Unit, null, "admin-anna");
        (await drafts.PublishAsync([("process", "klein", draft.Document.Version), ("unit", "poststelle", unit.Document.Version)], "admin-anna")).ShouldBe(2);
    }
}
