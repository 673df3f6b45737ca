namespace Saas.Modules.Cases.Tests.Features.Retention;

/// <summary>A deletion run: report, approval by a second person, legal holds honoured, blobs and text gone, audited.</summary>
public sealed class DeletionRunTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ARun_DeletesWhatIsDue_AfterASecondPersonApproved_AndHonoursLegalHolds()
    {
        await PublishRulesAsync(fixture.A);
        var cw = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var admin = await CasesApi.SignInAsync(fixture, fixture.A.Key, "admin");
        var word = "Ausreisebestaetigung" + Unique();

        var departed = await FileWithDocumentsAsync(cw, "Weggezogen", [$"Antrag {word}", "Pass Kopie"], "antrag");
        await Ok(cw.Http.PutAsJsonAsync($"api/cases/files/{departed.File}/departure", new { departedAt = "2012-03-05" }));
        var onHold = await FileWithDocumentsAsync(cw, "Gesperrt", ["Klageverfahren"], "antrag");
        await Ok(cw.Http.PutAsJsonAsync($"api/cases/files/{onHold.File}/departure", new { departedAt = "2012-03-05" }));
        (await cw.PostJsonAsync($"api/cases/files/{onHold.File}/legal-holds", new { reason = "Klage VG Aachen anhängig" })).Status.ShouldBe(HttpStatusCode.Created);
        var staying = await FileWithDocumentsAsync(cw, "Hiergeblieben", ["Aufenthaltstitel"], "antrag");
        var appointment = await FileWithDocumentsAsync(cw, "Termin", ["Terminbestaetigung"], "terminbestaetigung");
        await cw.WaitAsync($"api/cases/documents/{departed.Documents[0]}/text", s => s.GetProperty("status").GetString() != "pending");
        (await cw.GetJsonAsync($"api/cases/search?q={word}")).GetArrayLength().ShouldBe(1);

        // The report, as of a day when the appointment letter is due as well.
        var (status, proposed) = await cw.PostJsonAsync("api/cases/retention/runs", new { asOf = "2030-01-01" });
        status.ShouldBe(HttpStatusCode.Created, proposed.ToString());
        var run = proposed.GetProperty("id").GetGuid();
        var report = await cw.GetJsonAsync($"api/cases/retention/runs/{run}");
        var due = report.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("documentId").GetGuid()).ToHashSet();
        due.ShouldBe([.. departed.Documents, .. appointment.Documents], ignoreOrder: true);
        report.GetProperty("run").GetProperty("heldBack").GetInt32().ShouldBe(1);

        // Nothing happens without approval, and not by a caseworker, and not by the proposer.
        (await admin.Http.PostAsync($"api/cases/retention/runs/{run}/execute", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await cw.Http.PostAsync($"api/cases/retention/runs/{run}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var (_, own) = await admin.PostJsonAsync("api/cases/retention/runs", new { asOf = "2030-01-01" });
        (await admin.Http.PostAsync($"api/cases/retention/runs/{own.GetProperty("id").GetGuid()}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.Http.PostAsync($"api/cases/retention/runs/{run}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A hold placed after the report still protects the file.
        await cw.PostJsonAsync($"api/cases/files/{appointment.File}/legal-holds", new { reason = "Auskunftsersuchen" });
        var executed = await Ok(admin.Http.PostAsync($"api/cases/retention/runs/{run}/execute", null));
        executed.GetProperty("deleted").GetInt32().ShouldBe(2);

        (await cw.Http.GetAsync($"api/cases/documents/{departed.Documents[0]}/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await cw.GetJsonAsync($"api/cases/search?q={word}")).GetArrayLength().ShouldBe(0);
        var emptied = await cw.GetJsonAsync($"api/cases/files/{departed.File}");
        emptied.GetProperty("documents").GetArrayLength().ShouldBe(0);
        emptied.GetProperty("file").GetProperty("surname").GetString().ShouldBe("(gelöscht)");
        foreach (var kept in new[] { onHold, staying, appointment })
        {
            (await cw.GetJsonAsync($"api/cases/files/{kept.File}")).GetProperty("documents").GetArrayLength().ShouldBe(kept.Documents.Count);
        }

        // The blob is gone from the store, and the audit trail keeps a record of each deleted document.
        using (var scope = fixture.App.Services.CreateScope())
        {
            var current = scope.ServiceProvider.GetRequiredService<ICurrentTenant>();
            using var _ = current.Begin(fixture.A);
            var blobs = scope.ServiceProvider.GetRequiredService<Saas.Platform.Storage.IBlobStore>();
            (await blobs.ExistsAsync(departed.Sha256[0])).ShouldBeFalse();
            var verification = await scope.ServiceProvider.GetRequiredService<Saas.Platform.Audit.IAuditVerifier>().VerifyAsync();
            verification.Intact.ShouldBeTrue(verification.Problem);
        }

        var trail = await RunTrailAsync(fixture.A.Id, run);
        trail.Count.ShouldBe(3);
        trail.Take(2).Select(e => e.Action).ShouldAllBe(a => a == "document.delete");
        trail.Take(2).Select(e => Guid.Parse(e.RecordId)).Order().ShouldBe(departed.Documents.Order());
        trail[2].ShouldBe(("retention.execute", run.ToString()));

        // The other authority sees none of it.
        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        var bAdmin = await CasesApi.SignInAsync(fixture, fixture.B.Key, "admin");
        (await b.Http.GetAsync($"api/cases/retention/runs/{run}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bAdmin.Http.PostAsync($"api/cases/retention/runs/{run}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostJsonAsync($"api/cases/files/{staying.File}/legal-holds", new { reason = "x" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostJsonAsync("api/cases/retention/runs", new { asOf = "2030-01-01" })).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    /// <summary>The run's document deletions and its own execution record, in chain order, read as the owner.</summary>
    private async Task<List<(string Action, string RecordId)>> RunTrailAsync(Guid tenant, Guid run)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("""
            SELECT action, record_id FROM audit.events
            WHERE tenant_id = $1 AND ((action = 'document.delete' AND details LIKE 'retention run ' || $2 || ',%') OR (action = 'retention.execute' AND record_id = $2))
            ORDER BY seq
            """, connection);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = run.ToString() });
        var trail = new List<(string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            trail.Add((reader.GetString(0), reader.GetString(1)));
        }

        return trail;
    }

    private sealed record FileWithDocuments(Guid File, List<Guid> Documents, List<string> Sha256);

    private static async Task<FileWithDocuments> FileWithDocumentsAsync(CasesApi api, string surname, string[] pages, string type)
    {
        var file = (await api.CreateFileAsync(surname + Unique())).GetProperty("id").GetGuid();
        var documents = new List<Guid>();
        var hashes = new List<string>();
        foreach (var page in pages)
        {
            var (status, body) = await api.PostFileAsync($"api/cases/files/{file}/documents", TestPdf.Create([page + " " + Unique()]), "application/pdf", "doc.pdf",
                new Dictionary<string, string> { ["documentType"] = type });
            status.ShouldBe(HttpStatusCode.Created, body.ToString());
            documents.Add(body.GetProperty("id").GetGuid());
            hashes.Add(body.GetProperty("sha256").GetString()!);
        }

        return new FileWithDocuments(file, documents, hashes);
    }

    private async Task PublishRulesAsync(TenantInfo tenant)
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        await store.SaveDraftAsync("""
            kind: retention-rule
            key: aufenthv-68
            spec:
              name: Akten weggezogener oder ausgereister Personen
              legalBasis: § 68 AufenthV
              documentTypes: ["*"]
              trigger: person-departed
              years: 10
            """, "test");
        await store.SaveDraftAsync("""
            kind: retention-rule
            key: terminbestaetigungen
            spec:
              name: Terminbestätigungen
              documentTypes: [terminbestaetigung]
              trigger: document-created
              years: 1
            """, "test");
        await store.PublishAsync(null, "test");
    }

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    private static string Unique() => new(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
}
