using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Saas.Platform.Identity;
using Saas.Testing;

namespace Saas.Modules.Organization.Tests.Features.EditOrganization;

/// <summary>
/// The organisation admin page (in the module since issue 9) calls the use cases the API calls: it refuses the same
/// kinds, records the signed-in person as the author, and leaves the same audit records as the API.
/// </summary>
public sealed partial class AdminPageTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The admin's display name differs from their subject, so an author taken from the name shows.</summary>
    private const string DisplayName = "Anna Admin";

    [Fact]
    public async Task ADocumentOfAKindEditedElsewhere_IsRefusedByThePageAsByTheApi_AndNothingIsStored()
    {
        var client = Admin(fixture.A.Key);
        var yaml = "kind: document-type\nkey: anhoerung\nspec:\n  name: Anhörung\n  nameEn: Hearing\n";

        var page = await PostPageAsync(client, "Save", ("Yaml", yaml));
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest, html);
        Alert(html).ShouldContain("Diese Art von Dokument wird hier nicht bearbeitet.");
        WebUtility.HtmlDecode(html).ShouldContain("kind: document-type\nkey: anhoerung"); // what was typed stays

        var api = await PutApiAsync(client, yaml);
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("kind-not-editable-here");

        var history = await client.GetStringAsync($"/t/{fixture.A.Key}/api/organization/admin/documents/document-type/anhoerung/history");
        JsonDocument.Parse(history).RootElement.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ADraftSavedOnThePage_IsAuthoredByTheSignedInPerson_AndAuditedExactlyAsTheApiAuditsIt()
    {
        var client = Admin(fixture.A.Key);
        var subject = $"admin-{fixture.A.Key}";
        var viaPage = "page-" + Guid.NewGuid().ToString("N")[..8];
        var viaApi = "api-" + Guid.NewGuid().ToString("N")[..8];

        // Windows line ends from a browser's text area are stored as the API stores them.
        var saved = await PostPageAsync(client, "Save", ("Yaml", UnitYaml(viaPage).Replace("\n", "\r\n", StringComparison.Ordinal)));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var location = saved.Headers.Location!.ToString();
        location.ShouldBe($"/t/{fixture.A.Key}/admin/organization?kind=unit&key={viaPage}#editor");
        var shown = await client.GetStringAsync(location);
        shown.ShouldContain("Entwurf Version 1 gespeichert.");
        shown.ShouldContain($" · {subject}</li>"); // the history names the author

        (await PutApiAsync(client, UnitYaml(viaApi))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var pageHistory = await HistoryAsync(client, viaPage);
        var apiHistory = await HistoryAsync(client, viaApi);
        pageHistory.GetProperty("createdBy").GetString().ShouldBe(subject);
        apiHistory.GetProperty("createdBy").GetString().ShouldBe(subject);
        pageHistory.GetProperty("sha256").GetString().ShouldBe(Sha(UnitYaml(viaPage)));

        var pageDraft = await AuditAsync(fixture.A.Id, "metadata.draft", viaPage);
        var apiDraft = await AuditAsync(fixture.A.Id, "metadata.draft", viaApi);
        pageDraft.ShouldBe(new AuditRow(subject, DisplayName, "unit", "version 1"));
        apiDraft.ShouldBe(pageDraft);
    }

    [Fact]
    public async Task PublishingOnThePage_IsAuditedAsPublishingThroughTheApi()
    {
        var client = Admin(fixture.B.Key);
        (await PutApiAsync(client, UnitYaml("first"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var published = await PostPageAsync(client, "Publish");
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await client.GetStringAsync(published.Headers.Location!.ToString());
        page.ShouldContain("1 Entwurf veröffentlicht.");
        page.ShouldContain("first");

        (await PutApiAsync(client, UnitYaml("second"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync($"/t/{fixture.B.Key}/api/organization/admin/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var rows = await AuditRowsAsync(fixture.B.Id, "metadata.publish");
        rows.Count.ShouldBe(2);
        rows[0].ShouldBe(new AuditRow($"admin-{fixture.B.Key}", DisplayName, "metadata", "1 documents"));
        rows[1].ShouldBe(rows[0]);
    }

    private sealed record AuditRow(string Actor, string? ActorName, string RecordType, string? Details);

    /// <summary>A tenant admin's client for pages and API alike (bearer token, antiforgery cookie kept, redirects not followed).</summary>
    private sealed record AdminClient(HttpClient Http, string Tenant)
    {
        public Task<string> GetStringAsync(string path) => Http.GetStringAsync(path);

        public Task<HttpResponseMessage> PostAsync(string path, HttpContent? content) => Http.PostAsync(path, content);
    }

    private AdminClient Admin(string tenant)
    {
        var client = fixture.App.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = TestTokens.Issue(fixture.App, tenant, $"admin-{tenant}", [SaasRoles.TenantAdmin], displayName: DisplayName);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new AdminClient(client, tenant);
    }

    private static string UnitYaml(string key) =>
        $"kind: unit\nkey: {key}\nspec:\n  code: \"99.{key.Length:00}\"\n  name: Testgruppe {key}\n  responsibilities: [Prüfung]\n";

    private static string Sha(string yaml) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));

    private static async Task<HttpResponseMessage> PostPageAsync(
        AdminClient client, string handler, params (string Name, string Value)[] fields)
    {
        var path = $"/t/{client.Tenant}/admin/organization";
        var html = await client.GetStringAsync(path);
        var token = TokenRegex().Match(html);
        token.Success.ShouldBeTrue("the admin page has no form");
        var form = fields.ToDictionary(f => f.Name, f => f.Value);
        form["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(form));
    }

    private static Task<HttpResponseMessage> PutApiAsync(AdminClient client, string yaml) =>
        client.Http.PutAsync($"/t/{client.Tenant}/api/organization/admin/documents",
            new StringContent(yaml, Encoding.UTF8, "application/yaml"));

    private static async Task<JsonElement> HistoryAsync(AdminClient client, string key)
    {
        var path = $"/t/{client.Tenant}/api/organization/admin/documents/unit/{key}/history";
        var history = JsonDocument.Parse(await client.GetStringAsync(path)).RootElement;
        history.GetArrayLength().ShouldBe(1);
        return history[0];
    }

    private static async Task<AuditRow> AuditAsync(Guid tenant, string action, string recordId)
    {
        var rows = await AuditRowsAsync(tenant, action, recordId);
        rows.Count.ShouldBe(1);
        return rows[0];
    }

    private static async Task<List<AuditRow>> AuditRowsAsync(Guid tenant, string action, string? recordId = null)
    {
        var database = await TestDatabase.GetAsync();
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT actor, actor_name, record_type, details FROM audit.events
            WHERE tenant_id = $1 AND action = $2 AND ($3::text IS NULL OR record_id = $3) ORDER BY seq
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant });
        cmd.Parameters.Add(new NpgsqlParameter { Value = action });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)recordId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<AuditRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new AuditRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }

    private static string Alert(string html)
    {
        var match = AlertRegex().Match(html);
        match.Success.ShouldBeTrue("no alert next to the editor");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<div class=\"kern-alert kern-alert--danger\" role=\"alert\"[^>]*>(.*?)</div>\\s*</div>", RegexOptions.Singleline)]
    private static partial Regex AlertRegex();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
