using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Metadata;
using Saas.Platform.Tenancy;

namespace Saas.Browser.Tests;

/// <summary>
/// A process in the admin area (docs/adr/0025), in a real browser signed in as Aachen's demo admin: bpmn-js draws the
/// exported BPMN (its SVG holds every state's name, the two units as lanes, the four-week timer), the tables beside it
/// list the same, the download gives the file; axe finds no violation and the page's policy is kept (no inline
/// script or style was needed).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProcessDiagramTests(BrowserFixture fixture)
{
    private const string Aachen = "aachen";

    private static readonly string[] States = ["Antrag eingegangen", "Vollständigkeit prüfen", "Unterlagen nachgefordert", "Entscheidung"];

    [Fact]
    public async Task TheAdminPage_DrawsTheProcessWithBpmnJs_ListsItBeside_AndIsAccessible()
    {
        var key = "verlaengerung-" + Staff.Letters().ToLowerInvariant();
        await PublishAsync(key);
        var page = await Staff.SignInAsync(fixture, Aachen, "aachen.admin", "demo-aachen");
        await page.GotoAsync(Staff.Url(fixture, Aachen, $"admin/processes/{key}"));
        await page.WaitForSelectorAsync("#process-diagram[data-rendered=true]", new PageWaitForSelectorOptions { Timeout = 20_000 });
        (await page.GetAttributeAsync("#process-diagram", "data-error")).ShouldBeNull();

        // The labels as bpmn-js drew them: the lines (tspans) of each element's text, joined.
        var labels = await page.EvaluateAsync<string[]>("""
            () => Array.from(document.querySelectorAll('#process-diagram .djs-container > svg .djs-element'))
              .map(e => Array.from(e.querySelectorAll('tspan')).map(t => t.textContent.trim()).join(' ')).filter(s => s.length > 0)
            """);
        var svg = string.Join(" | ", labels);
        foreach (var state in States)
        {
            svg.ShouldContain(state);
        }

        svg.ShouldContain("Frontoffice");
        svg.ShouldContain("Backoffice Aufenthaltsrecht");
        (await page.Locator("#process-diagram svg [data-element-id^='Timer_']").CountAsync()).ShouldBeGreaterThan(0, "the deadline is drawn as a timer");
        (await page.Locator("#process-diagram svg [data-element-id^='State_']").CountAsync()).ShouldBeGreaterThanOrEqualTo(6);

        var states = await page.InnerTextAsync("#process-states");
        foreach (var state in States)
        {
            states.ShouldContain(state);
        }

        (await page.InnerTextAsync("#process-transitions")).ShouldContain("Bei Ablauf der Frist „Frist zur Nachreichung“ (4 weeks)");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#bpmn-download"));
        download.SuggestedFilename.ShouldBe($"{key}-v1.bpmn");

        await Accessibility.ScreenshotAsync(page, "process-diagram");
        (await Accessibility.ViolationsAsync(page)).ShouldBeEmpty();
        ContentPolicy.Violations(page).ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    private async Task PublishAsync(string key)
    {
        using var scope = fixture.App.Services.CreateScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantCatalog>().FindByKeyAsync(Aachen) ?? throw new InvalidOperationException("no Aachen");
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        await store.SaveDraftAsync(Yaml(key), "browser-test");
        await store.PublishAsync([("process", key)], "browser-test");
    }

    private static string Yaml(string key) => $$"""
        kind: process
        key: {{key}}
        spec:
          name: Verlängerung einer Aufenthaltserlaubnis
          caseKind: verlaengerung
          initial: eingang
          states:
            - { key: eingang, name: Antrag eingegangen, unit: a33-frontoffice, tasks: [{ key: erfassen, name: Antrag erfassen }] }
            - { key: vollstaendigkeit, name: Vollständigkeit prüfen, unit: a33-backoffice, tasks: [{ key: pruefen, name: Unterlagen prüfen }] }
            - { key: nachforderung, name: Unterlagen nachgefordert, unit: a33-frontoffice }
            - { key: entscheidung, name: Entscheidung, unit: a33-backoffice, tasks: [{ key: entscheiden, name: Entscheiden }] }
            - { key: erteilt, name: Erteilt, final: true, outcome: granted }
            - { key: abgelehnt, name: Abgelehnt, final: true, outcome: refused }
          transitions:
            - { key: erfasst, name: Antrag erfasst, from: [eingang], to: vollstaendigkeit }
            - { key: vollstaendig, name: Unterlagen vollständig, from: [vollstaendigkeit], to: entscheidung, guard: { documents: [pass] } }
            - { key: nachfordern, name: Unterlagen nachfordern, from: [vollstaendigkeit], to: nachforderung, actions: [{ start-deadline: nachreichung }] }
            - { key: nachgereicht, name: Unterlagen nachgereicht, from: [nachforderung], to: vollstaendigkeit, actions: [{ cancel-deadline: nachreichung }] }
            - { key: frist-abgelaufen, name: Frist abgelaufen, from: [nachforderung], to: entscheidung, guard: { roles: [system] } }
            - { key: erteilen, name: Erteilen, from: [entscheidung], to: erteilt, guard: { signing: true }, actions: [{ decision: granted, validUntil: "today() + 2 years" }] }
            - { key: ablehnen, name: Ablehnen, from: [entscheidung], to: abgelehnt, guard: { signing: true, coSign: true }, actions: [{ decision: refused }] }
          deadlines:
            - { key: nachreichung, name: Frist zur Nachreichung, after: 4 weeks, onExpiry: frist-abgelaufen }
        """ + "\n";
}
