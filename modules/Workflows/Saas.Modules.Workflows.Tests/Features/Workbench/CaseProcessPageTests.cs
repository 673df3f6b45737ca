namespace Saas.Modules.Workflows.Tests.Features.Workbench;

/// <summary>
/// The case's process on the workbench (issue 12, item 8): state, open and closed transitions with every reason in
/// the reader's language, the forms that take them (post/redirect/get through the use cases the API calls), a stale
/// form's conflict, inputs refused by field, four eyes, the start form, the e-Akte's link, another authority's 404.
/// </summary>
public sealed class CaseProcessPageTests(CaseProcessFixture fixture) : IClassFixture<CaseProcessFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ThePage_ShowsTheState_TheOpenTransitionsWithTheirInputs_AndEveryReasonForTheClosedOnes_InGermanAndEnglish()
    {
        var caseId = await fixture.RunningCaseAsync(fixture.A.Key);
        using var cw = new ProcessPageClient(fixture, fixture.A.Key, "cw");

        var html = await cw.PageAsync(ProcessPageClient.CasePage(caseId));
        ProcessPageClient.TextOf(html, "process-name").ShouldBe("Aufenthaltserlaubnis Probe (Version 1)");
        ProcessPageClient.TextOf(html, "state").ShouldBe("Eingang");
        ProcessPageClient.TextOf(html, "legal-basis").ShouldBe("§ 18a AufenthG");
        var (_, request) = ProcessPageClient.Form(html, "form-nachfordern");
        request.Select(f => f.Key).Where(k => k != "__RequestVerificationToken").ShouldBe(["Transition", "ExpectedVersion", "input.nachweise.frist"], ignoreOrder: true);
        html.ShouldContain("id=\"input-nachfordern-nachweise-frist\" name=\"input.nachweise.frist\" type=\"date\"");
        html.ShouldContain("id=\"input-weiter-bemerkung\" name=\"input.bemerkung\" type=\"text\"");
        ProcessPageClient.TextOf(html, "closed-vollstaendig").ShouldContain("Nachweis „arbeitsvertrag“ fehlt");
        html.ShouldNotContain("id=\"form-vollstaendig\"");
        ProcessPageClient.TextOf(html, "tasks").ShouldContain("Vollständigkeit prüfen Eingang – – ");
        ProcessPageClient.TextOf(html, "tasks").ShouldContain("offen");
        var deadlines = ProcessPageClient.TextOf(html, "deadlines");
        deadlines.ShouldContain("Bearbeitungsfrist");
        deadlines.ShouldContain("läuft");
        deadlines.ShouldContain("Erinnerung: noch nicht ausgelöst");
        ProcessPageClient.TextOf(html, "history").ShouldContain("Frist „Bearbeitungsfrist“ bis");

        var english = await cw.PageAsync(ProcessPageClient.CasePage(caseId) + "?lang=en");
        ProcessPageClient.TextOf(english, "process-name").ShouldBe("Residence permit Probe (version 1)");
        ProcessPageClient.TextOf(english, "state").ShouldBe("Received");
        ProcessPageClient.TextOf(english, "closed-vollstaendig").ShouldContain("Evidence 'arbeitsvertrag' missing");
        ProcessPageClient.TextOf(english, "tasks").ShouldContain("Check completeness");
        ProcessPageClient.TextOf(english, "deadlines").ShouldContain("Reminder: not raised yet");
        english.ShouldContain("What is not possible yet, and why");
    }

    [Fact]
    public async Task TakingATransition_ThroughItsForm_MovesTheCase_AndRedirectsToThePage()
    {
        var caseId = await fixture.RunningCaseAsync(fixture.A.Key);
        using var cw = new ProcessPageClient(fixture, fixture.A.Key, "cw");
        var page = ProcessPageClient.CasePage(caseId);
        var html = await cw.PageAsync(page);

        var posted = await cw.PostFormAsync(html, "form-nachfordern", f => ProcessPageClient.Set(f, "input.nachweise.frist", "2027-01-31"));
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        var location = posted.Headers.Location!.ToString();
        location.ShouldStartWith($"/t/{fixture.A.Key}/{page}?done=nachfordern");

        var after = await cw.PageAsync(location);
        ProcessPageClient.TextOf(after, "message").ShouldBe("Der Schritt „Nachweise anfordern“ ist getan; der Vorgang steht jetzt in „Nachweise angefordert“.");
        ProcessPageClient.TextOf(after, "state").ShouldBe("Nachweise angefordert");
        ProcessPageClient.TextOf(after, "deadlines").ShouldContain("Frist für Nachweise");
        ProcessPageClient.TextOf(after, "deadlines").ShouldContain("31.01.2027");
        ProcessPageClient.TextOf(after, "letters").ShouldContain("Schreiben „nachforderung“ beim Schritt „Nachweise anfordern“");
        ProcessPageClient.TextOf(after, "history").ShouldContain("nachweise.frist: 31.01.2027");
        ProcessPageClient.TextOf(after, "tasks").ShouldContain("erledigt");
        (await cw.ProcessAsync(caseId)).GetProperty("state").GetString().ShouldBe("nachforderung");
    }

    [Fact]
    public async Task BadInputs_AreShownAtTheirFields_KeepingWhatWasTyped_AndNothingChanges()
    {
        var caseId = await fixture.RunningCaseAsync(fixture.A.Key);
        using var cw = new ProcessPageClient(fixture, fixture.A.Key, "cw");
        var html = await cw.PageAsync(ProcessPageClient.CasePage(caseId));

        var refused = await cw.PostFormAsync(html, "form-nachfordern", f => ProcessPageClient.Set(f, "input.nachweise.frist", "31.02.2027"));
        var page = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, page);
        ProcessPageClient.TextOf(page, "error-summary").ShouldContain("Eingaben fehlen oder passen nicht.");
        page.ShouldContain("<a class=\"kern-link\" href=\"#input-nachfordern-nachweise-frist\">„nachweise.frist“ ist kein Wert vom Typ date.</a>");
        page.ShouldContain("id=\"input-nachfordern-nachweise-frist\" name=\"input.nachweise.frist\" type=\"date\" value=\"31.02.2027\" required aria-invalid=\"true\"");
        ProcessPageClient.TextOf(page, "input-nachfordern-nachweise-frist-error").ShouldBe("„nachweise.frist“ ist kein Wert vom Typ date.");
        // The other transition's form shows nothing of it.
        page.ShouldContain("id=\"input-weiter-bemerkung\" name=\"input.bemerkung\" type=\"text\" value=\"\"");

        var missing = await cw.PostFormAsync(html, "form-weiter");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("„bemerkung“ fehlt (string).");
        (await cw.ProcessAsync(caseId)).GetProperty("state").GetString().ShouldBe("eingang");
    }

    [Fact]
    public async Task AStaleForm_GetsTheConflict_WithTheCurrentState_KeepsWhatWasTyped_AndChangesNothing()
    {
        var caseId = await fixture.RunningCaseAsync(fixture.A.Key);
        using var cw = new ProcessPageClient(fixture, fixture.A.Key, "cw");
        var stale = await cw.PageAsync(ProcessPageClient.CasePage(caseId));
        // Meanwhile a colleague requests the evidence.
        await fixture.TakeAsync(fixture.A.Key, "cw2", caseId, "nachfordern", new Dictionary<string, object> { ["nachweise.frist"] = "2027-03-01" });
        var before = await cw.ProcessAsync(caseId);

        var response = await cw.PostFormAsync(stale, "form-weiter", f => ProcessPageClient.Set(f, "input.bemerkung", "Rücksprache gehalten"));
        var page = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, page);
        var summary = ProcessPageClient.TextOf(page, "error-summary");
        summary.ShouldContain("Jemand anderes hat den Vorgang inzwischen bearbeitet; nichts wurde geändert.");
        summary.ShouldContain("Der Vorgang steht jetzt in „Nachweise angefordert“.");
        summary.ShouldContain("Ihre Eingaben sind im Formular erhalten.");
        ProcessPageClient.TextOf(page, "state").ShouldBe("Nachweise angefordert");
        page.ShouldContain("name=\"input.bemerkung\" type=\"text\" value=\"Rücksprache gehalten\"");
        // The form on the page now carries the current version: acting again works.
        var (_, fields) = ProcessPageClient.Form(page, "form-weiter");
        fields.Single(f => f.Key == "ExpectedVersion").Value.ShouldBe(before.GetProperty("rowVersion").GetUInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var after = await cw.ProcessAsync(caseId);
        after.GetProperty("state").GetString().ShouldBe("nachforderung");
        after.GetProperty("rowVersion").GetUInt32().ShouldBe(before.GetProperty("rowVersion").GetUInt32());
        after.GetProperty("steps").GetArrayLength().ShouldBe(before.GetProperty("steps").GetArrayLength());

        (await cw.PostFormAsync(page, "form-weiter")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await cw.ProcessAsync(caseId)).GetProperty("state").GetString().ShouldBe("entscheidung");
    }

    [Fact]
    public async Task ACoSignedStep_IsProposedByOne_AndTakesEffectOnlyWhenASecondPersonCoSigns()
    {
        var caseId = await fixture.RunningCaseAsync(fixture.A.Key);
        await fixture.TakeAsync(fixture.A.Key, "cw", caseId, "weiter", new { bemerkung = "vollständig" });
        using var proposer = new ProcessPageClient(fixture, fixture.A.Key, "cw2");
        using var signer = new ProcessPageClient(fixture, fixture.A.Key, "cw");
        var page = ProcessPageClient.CasePage(caseId);

        var html = await proposer.PageAsync(page);
        ProcessPageClient.TextOf(html, "closed-ablehnen").ShouldContain("Keine Zeichnungsbefugnis für § 18a AufenthG");
        ProcessPageClient.TextOf(html, "form-erteilen").ShouldContain("Erteilen (zur Mitzeichnung vorschlagen)");
        var proposed = await proposer.PostFormAsync(html, "form-erteilen", f => ProcessPageClient.Set(f, "input.entscheidung.gueltigBis", "2028-06-30"));
        proposed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await proposed.Content.ReadAsStringAsync());

        var waiting = await proposer.PageAsync(proposed.Headers.Location!.ToString());
        ProcessPageClient.TextOf(waiting, "message").ShouldBe("Der Schritt „Erteilen“ ist zur Mitzeichnung vorgeschlagen.");
        var pending = ProcessPageClient.TextOf(waiting, "pending");
        pending.ShouldContain("Wartet auf Mitzeichnung: „Erteilen“");
        pending.ShouldContain($"Vorgeschlagen von cw2-{fixture.A.Key}");
        pending.ShouldContain("entscheidung.gueltigBis 30.06.2028");
        ProcessPageClient.TextOf(waiting, "four-eyes").ShouldStartWith("Vier Augen: Sie haben diesen Schritt vorgeschlagen.");
        ProcessPageClient.TextOf(waiting, "closed-erteilen").ShouldContain("Vier Augen: Mitzeichnen muss eine andere Person");
        ProcessPageClient.TextOf(waiting, "closed-ablehnen").ShouldContain("Der Schritt „erteilen“ wartet auf Mitzeichnung");
        ProcessPageClient.TextOf(waiting, "state").ShouldBe("Entscheidungsreif");

        var other = await signer.PageAsync(page);
        ProcessPageClient.TextOf(other, "four-eyes").ShouldStartWith("Vier Augen: Dieser Schritt wird wirksam, wenn Sie ihn mitzeichnen");
        ProcessPageClient.TextOf(other, "form-erteilen").ShouldContain("Mitzeichnen: Erteilen");
        ProcessPageClient.Form(other, "form-erteilen").Fields.Select(f => f.Key).Where(k => k != "__RequestVerificationToken").ShouldBe(["Transition", "ExpectedVersion"], ignoreOrder: true);
        var signed = await signer.PostFormAsync(other, "form-erteilen");
        signed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signed.Content.ReadAsStringAsync());

        var done = await signer.PageAsync(signed.Headers.Location!.ToString());
        ProcessPageClient.TextOf(done, "state").ShouldBe("Erteilt · beendet");
        ProcessPageClient.TextOf(done, "letters").ShouldContain("Schreiben „bescheid“ beim Schritt „Erteilen“");
        ProcessPageClient.TextOf(done, "history").ShouldContain("Entscheidung: erteilt");
        ProcessPageClient.TextOf(done, "history").ShouldContain("Vorschlag zur Mitzeichnung: Erteilen");
        done.ShouldNotContain("id=\"form-");
    }

    [Fact]
    public async Task ACaseWithoutAProcess_OffersThePublishedProcessesOfItsKind_AndTheFormStartsOne()
    {
        var (_, caseId) = await fixture.NewCaseAsync(fixture.A.Key);
        var (_, otherKind) = await fixture.NewCaseAsync(fixture.A.Key, "einbuergerung");
        using var cw = new ProcessPageClient(fixture, fixture.A.Key, "cw");

        ProcessPageClient.TextOf(await cw.PageAsync(ProcessPageClient.CasePage(otherKind)), "nothing-to-start")
            .ShouldBe("Die Behörde hat keinen Prozess für Vorgänge der Art „einbuergerung“ veröffentlicht.");
        var html = await cw.PageAsync(ProcessPageClient.CasePage(caseId));
        var (_, fields) = ProcessPageClient.Form(html, "form-start");
        fields.ShouldContain(new KeyValuePair<string, string>("ProcessKey", Saas.Modules.Workflows.Features.Samples.WorkflowsSamples.ProcessKey));
        html.ShouldContain("<option value=\"AufenthG-18b\">§ 18b AufenthG</option>");

        var refused = await cw.PostFormAsync(html, "form-start", f => ProcessPageClient.Set(f, "LegalBasis", ""));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ProcessPageClient.TextOf(await refused.Content.ReadAsStringAsync(), "error-summary").ShouldContain("Diese Rechtsgrundlage gehört nicht zu dem Prozess.");

        var started = await cw.PostFormAsync(html, "form-start", f => ProcessPageClient.Set(f, "LegalBasis", "AufenthG-18b"));
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect, await started.Content.ReadAsStringAsync());
        var after = await cw.PageAsync(started.Headers.Location!.ToString());
        ProcessPageClient.TextOf(after, "message").ShouldBe("Der Prozess „Aufenthaltserlaubnis Probe“ läuft; der Vorgang steht in „Eingang“.");
        ProcessPageClient.TextOf(after, "legal-basis").ShouldBe("§ 18b AufenthG");
    }

    [Fact]
    public async Task TheEFilesCaseList_LinksToTheProcessPage()
    {
        var (file, caseId) = await fixture.NewCaseAsync(fixture.A.Key);
        using var cw = new ProcessPageClient(fixture, fixture.A.Key, "cw");
        var html = await cw.PageAsync($"workbench/files/{file}");
        html.ShouldContain($"href=\"/t/{fixture.A.Key}/workbench/cases/{caseId}/process\" data-case-process=\"{caseId}\"");
        (await cw.PageAsync(ProcessPageClient.CasePage(caseId))).ShouldContain($"href=\"/t/{fixture.A.Key}/workbench/files/{file}\"");
    }

    [Fact]
    public async Task BsCaseworker_Gets404_ForAsCase_AndCannotActOnIt()
    {
        var caseA = await fixture.RunningCaseAsync(fixture.A.Key);
        var caseB = await fixture.RunningCaseAsync(fixture.B.Key);
        using var b = new ProcessPageClient(fixture, fixture.B.Key, "cw");
        using var a = new ProcessPageClient(fixture, fixture.A.Key, "cw");
        var before = await a.ProcessAsync(caseA);

        var response = await b.GetAsync(ProcessPageClient.CasePage(caseA));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Probe");

        // B's own page, its form aimed at A's case: refused as unknown, nothing of A changes.
        var own = await b.PageAsync(ProcessPageClient.CasePage(caseB));
        var (action, fields) = ProcessPageClient.Form(own, "form-weiter");
        ProcessPageClient.Set(fields, "input.bemerkung", "fremd");
        var posted = await b.PostToAsync(action.Replace(caseB.ToString(), caseA.ToString(), StringComparison.Ordinal), own, fields);
        posted.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var after = await a.ProcessAsync(caseA);
        after.GetProperty("state").GetString().ShouldBe("eingang");
        after.GetProperty("rowVersion").GetUInt32().ShouldBe(before.GetProperty("rowVersion").GetUInt32());
    }
}
