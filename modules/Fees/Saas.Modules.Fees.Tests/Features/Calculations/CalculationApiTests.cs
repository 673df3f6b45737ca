using System.Net.Http.Headers;
using System.Net.Http.Json;
using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Fees.Tests.Features.Calculations;

/// <summary>
/// A caseworker calculates a case's fee over the API; it is stored with the case and read back; another authority's
/// calculation id and case id are not found there, and nothing of A's shows.
/// </summary>
public sealed class CalculationApiTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Client(string tenant)
    {
        var client = fixture.App.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.TokenFor(tenant, $"cw-{tenant}"));
        return client;
    }

    private async Task<Guid> OpenCaseAsync(HttpClient client, TenantInfo tenant)
    {
        var response = await client.PostAsJsonAsync("api/cases/files", new { surname = "Gebühr" + Guid.NewGuid().ToString("N")[..6], givenNames = "Ada" });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var fileId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        return (await scope.ServiceProvider.GetRequiredService<ICaseRecords>().OpenAsync(fileId, "aufenthaltserlaubnis", "Verlängerung")).Id;
    }

    private static object Body(int age) => new
    {
        tariff = "verlaengerung",
        facts = new { age, nationalities = new[] { "SYR" }, benefits = Array.Empty<string>(), refugee = false, scholarship = false, outcome = "granted", express = false, legalBasis = "" },
        date = "2026-01-15",
    };

    [Fact]
    public async Task ACalculation_IsStoredWithTheCase_AndReadBack_ButNotFromAnotherAuthority()
    {
        var a = Client(fixture.A.Key);
        var caseId = await OpenCaseAsync(a, fixture.A);
        var created = await a.PostAsJsonAsync($"api/fees/cases/{caseId}/calculation", Body(16));
        var body = await created.Content.ReadAsStringAsync();
        created.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var view = JsonDocument.Parse(body).RootElement;
        view.GetProperty("total").GetDecimal().ShouldBe(46.50m);
        view.GetProperty("lines").GetArrayLength().ShouldBe(2);
        var id = view.GetProperty("id").GetGuid();

        var list = JsonDocument.Parse(await a.GetStringAsync($"api/fees/cases/{caseId}/calculations")).RootElement;
        list.GetArrayLength().ShouldBe(1);
        list[0].GetProperty("lines")[1].GetProperty("explanationDe").GetString()!.ShouldContain("§ 50 Abs. 1 Satz 1 AufenthV");
        (await a.GetAsync($"api/fees/calculations/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var b = Client(fixture.B.Key);
        var read = await b.GetAsync($"api/fees/calculations/{id}");
        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await read.Content.ReadAsStringAsync()).ShouldNotContain("46.5");
        JsonDocument.Parse(await b.GetStringAsync($"api/fees/cases/{caseId}/calculations")).RootElement.GetArrayLength().ShouldBe(0);
        (await b.PostAsJsonAsync($"api/fees/cases/{caseId}/calculation", Body(30))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonDocument.Parse(await a.GetStringAsync($"api/fees/cases/{caseId}/calculations")).RootElement.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task AnUnknownOutcome_IsRefused_AndNothingIsStored()
    {
        var a = Client(fixture.A.Key);
        var caseId = await OpenCaseAsync(a, fixture.A);
        var response = await a.PostAsJsonAsync($"api/fees/cases/{caseId}/calculation", new
        {
            tariff = "verlaengerung",
            facts = new { age = 30, nationalities = new[] { "SYR" }, benefits = Array.Empty<string>(), refugee = false, scholarship = false, outcome = "vielleicht", express = false, legalBasis = "" },
            date = "2026-01-15",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        JsonDocument.Parse(await a.GetStringAsync($"api/fees/cases/{caseId}/calculations")).RootElement.GetArrayLength().ShouldBe(0);
    }
}
