namespace Saas.Modules.Workflows.Tests;

/// <summary>A signed-in member of staff of one authority calling the API (e-Akte and Workflows), with the answers parsed.</summary>
internal sealed class WorkflowsApi(HttpClient client)
{
    public HttpClient Http { get; } = client;

    public static WorkflowsApi SignIn(TwoTenantsFixture fixture, string tenant, string user = "cw")
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var client = fixture.App.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.TokenFor(tenant, $"{user}-{tenant}"));
        return new WorkflowsApi(client);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object? body = null)
    {
        var response = await Http.PostAsJsonAsync(path, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    public async Task<JsonElement> ProcessAsync(Guid caseId, string? lang = null)
    {
        var (status, body) = await GetAsync($"api/workflows/cases/{caseId}/process" + (lang is null ? "" : "?lang=" + lang));
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        return body;
    }

    /// <summary>A file with a case of the test process's kind; the person's title (if given) valid until <paramref name="titleUntil"/>.</summary>
    public async Task<(Guid File, Guid Case)> CaseAsync(string surname, DateOnly? titleUntil = null, string kind = TestProcess.CaseKind)
    {
        var (created, file) = await PostAsync("api/cases/files", new { surname, givenNames = "Olena", birthDate = "1990-04-01" });
        created.ShouldBe(HttpStatusCode.Created, file.ToString());
        var fileId = file.GetProperty("id").GetGuid();
        if (titleUntil is { } until)
        {
            var (recorded, title) = await PostAsync($"api/cases/files/{fileId}/residence-titles",
                new { legalBasis = "AufenthG-18a", validFrom = until.AddYears(-2).ToString("yyyy-MM-dd"), validUntil = until.ToString("yyyy-MM-dd") });
            recorded.ShouldBe(HttpStatusCode.Created, title.ToString());
        }

        var (opened, @case) = await PostAsync($"api/cases/files/{fileId}/cases", new { kind, title = "Verlängerung " + surname });
        opened.ShouldBe(HttpStatusCode.Created, @case.ToString());
        return (fileId, @case.GetProperty("id").GetGuid());
    }

    public async Task<JsonElement> StartAsync(Guid caseId, string legalBasis = "AufenthG-18a")
    {
        var (status, body) = await PostAsync($"api/workflows/cases/{caseId}/process", new { process = TestProcess.Key, legalBasis });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body;
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> TakeAsync(Guid instance, string transition, object? inputs = null, uint? expectedVersion = null) =>
        PostAsync($"api/workflows/instances/{instance}/transitions/{transition}", new { inputs, expectedVersion });
}
