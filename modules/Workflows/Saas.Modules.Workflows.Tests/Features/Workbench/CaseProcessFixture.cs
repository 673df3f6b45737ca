using Saas.Modules.Workflows.Features.Samples;

namespace Saas.Modules.Workflows.Tests.Features.Workbench;

/// <summary>
/// Two fresh authorities, each with the sample process (with letters), its document types, a unit and two staff
/// documents: <c>cw-{key}</c> may sign under § 18a AufenthG, <c>cw2-{key}</c> may not (docs/adr/0022: signing
/// authority comes from configuration, not from the token).
/// </summary>
public sealed class CaseProcessFixture : TwoTenantsFixture
{
    public const string Marker = "Probe";

    protected override async Task PrepareAuthoritiesAsync()
    {
        foreach (var tenant in new[] { A, B })
        {
            using var scope = App.Services.CreateScope();
            using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
            var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
            await store.SaveDraftAsync("kind: unit\nkey: 30-20\nspec:\n  code: \"30.20\"\n  name: Aufenthalt\n", "test");
            await store.SaveDraftAsync($"kind: staff\nkey: cw-{tenant.Key}\nspec:\n  stage: qualified\n  units: [\"30-20\"]\n  signingAuthorities: [AufenthG-18a]\n", "test");
            await store.SaveDraftAsync($"kind: staff\nkey: cw2-{tenant.Key}\nspec:\n  stage: qualified\n  units: [\"30-20\"]\n", "test");
            await store.PublishAsync(null, "test");
            await WorkflowsSamples.PublishAsync(store, WorkflowsSamples.ProcessYaml(WorkflowsSamples.ProcessKey, Marker, letters: true), "test", default);
        }
    }

    /// <summary>A new file with a case of <paramref name="kind"/> in <paramref name="tenant"/>, opened through the e-Akte's API.</summary>
    public async Task<(Guid File, Guid Case)> NewCaseAsync(string tenant, string kind = WorkflowsSamples.CaseKind)
    {
        using var client = new ProcessPageClient(this, tenant, "cw");
        var (status, file) = await client.PostJsonAsync("api/cases/files", new { surname = "Prozessprobe", givenNames = "Pia" });
        status.ShouldBe(HttpStatusCode.Created, file);
        var fileId = JsonDocument.Parse(file).RootElement.GetProperty("id").GetGuid();
        var (opened, record) = await client.PostJsonAsync($"api/cases/files/{fileId}/cases", new { kind, title = "Verlängerung Prozessprobe" });
        opened.ShouldBe(HttpStatusCode.Created, record);
        return (fileId, JsonDocument.Parse(record).RootElement.GetProperty("id").GetGuid());
    }

    /// <summary>A new case whose sample process runs (started through the API, under § 18a AufenthG).</summary>
    public async Task<Guid> RunningCaseAsync(string tenant)
    {
        var (_, caseId) = await NewCaseAsync(tenant);
        using var client = new ProcessPageClient(this, tenant, "cw");
        var (status, body) = await client.PostJsonAsync($"api/workflows/cases/{caseId}/process", new { process = WorkflowsSamples.ProcessKey, legalBasis = WorkflowsSamples.LegalBasis });
        status.ShouldBe(HttpStatusCode.Created, body);
        return caseId;
    }

    /// <summary>Takes a transition through the API, as another caseworker's click would.</summary>
    public async Task TakeAsync(string tenant, string user, Guid caseId, string transition, object? inputs = null)
    {
        using var client = new ProcessPageClient(this, tenant, user);
        var process = await client.ProcessAsync(caseId);
        var (status, body) = await client.PostJsonAsync($"api/workflows/instances/{process.GetProperty("instanceId").GetGuid()}/transitions/{transition}",
            new { inputs = inputs ?? new { } });
        status.ShouldBe(HttpStatusCode.OK, body);
    }
}
