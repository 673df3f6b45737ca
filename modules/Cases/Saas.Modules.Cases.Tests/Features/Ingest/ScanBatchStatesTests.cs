namespace Saas.Modules.Cases.Tests.Features.Ingest;

/// <summary>
/// A batch's way (received → processed | failed → received again), and that every look at a batch or a printed cover
/// sheet is recorded, for the API as for the workbench.
/// </summary>
public sealed class ScanBatchStatesTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AFailedBatch_IsStartedAgainAndSplit_WhileAProcessedOneIsRefused()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        var id = await ProcessedBatchAsync(a, "stapel-neu.pdf");

        var (status, problem) = await a.PostJsonAsync($"api/cases/scan-batches/{id}/retry", new { });
        status.ShouldBe(HttpStatusCode.Conflict, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("scan-batch-not-failed");

        // As the processor leaves a batch it could not split (its own transaction rolled back, the reason recorded).
        await SqlAsync("UPDATE cases.scan_batches SET status = 'failed', error = 'pdftoppm timed out' WHERE id = $1", id);
        (await b.PostJsonAsync($"api/cases/scan-batches/{id}/retry", new { })).Status.ShouldBe(HttpStatusCode.NotFound);
        (status, var accepted) = await a.PostJsonAsync($"api/cases/scan-batches/{id}/retry", new { });
        status.ShouldBe(HttpStatusCode.Accepted, accepted.ToString());
        accepted.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);

        var result = await a.WaitAsync($"api/cases/scan-batches/{id}", s => s.GetProperty("batch").GetProperty("status").GetString() != "received");
        result.GetProperty("batch").GetProperty("status").GetString().ShouldBe("processed", result.ToString());
        (await ActionsAsync(fixture.A.Id, id.ToString())).ShouldContain("scanbatch.retry");
    }

    [Fact]
    public async Task ReadingABatch_IsRecordedViaTheApi_AndViaTheWorkbench()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var id = await ProcessedBatchAsync(a, "stapel-gelesen.pdf");
        var before = await DetailsAsync(fixture.A.Id, "scanbatch.read", id.ToString());

        await a.GetJsonAsync($"api/cases/scan-batches/{id}");
        (await a.Http.GetAsync($"workbench/scan-batches/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var added = (await DetailsAsync(fixture.A.Id, "scanbatch.read", id.ToString())).Skip(before.Count).ToList();
        added.Count.ShouldBe(2);
        added[0].ShouldStartWith("via api: ");
        added[1].ShouldStartWith("via workbench: ");
    }

    [Fact]
    public async Task PrintingACoverSheet_IsRecorded_BecauseItPrintsThePersonsNameAndBirthDate()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Deckblatt", "Mira", "1991-02-03")).GetProperty("id").GetGuid();
        var (status, created) = await a.PostJsonAsync($"api/cases/files/{file}/cover-sheets", new { documentType = "pass" });
        status.ShouldBe(HttpStatusCode.Created, created.ToString());
        var sheet = created.GetProperty("id").GetGuid();

        (await a.Http.GetByteArrayAsync(created.GetProperty("pdf").GetString())).Take(5).ShouldBe("%PDF-"u8.ToArray());
        (await a.Http.GetAsync($"workbench/files/{file}/CoverSheet?sheet={sheet}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The file page prints only its own file's sheets.
        var other = (await a.CreateFileAsync("Andere", "Akte")).GetProperty("id").GetGuid();
        (await a.Http.GetAsync($"workbench/files/{other}/CoverSheet?sheet={sheet}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await DetailsAsync(fixture.A.Id, "coversheet.print", file.ToString())).Count.ShouldBe(2);
    }

    [Fact]
    public async Task RetryingTheTextOfADocumentWhoseTextIsExtracted_IsRefused()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Texterkennung", "Ole")).GetProperty("id").GetGuid();
        var (status, uploaded) = await a.PostFileAsync($"api/cases/files/{file}/documents", TestPdf.Create(["Ein Brief mit Text"]), "application/pdf", "brief.pdf");
        status.ShouldBe(HttpStatusCode.Created, uploaded.ToString());
        var document = uploaded.GetProperty("id").GetGuid();
        (await a.WaitAsync($"api/cases/documents/{document}/text", s => s.GetProperty("status").GetString() != "pending"))
            .GetProperty("status").GetString().ShouldBe("done");

        var (refused, problem) = await a.PostJsonAsync($"api/cases/documents/{document}/text/retry", new { });
        refused.ShouldBe(HttpStatusCode.Conflict, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("text-already-extracted");
        (await a.Http.GetAsync($"api/cases/documents/{Guid.NewGuid()}/text")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<Guid> ProcessedBatchAsync(CasesApi api, string name)
    {
        var (status, received) = await api.PostFileAsync("api/cases/scan-batches", TestPdf.Create(["Ein Irrlaeufer ohne Deckblatt"]), "application/pdf", name);
        status.ShouldBe(HttpStatusCode.Accepted, received.ToString());
        var id = received.GetProperty("id").GetGuid();
        var result = await api.WaitAsync($"api/cases/scan-batches/{id}", s => s.GetProperty("batch").GetProperty("status").GetString() != "received");
        result.GetProperty("batch").GetProperty("status").GetString().ShouldBe("processed", result.ToString());
        return id;
    }

    private async Task SqlAsync(string sql, Guid id)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, connection);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
        await cmd.ExecuteNonQueryAsync();
    }

    private Task<List<string>> ActionsAsync(Guid tenant, string recordId) =>
        ColumnAsync("SELECT action FROM audit.events WHERE tenant_id = $1 AND record_id = $2 ORDER BY seq", tenant, recordId);

    private Task<List<string>> DetailsAsync(Guid tenant, string action, string recordId) =>
        ColumnAsync($"SELECT details FROM audit.events WHERE tenant_id = $1 AND record_id = $2 AND action = '{action}' ORDER BY seq", tenant, recordId);

    private async Task<List<string>> ColumnAsync(string sql, Guid tenant, string recordId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, connection);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = recordId });
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
