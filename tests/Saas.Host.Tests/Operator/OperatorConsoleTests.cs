using System.Net.Http.Json;
using Npgsql;
using Saas.Platform.Identity;

namespace Saas.Host.Tests.Operator;

/// <summary>
/// The platform operator's console (issue 11, item 6): authorities created from a template or as a copy of another's
/// configuration, modules switched and hosts set — each a published, audited version of the profile, with the
/// registry row written from it; refused input named by field in the operator's language, nothing created.
/// </summary>
public sealed class OperatorConsoleTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Operator = "operator-test";

    [Fact]
    public async Task AnAuthorityCreatedFromTheTemplate_HasTheTemplatesDocumentsPublished_AndItsPortalAnswers()
    {
        var key = NewKey();
        var created = await CreateAsync(new
        {
            key, name = "Landkreis Testhausen", officialKey = "09123000", federalState = "BY",
            hosts = new[] { key + ".example.de" }, modules = new[] { "organization", "cases" }, template = "auslaenderbehoerde",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var documents = await PublishedAsync(key);
        var template = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants", "_templates", "auslaenderbehoerde");
        documents.Keys.Where(k => k.StartsWith("document-type/", StringComparison.Ordinal)).Count()
            .ShouldBe(Directory.GetFiles(Path.Combine(template, "document-types")).Length);
        documents["document-type/anhoerung"].ShouldBe(await File.ReadAllTextAsync(Path.Combine(template, "document-types", "anhoerung.yaml")));
        var profile = documents["tenant/" + key];
        profile.ShouldContain($"key: {key}\n");
        profile.ShouldContain("  name: \"Landkreis Testhausen\"\n");
        profile.ShouldContain("  federalState: \"BY\"\n");
        profile.ShouldContain($"  hosts: [{key}.example.de]\n");
        profile.ShouldStartWith("# Vorlage für eine neue Ausländerbehörde"); // the template's comments stay

        var client = fixture.App.CreateClient();
        (await client.GetAsync($"/t/{key}/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var audit = await AuditActorsAsync(key, "metadata.import");
        audit.ShouldBe([Operator]);
    }

    [Fact]
    public async Task AnAuthorityCopiedFromAnother_GetsItsPublishedDocumentsByteForByte_WithOnlyTheProfilesFactsChanged()
    {
        var source = NewKey();
        (await CreateAsync(Body(source, template: "auslaenderbehoerde"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var copy = NewKey();

        var created = await CreateAsync(Body(copy, copyOf: source, modules: ["organization"]));

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var from = await PublishedAsync(source);
        var to = await PublishedAsync(copy);
        to.Keys.Where(k => !k.StartsWith("tenant/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .ShouldBe(from.Keys.Where(k => !k.StartsWith("tenant/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var document in from.Keys.Where(k => !k.StartsWith("tenant/", StringComparison.Ordinal)))
        {
            to[document].ShouldBe(from[document], document);
        }

        var changed = ChangedLines(from["tenant/" + source], to["tenant/" + copy]);
        changed.ShouldBe([$"key: {copy}", $"  name: \"Behörde {copy}\"", $"  hosts: [{copy}.example.de]", "  modules: [organization]"]);
        var row = await RegistryAsync(copy);
        row.Modules.ShouldBe(["organization"]);
        row.Hosts.ShouldBe([copy + ".example.de"]);
    }

    [Fact]
    public async Task SwitchingModulesAndHosts_PublishesANewProfileVersion_WritesTheRegistry_AndTheSwitchedOffModuleIsGone()
    {
        var key = NewKey();
        (await CreateAsync(Body(key, template: "auslaenderbehoerde"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = (await PublishedAsync(key))["tenant/" + key];
        var client = OperatorClient();
        var cw = fixture.App.CreateClient();
        cw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TestTokens.Issue(fixture.App, key, "cw-" + key, [SaasRoles.Caseworker]));
        (await cw.GetAsync($"/t/{key}/api/cases/persons?name=M")).StatusCode.ShouldNotBe(HttpStatusCode.NotFound);

        var changed = await client.PutAsJsonAsync($"/api/operator/authorities/{key}/profile",
            new { hosts = new[] { key + ".example.de", "abh." + key + ".example.de" }, modules = new[] { "organization" } });

        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var after = (await PublishedAsync(key))["tenant/" + key];
        ChangedLines(before, after).ShouldBe([$"  hosts: [{key}.example.de, abh.{key}.example.de]", "  modules: [organization]"]);
        (await RegistryAsync(key)).Modules.ShouldBe(["organization"]);
        (await cw.GetAsync($"/t/{key}/api/cases/persons?name=M")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await AuditActorsAsync(key, "metadata.import")).ShouldBe([Operator, Operator]);
    }

    [Fact]
    public async Task RefusedInput_IsNamedByField_InTheOperatorsLanguage_AndNothingIsCreated()
    {
        var key = NewKey();
        var client = OperatorClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");

        var refused = await client.PostAsJsonAsync("/api/operator/authorities", new
        {
            key = key.ToUpperInvariant(), name = "X", officialKey = "123", federalState = "XX",
            hosts = new[] { fixture.A.Hosts.FirstOrDefault() ?? "taken.example.de", "nicht gültig" }, modules = new[] { "zauberei" },
            template = "auslaenderbehoerde", copyOf = fixture.A.Key,
        });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("invalid-authority");
        var errors = problem.GetProperty("errors");
        errors.GetProperty("key")[0].GetString().ShouldStartWith("Der Schlüssel besteht aus");
        errors.GetProperty("name")[0].GetString().ShouldBe("Der Name hat 3 bis 200 Zeichen.");
        errors.GetProperty("officialKey")[0].GetString().ShouldBe("Der Amtliche Gemeindeschlüssel hat genau 8 Ziffern.");
        errors.GetProperty("federalState")[0].GetString().ShouldBe("Bitte ein Bundesland wählen.");
        errors.GetProperty("hosts").EnumerateArray().Select(e => e.GetString()).ShouldContain("„nicht gültig“ ist kein gültiger Hostname (Kleinbuchstaben, Ziffern, Bindestriche und Punkte).");
        errors.GetProperty("modules")[0].GetString().ShouldBe("Das Modul „zauberei“ gibt es auf dieser Plattform nicht.");
        errors.GetProperty("source")[0].GetString().ShouldStartWith("Bitte genau eine Quelle wählen");
        (await RegistryOrNullAsync(key.ToUpperInvariant())).ShouldBeNull();
        (await RegistryOrNullAsync(key)).ShouldBeNull();
    }

    [Fact]
    public async Task AHostOfAnotherAuthority_IsRefused_ForANewAuthorityAndForAChange()
    {
        var first = NewKey();
        (await CreateAsync(Body(first, template: "auslaenderbehoerde"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var second = NewKey();
        var client = OperatorClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var refused = await client.PostAsJsonAsync("/api/operator/authorities", Body(second, template: "auslaenderbehoerde", hosts: [first + ".example.de"]));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("hosts")[0].GetString()
            .ShouldBe($"The host '{first}.example.de' already belongs to Behörde {first}.");

        (await CreateAsync(Body(second, template: "auslaenderbehoerde"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var change = await client.PutAsJsonAsync($"/api/operator/authorities/{second}/profile", new { hosts = new[] { first + ".example.de" }, modules = new[] { "organization" } });
        change.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await RegistryAsync(second)).Hosts.ShouldBe([second + ".example.de"]);
    }

    [Fact]
    public async Task AChangeWhileTheAuthoritysAdminHasAnOpenDraftOfTheProfile_IsRefused_AndTheProfileStaysAsItWas()
    {
        var key = NewKey();
        (await CreateAsync(Body(key, template: "auslaenderbehoerde", modules: ["organization", "cases", "studio"]))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var profile = (await PublishedAsync(key))["tenant/" + key];
        var admin = fixture.App.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(fixture.App, key, "admin-" + key, [SaasRoles.TenantAdmin]));
        var draft = await admin.PutAsync($"/t/{key}/api/studio/documents?basedOn=1",
            new StringContent(profile.Replace("languages: [de, en]", "languages: [de, en, ar]", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/yaml"));
        draft.StatusCode.ShouldBe(HttpStatusCode.OK, await draft.Content.ReadAsStringAsync());

        var change = await OperatorClient().PutAsJsonAsync($"/api/operator/authorities/{key}/profile", new { hosts = Array.Empty<string>(), modules = new[] { "organization" } });

        change.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        JsonDocument.Parse(await change.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().ShouldBe("profile-has-open-draft");
        (await PublishedAsync(key))["tenant/" + key].ShouldBe(profile);
        (await RegistryAsync(key)).Modules.ShouldBe(["cases", "organization", "studio"]);
    }

    [Fact]
    public async Task OnlyThePlatformOperator_ReachesTheConsole_AnAuthoritysAdminDoesNot()
    {
        var anonymous = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await anonymous.GetAsync("/api/operator/authorities")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        foreach (var role in new[] { SaasRoles.TenantAdmin, SaasRoles.Caseworker, SaasRoles.MinistryAnalyst })
        {
            var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var tenant = role == SaasRoles.MinistryAnalyst ? null : fixture.A.Key;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(fixture.App, tenant, role + "-x", [role]));
            (await client.GetAsync("/api/operator/authorities")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
            (await client.PostAsJsonAsync("/api/operator/authorities", Body(NewKey(), template: "auslaenderbehoerde"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
            (await client.PutAsJsonAsync($"/api/operator/authorities/{fixture.A.Key}/profile", new { hosts = Array.Empty<string>(), modules = new[] { "organization" } }))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
            (await client.GetAsync("/operator")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
        }

        var listed = JsonDocument.Parse(await OperatorClient().GetStringAsync("/api/operator/authorities")).RootElement;
        listed.GetProperty("templates").EnumerateArray().Select(t => t.GetString()).ShouldContain("auslaenderbehoerde");
        listed.GetProperty("authorities").EnumerateArray().Select(a => a.GetProperty("key").GetString()).ShouldContain(fixture.A.Key);
    }

    [Fact]
    public async Task ThePage_ShowsRefusedInputUnderItsFields_KeepsWhatWasTyped_AndCreatesWithARedirect()
    {
        var client = OperatorClient(redirects: false);
        var key = NewKey();
        var html = await client.GetStringAsync("/operator");
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        token.ShouldNotBeEmpty();
        var form = new List<KeyValuePair<string, string>>
        {
            new("New.Key", key), new("New.Name", "Stadt Probe"), new("New.OfficialKey", "12"), new("New.FederalState", "HE"),
            new("New.Hosts", key + ".example.de"), new("New.Modules", "organization"), new("New.Source", "template"),
            new("New.Template", "auslaenderbehoerde"), new("__RequestVerificationToken", token),
        };

        var refused = await client.PostAsync("/operator?handler=Create", new FormUrlEncodedContent(form));
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, page);
        page.ShouldContain("Der Amtliche Gemeindeschlüssel hat genau 8 Ziffern.");
        page.ShouldContain($"value=\"{key}\""); // what was typed stays
        page.ShouldContain("value=\"Stadt Probe\"");

        form[2] = new("New.OfficialKey", "06412000");
        var created = await client.PostAsync("/operator?handler=Create", new FormUrlEncodedContent(form));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        WebUtility.HtmlDecode(await client.GetStringAsync(created.Headers.Location!.ToString())).ShouldContain($"Stadt Probe ({key}) ist angelegt.");
        (await RegistryAsync(key)).Modules.ShouldBe(["organization"]);
    }

    private static string NewKey() => "op-" + Guid.NewGuid().ToString("N")[..10];

    private static object Body(string key, string? template = null, string? copyOf = null, string[]? modules = null, string[]? hosts = null) => new
    {
        key, name = "Behörde " + key, officialKey = "05334000", federalState = "NW",
        hosts = hosts ?? [key + ".example.de"], modules = modules ?? ["organization", "cases"], template, copyOf,
    };

    private HttpClient OperatorClient(bool redirects = true)
    {
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = redirects });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TestTokens.Issue(fixture.App, null, Operator, [SaasRoles.PlatformOperator], displayName: "Plattformbetrieb Test"));
        return client;
    }

    private Task<HttpResponseMessage> CreateAsync(object body) => OperatorClient().PostAsJsonAsync("/api/operator/authorities", body);

    /// <summary>The lines of <paramref name="after"/> that are not in <paramref name="before"/>, in order (both must have as many lines).</summary>
    private static List<string> ChangedLines(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        b.Length.ShouldBe(a.Length);
        return a.Zip(b).Where(p => p.First != p.Second).Select(p => p.Second).ToList();
    }

    private static async Task<Dictionary<string, string>> PublishedAsync(string key)
    {
        await using var connection = await OwnerAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT v.kind || '/' || v.key, v.yaml FROM metadata.versions v JOIN platform.tenants t ON t.id = v.tenant_id
            WHERE t.key = $1 AND v.state = 'published'
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await cmd.ExecuteReaderAsync();
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            documents[reader.GetString(0)] = reader.GetString(1);
        }

        return documents;
    }

    private sealed record Registry(string[] Hosts, string[] Modules);

    private static async Task<Registry> RegistryAsync(string key) => await RegistryOrNullAsync(key) ?? throw new InvalidOperationException("no authority " + key);

    private static async Task<Registry?> RegistryOrNullAsync(string key)
    {
        await using var connection = await OwnerAsync();
        await using var cmd = new NpgsqlCommand("SELECT hosts, ARRAY(SELECT unnest(modules) ORDER BY 1) FROM platform.tenants WHERE key = $1", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new Registry(reader.GetFieldValue<string[]>(0), reader.GetFieldValue<string[]>(1)) : null;
    }

    private static async Task<List<string>> AuditActorsAsync(string key, string action)
    {
        await using var connection = await OwnerAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT e.actor FROM audit.events e JOIN platform.tenants t ON t.id = e.tenant_id WHERE t.key = $1 AND e.action = $2 ORDER BY e.seq
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        cmd.Parameters.Add(new NpgsqlParameter { Value = action });
        await using var reader = await cmd.ExecuteReaderAsync();
        var actors = new List<string>();
        while (await reader.ReadAsync())
        {
            actors.Add(reader.GetString(0));
        }

        return actors;
    }

    private static async Task<NpgsqlConnection> OwnerAsync()
    {
        var connection = new NpgsqlConnection((await TestDatabase.GetAsync()).OwnerConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
