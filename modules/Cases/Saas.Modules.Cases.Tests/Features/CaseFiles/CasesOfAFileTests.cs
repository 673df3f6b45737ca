using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Tests.Features.CaseFiles;

/// <summary>
/// Cases (Vorgänge) in a file (docs/adr/0014): opened, documents filed into them afterwards, closed with an outcome;
/// the same use cases serve the API, the workbench and other modules through <see cref="ICaseRecords"/>.
/// </summary>
public sealed class CasesOfAFileTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ACase_IsOpened_GetsADocumentFiledIntoIt_AndIsClosedOnce_WithItsOutcome()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Rahimi", "Sara")).GetProperty("id").GetGuid();
        var (opened, created) = await a.PostJsonAsync($"api/cases/files/{file}/cases", new { kind = "aufenthaltserlaubnis", title = "Verlängerung § 18b" });
        opened.ShouldBe(HttpStatusCode.Created, created.ToString());
        var caseId = created.GetProperty("id").GetGuid();
        created.GetProperty("status").GetString().ShouldBe("open");

        var (uploaded, document) = await a.PostFileAsync($"api/cases/files/{file}/documents", TestPdf.Create(["Arbeitsvertrag"]), "application/pdf", "vertrag.pdf");
        uploaded.ShouldBe(HttpStatusCode.Created, document.ToString());
        var documentId = document.GetProperty("id").GetGuid();
        var (filed, filedBody) = await a.PutJsonAsync($"api/cases/documents/{documentId}/case", new { caseId });
        filed.ShouldBe(HttpStatusCode.OK, filedBody.ToString());
        var documents = (await a.GetJsonAsync($"api/cases/files/{file}")).GetProperty("documents").EnumerateArray().ToList();
        documents.Single(d => d.GetProperty("id").GetGuid() == documentId).GetProperty("caseId").GetGuid().ShouldBe(caseId);

        var (closed, closedBody) = await a.PostJsonAsync($"api/cases/cases/{caseId}/close", new { outcome = "erteilt" });
        closed.ShouldBe(HttpStatusCode.OK, closedBody.ToString());
        closedBody.GetProperty("status").GetString().ShouldBe("closed");
        closedBody.GetProperty("outcome").GetString().ShouldBe("erteilt");
        var (again, againBody) = await a.PostJsonAsync($"api/cases/cases/{caseId}/close", new { outcome = "abgelehnt" });
        again.ShouldBe(HttpStatusCode.Conflict);
        againBody.GetProperty("code").GetString().ShouldBe("case-closed");
    }

    [Fact]
    public async Task ADocument_CannotBeFiledIntoACaseOfAnotherFile_NorAnotherAuthoritysCaseOrDocument()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        var first = (await a.CreateFileAsync("Amini", "Reza")).GetProperty("id").GetGuid();
        var second = (await a.CreateFileAsync("Amini", "Laleh")).GetProperty("id").GetGuid();
        var (_, otherCase) = await a.PostJsonAsync($"api/cases/files/{second}/cases", new { kind = "einbuergerung", title = "Einbürgerung" });
        var (_, document) = await a.PostFileAsync($"api/cases/files/{first}/documents", TestPdf.Create(["Pass"]), "application/pdf", "pass.pdf");
        var documentId = document.GetProperty("id").GetGuid();

        var (wrongFile, body) = await a.PutJsonAsync($"api/cases/documents/{documentId}/case", new { caseId = otherCase.GetProperty("id").GetGuid() });
        wrongFile.ShouldBe(HttpStatusCode.UnprocessableEntity);
        body.GetProperty("code").GetString().ShouldBe("unknown-case");

        (await b.PutJsonAsync($"api/cases/documents/{documentId}/case", new { caseId = (Guid?)null })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostJsonAsync($"api/cases/cases/{otherCase.GetProperty("id").GetGuid()}/close", new { outcome = "erteilt" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostJsonAsync($"api/cases/files/{first}/cases", new { kind = "x", title = "y" })).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadInput_IsRefusedWithTheFieldNamed()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Sadeghi", "Omid")).GetProperty("id").GetGuid();
        var (status, body) = await a.PostJsonAsync($"api/cases/files/{file}/cases", new { kind = "aufenthaltserlaubnis", title = new string('x', 301) });
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("detail").GetString().ShouldBe("title");
        var (_, created) = await a.PostJsonAsync($"api/cases/files/{file}/cases", new { kind = "aufenthaltserlaubnis", title = "Titel" });
        (await a.PostJsonAsync($"api/cases/cases/{created.GetProperty("id").GetGuid()}/close", new { outcome = " " })).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnotherModule_OpensAndClosesACase_ThroughTheContract_Audited()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Karimi", "Nima")).GetProperty("id").GetGuid();
        using var tenant = fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var records = scope.ServiceProvider.GetRequiredService<ICaseRecords>();
        var opened = await records.OpenAsync(file, "verpflichtungserklaerung", "Verpflichtungserklärung Besuch");
        opened.IsOpen.ShouldBeTrue();
        var closed = await records.CloseAsync(opened.Id, "erledigt");
        closed.IsOpen.ShouldBeFalse();
        (await records.FindAsync(opened.Id))!.Outcome.ShouldBe("erledigt");
        (await records.FindAsync(Guid.NewGuid())).ShouldBeNull();

        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT string_agg(action, ',' ORDER BY seq) FROM audit.events WHERE tenant_id = $1 AND record_id = $2 AND action LIKE 'case.%'", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = fixture.A.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = file.ToString() });
        (await cmd.ExecuteScalarAsync()).ShouldBe("case.open,case.close");
    }
}
