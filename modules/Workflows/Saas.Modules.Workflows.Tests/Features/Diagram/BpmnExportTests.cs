using System.Diagnostics;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Saas.Modules.Workflows.Features.Diagram;
using Saas.Platform.Identity;

namespace Saas.Modules.Workflows.Tests.Features.Diagram;

/// <summary>
/// A process of an authority as BPMN 2.0 (docs/adr/0025): the export of an extension of a residence permit (front
/// office and back office, a completeness check, missing evidence requested with four weeks to send it, a decision)
/// holds to the OMG's schemas by .NET's validator and by libxml2's, bpmn.io's reader finds nothing to warn about,
/// every state and step is there by name, ids are unique, the evidence deadline is a four-week timer; an earlier
/// version exports as it was; another authority gets 404 for it, in the API and on the admin page.
/// </summary>
public sealed class BpmnExportTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private static string SchemaFolder => Path.Combine(SaasAppFactory.RepositoryRoot, "modules", "Workflows", "Saas.Modules.Workflows.Tests", "Features", "Diagram", "Schemas");

    internal const string Key = "verlaengerung";

    internal static readonly string[] StateNames =
        ["Antrag eingegangen", "Vollständigkeit prüfen", "Unterlagen nachgefordert", "Entscheidung", "Erteilt", "Abgelehnt"];

    internal static readonly string[] TransitionNames =
        ["Antrag erfasst", "Unterlagen vollständig", "Unterlagen nachfordern", "Unterlagen nachgereicht", "Frist abgelaufen", "Erteilen", "Ablehnen"];

    /// <summary>The extension of a residence permit; <paramref name="decision"/> names the decision state (changed in a later version).</summary>
    internal static string ProcessYaml(string decision = "Entscheidung") => $$"""
        kind: process
        key: {{Key}}
        spec:
          name: Verlängerung einer Aufenthaltserlaubnis
          nameEn: Extension of a residence permit
          caseKind: verlaengerung
          legalBases: [AufenthG-18a]
          initial: eingang
          states:
            - key: eingang
              name: Antrag eingegangen
              unit: front-office
              tasks:
                - { key: erfassen, name: Antrag erfassen }
            - key: vollstaendigkeit
              name: Vollständigkeit prüfen
              unit: back-office
              tasks:
                - { key: pruefen, name: Unterlagen prüfen, due: 2 weeks }
            - key: nachforderung
              name: Unterlagen nachgefordert
              unit: front-office
            - key: entscheidung
              name: {{decision}}
              unit: back-office
              tasks:
                - { key: entscheiden, name: Über den Antrag entscheiden }
            - { key: erteilt, name: Erteilt, final: true, outcome: granted }
            - { key: abgelehnt, name: Abgelehnt, final: true, outcome: refused }
          transitions:
            - { key: erfasst, name: Antrag erfasst, from: [eingang], to: vollstaendigkeit, guard: { roles: [caseworker] } }
            - key: vollstaendig
              name: Unterlagen vollständig
              from: [vollstaendigkeit]
              to: entscheidung
              guard: { documents: [reisepass] }
            - key: nachfordern
              name: Unterlagen nachfordern
              from: [vollstaendigkeit]
              to: nachforderung
              actions:
                - start-deadline: nachreichung
            - key: nachgereicht
              name: Unterlagen nachgereicht
              from: [nachforderung]
              to: vollstaendigkeit
              actions:
                - cancel-deadline: nachreichung
            - { key: frist-abgelaufen, name: Frist abgelaufen, from: [nachforderung], to: entscheidung, guard: { roles: [system] } }
            - key: erteilen
              name: Erteilen
              from: [entscheidung]
              to: erteilt
              guard: { signing: true, when: "passport.validUntil > today()" }
              actions:
                - { decision: granted, validUntil: "today() + 2 years" }
            - key: ablehnen
              name: Ablehnen
              from: [entscheidung]
              to: abgelehnt
              guard: { signing: true, coSign: true }
              actions:
                - decision: refused
          deadlines:
            - key: nachreichung
              name: Frist zur Nachreichung
              after: 4 weeks
              onExpiry: frist-abgelaufen
              escalations:
                - { after: 3 weeks, unit: front-office, name: Erinnerung an die Nachreichung }
        """ + "\n";

    /// <summary>Publishes the process (and the units and document type it names) in <paramref name="tenant"/>; returns the version.</summary>
    internal static async Task<int> PublishAsync(SaasAppFactory app, TenantInfo tenant, string yaml)
    {
        using var scope = app.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        await store.SaveDraftAsync("kind: unit\nkey: front-office\nspec:\n  code: \"30.10\"\n  name: Servicebereich\n", "test");
        await store.SaveDraftAsync("kind: unit\nkey: back-office\nspec:\n  code: \"30.20\"\n  name: Sachbearbeitung\n", "test");
        await store.SaveDraftAsync("kind: document-type\nkey: reisepass\nspec:\n  name: Reisepass\n", "test");
        await store.SaveDraftAsync(yaml, "test");
        await store.PublishAsync(null, "test");
        return (await store.GetPublishedAsync("process", Key))!.Version;
    }

    private HttpClient Client(string tenant, string role = SaasRoles.TenantAdmin)
    {
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(fixture.App, tenant, $"admin-{tenant}", [role]));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        return client;
    }

    private async Task<(XDocument Document, byte[] Bytes, HttpResponseMessage Response)> ExportAsync(string tenant, int? version = null)
    {
        using var client = Client(tenant, SaasRoles.Caseworker);
        var response = await client.GetAsync($"/t/{tenant}/api/workflows/processes/{Key}/bpmn" + (version is null ? "" : $"?version={version}"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(bytes));
        return (XDocument.Load(new MemoryStream(bytes)), bytes, response);
    }

    [Fact]
    public async Task TheExport_HoldsToTheOmgSchemas_ByDotNetAndByXmllint_AndBpmnModdleReadsItWithoutWarnings()
    {
        var version = await PublishAsync(fixture.App, fixture.A, ProcessYaml());
        var (document, bytes, response) = await ExportAsync(fixture.A.Key);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"{Key}-v{version}.bpmn");

        ValidateWithXmlSchemaSet(bytes).ShouldBeEmpty();
        var file = Path.Combine(Path.GetTempPath(), $"bpmn-{Guid.NewGuid():N}.bpmn");
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            var (code, output) = await RunAsync("xmllint", SchemaFolder, "--noout", "--schema", "BPMN20.xsd", file);
            code.ShouldBe(0, output);
            output.ShouldContain("validates");

            var moddle = await ModdleAsync(file);
            moddle.GetProperty("warnings").GetArrayLength().ShouldBe(0, moddle.GetProperty("warnings").ToString());
            var shapes = moddle.GetProperty("shapes").EnumerateArray().Select(s => s.GetProperty("element").GetString()).ToHashSet();
            foreach (var element in moddle.GetProperty("elements").EnumerateArray())
            {
                shapes.ShouldContain(element.GetProperty("id").GetString(), "every flow element is drawn (BPMNDI)");
            }

            moddle.GetProperty("lanes").EnumerateArray().Select(l => l.GetProperty("name").GetString()).ShouldBe(["Servicebereich", "Sachbearbeitung"]);
        }
        finally
        {
            File.Delete(file);
        }

        // The same version gives the same bytes: the layout does not move when nothing changed.
        (await ExportAsync(fixture.A.Key)).Bytes.ShouldBe(bytes);
        document.Root!.Name.ShouldBe(Bpmn + "definitions");
    }

    [Fact]
    public async Task EveryStateAndStep_IsThereByName_IdsAreUnique_AndTheEvidenceDeadline_IsAFourWeekTimerOnTheWaitingState()
    {
        await PublishAsync(fixture.App, fixture.A, ProcessYaml());
        var (document, _, _) = await ExportAsync(fixture.A.Key);
        var process = document.Root!.Element(Bpmn + "process")!;
        var names = process.Elements().Select(e => (string?)e.Attribute("name")).OfType<string>().ToList();
        foreach (var state in StateNames.Take(4))
        {
            names.ShouldContain(state);
        }

        names.ShouldContain("Erteilt (granted)");
        names.ShouldContain("Abgelehnt (refused)");
        var flows = process.Elements(Bpmn + "sequenceFlow").Select(f => (string?)f.Attribute("name")).OfType<string>().ToList();
        foreach (var transition in TransitionNames)
        {
            flows.ShouldContain(transition);
        }

        var ids = document.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        ids.ShouldBe(ids.Distinct().ToList(), "ids are unique");
        ids.ShouldAllBe(id => XmlConvert.VerifyNCName(id) == id);

        var timer = process.Elements(Bpmn + "boundaryEvent").ShouldHaveSingleItem();
        ((string?)timer.Attribute("attachedToRef")).ShouldBe("State_nachforderung");
        ((string?)timer.Attribute("name")).ShouldBe("Frist zur Nachreichung");
        timer.Element(Bpmn + "timerEventDefinition")!.Element(Bpmn + "timeDuration")!.Value.ShouldBe("P4W");
        timer.Element(Bpmn + "documentation")!.Value.ShouldContain("„Erinnerung an die Nachreichung“ an Servicebereich");
        var expiry = process.Elements(Bpmn + "sequenceFlow").Single(f => (string?)f.Attribute("sourceRef") == (string?)timer.Attribute("id"));
        ((string?)expiry.Attribute("targetRef")).ShouldBe("State_entscheidung");
        process.Elements(Bpmn + "sequenceFlow").ShouldNotContain(f => (string?)f.Attribute("sourceRef") == "State_nachforderung" && (string?)f.Attribute("targetRef") == "State_entscheidung",
            "the expiry is the timer's, not a step a caseworker takes");

        // Two steps leave the completeness check and the decision: each through an exclusive gateway.
        process.Elements(Bpmn + "exclusiveGateway").Select(g => (string?)g.Attribute("id")).ShouldBe(["Gateway_vollstaendigkeit", "Gateway_entscheidung"], ignoreOrder: true);
        var grant = process.Elements(Bpmn + "sequenceFlow").Single(f => (string?)f.Attribute("name") == "Erteilen");
        grant.Element(Bpmn + "conditionExpression")!.Value.ShouldBe("passport.validUntil > today()");
        grant.Element(Bpmn + "documentation")!.Value.ShouldContain("Zeichnungsbefugnis");
        process.Elements(Bpmn + "userTask").Select(t => (string?)t.Attribute("id")).ShouldBe(["State_eingang", "State_vollstaendigkeit", "State_entscheidung"]);
        process.Elements(Bpmn + "task").Select(t => (string?)t.Attribute("id")).ShouldBe(["State_nachforderung"]);
        process.Element(Bpmn + "startEvent")!.Element(Bpmn + "outgoing")!.Value.ShouldBe("Flow_start");

        var lanes = process.Element(Bpmn + "laneSet")!.Elements(Bpmn + "lane").ToList();
        lanes.Select(l => (string?)l.Attribute("name")).ShouldBe(["Servicebereich", "Sachbearbeitung"]);
        lanes[0].Elements(Bpmn + "flowNodeRef").Select(r => r.Value).ShouldContain("State_nachforderung");
        lanes[1].Elements(Bpmn + "flowNodeRef").Select(r => r.Value).ShouldContain("State_entscheidung");
    }

    [Fact]
    public async Task AnEarlierVersion_ExportsAsItWas_AndThePageOffersEveryPublishedVersion()
    {
        var first = await PublishAsync(fixture.App, fixture.A, ProcessYaml());
        var second = await PublishAsync(fixture.App, fixture.A, ProcessYaml("Entscheidung über die Verlängerung"));
        second.ShouldBeGreaterThan(first);

        var (old, _, oldResponse) = await ExportAsync(fixture.A.Key, first);
        oldResponse.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"{Key}-v{first}.bpmn");
        Names(old).ShouldContain("Entscheidung");
        Names(old).ShouldNotContain("Entscheidung über die Verlängerung");
        var (now, _, _) = await ExportAsync(fixture.A.Key);
        Names(now).ShouldContain("Entscheidung über die Verlängerung");
        ((string?)now.Root!.Attribute("exporterVersion")).ShouldBe(second.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var admin = Client(fixture.A.Key);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{fixture.A.Key}/admin/processes/{Key}?version={first}"));
        page.ShouldContain($"<option value=\"{first}\" selected=\"selected\">Version {first}</option>");
        page.ShouldContain($"<option value=\"{second}\">Version {second} (gilt jetzt)</option>");
        page.ShouldContain($"/t/{fixture.A.Key}/admin/processes/{Key}?version={first}&handler=Bpmn");
        var fromPage = await admin.GetAsync($"/t/{fixture.A.Key}/admin/processes/{Key}?version={first}&handler=Bpmn");
        fromPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        fromPage.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"{Key}-v{first}.bpmn");
        (await fromPage.Content.ReadAsByteArrayAsync()).ShouldBe((await ExportAsync(fixture.A.Key, first)).Bytes, "the page's file is the API's");

        using var caseworker = Client(fixture.A.Key, SaasRoles.Caseworker);
        (await caseworker.GetAsync($"/t/{fixture.A.Key}/api/workflows/processes/{Key}/bpmn?version=99")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var zero = await caseworker.GetAsync($"/t/{fixture.A.Key}/api/workflows/processes/{Key}/bpmn?version=0");
        zero.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await zero.Content.ReadAsStringAsync()).ShouldContain("process-diagram-version-invalid");
    }

    [Fact]
    public async Task ThePage_ListsEveryStateAndStep_WithoutScript_AndLinksTheBpmnFile()
    {
        var version = await PublishAsync(fixture.App, fixture.A, ProcessYaml());
        using var admin = Client(fixture.A.Key);
        var html = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{fixture.A.Key}/admin/processes/{Key}"));
        foreach (var name in StateNames.Concat(TransitionNames))
        {
            html.ShouldContain($"<th scope=\"row\">{name}</th>");
        }

        html.ShouldContain("Bei Ablauf der Frist „Frist zur Nachreichung“ (4 weeks)");
        html.ShouldContain($"download=\"{Key}-v{version}.bpmn\"");
        html.ShouldContain("<script src=\"/lib/bpmn-js/bpmn-navigated-viewer.production.min.js\" defer></script>");
        html.ShouldContain($"href=\"/t/{fixture.A.Key}/admin/studio/process/{Key}\"");

        using var caseworker = Client(fixture.A.Key, SaasRoles.Caseworker);
        (await caseworker.GetAsync($"/t/{fixture.A.Key}/admin/processes/{Key}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the page is the tenant admin's");
    }

    [Fact]
    public async Task TheStudiosTabs_LinkToTheDiagram_OnceTheProcessIsPublished()
    {
        using var admin = Client(fixture.A.Key);
        var diagram = $"href=\"/t/{fixture.A.Key}/admin/processes/{Key}\"";
        using (fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(fixture.A))
        {
            await using var scope = fixture.App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMetadataStore>().SaveDraftAsync(ProcessYaml(), "test");
        }

        // A draft that was never published has no diagram page to link to.
        (await admin.GetStringAsync($"/t/{fixture.A.Key}/admin/studio/process/{Key}")).ShouldNotContain(diagram);
        (await admin.GetStringAsync($"/t/{fixture.A.Key}/admin/studio/process/{Key}/history")).ShouldNotContain(diagram);

        await PublishAsync(fixture.App, fixture.A, ProcessYaml());
        foreach (var tab in new[] { "", "/history", "/diff", "/preview" })
        {
            var html = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{fixture.A.Key}/admin/studio/process/{Key}{tab}"));
            html.ShouldContain($"{diagram}>Als Diagramm ansehen</a>", customMessage: tab);
        }

        // Kinds without a page of their own get no such tab.
        (await admin.GetStringAsync($"/t/{fixture.A.Key}/admin/studio/document-type/reisepass")).ShouldNotContain("Als Diagramm ansehen");
    }

    [Fact]
    public async Task AnotherAuthority_Gets404_ForAsProcess_InTheApiAndOnThePage()
    {
        var version = await PublishAsync(fixture.App, fixture.A, ProcessYaml());
        using var b = Client(fixture.B.Key);
        var api = await b.GetAsync($"/t/{fixture.B.Key}/api/workflows/processes/{Key}/bpmn");
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.Content.ReadAsStringAsync()).ShouldNotContain("Verlängerung");
        (await b.GetAsync($"/t/{fixture.B.Key}/api/workflows/processes/{Key}/bpmn?version={version}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await b.GetAsync($"/t/{fixture.B.Key}/admin/processes/{Key}");
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync()).ShouldNotContain("Vollständigkeit");
        (await b.GetAsync($"/t/{fixture.B.Key}/admin/processes/{Key}?handler=Bpmn")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A's token on B's path is refused outright.
        using var a = Client(fixture.A.Key);
        (await a.GetAsync($"/t/{fixture.B.Key}/api/workflows/processes/{Key}/bpmn")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("4 weeks", "P4W")]
    [InlineData("18 months", "P18M")]
    [InlineData("1 day", "P1D")]
    [InlineData(" 2  years ", "P2Y")]
    [InlineData("deadlines.nachreichung - today()", null)]
    [InlineData("4 weeks + 1 day", null)]
    [InlineData("4 fortnights", null)]
    [InlineData("-4 weeks", null)]
    public void AConstantDuration_IsIso8601_AnythingElseIsNot(string expression, string? iso) =>
        ProcessGraph.IsoDuration(expression).ShouldBe(iso);

    private static List<string> Names(XDocument document) =>
        document.Descendants().Select(e => (string?)e.Attribute("name")).OfType<string>().ToList();

    /// <summary>Validation errors of .NET's validator against BPMN20.xsd (which includes Semantic.xsd and imports BPMNDI, DC, DI).</summary>
    internal static List<string> ValidateWithXmlSchemaSet(byte[] bytes)
    {
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        using (var reader = XmlReader.Create(Path.Combine(SchemaFolder, "BPMN20.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = new XmlUrlResolver() }))
        {
            schemas.Add(null, reader);
        }

        schemas.Compile();
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} {e.Exception.LineNumber}:{e.Exception.LinePosition} {e.Message}");
        using var document = XmlReader.Create(new MemoryStream(bytes), settings);
        while (document.Read())
        {
        }

        return errors;
    }

    internal static async Task<JsonElement> ModdleAsync(string file)
    {
        var script = Path.Combine(SaasAppFactory.RepositoryRoot, "modules", "Workflows", "Saas.Modules.Workflows.Tests", "Features", "Diagram", "bpmn-moddle-check.mjs");
        var (code, output) = await RunAsync("node", Path.GetDirectoryName(script)!, script, file);
        code.ShouldBe(0, output);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
