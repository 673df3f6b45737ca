using Saas.Platform.Identity;

namespace Saas.Modules.Workflows.Tests.Features.Tasks;

/// <summary>
/// An authority with the configuration the queues read, published through <see cref="IMetadataStore"/>: units (30-20
/// with surname ranges, front office 30-10 without, task force 30-99), document types, staff (cw: 30-20 A–K and the
/// front office; cw2: 30-20 L–Z; a trainee with a specialisation; all three may sign § 18a) and a process whose first
/// state gives a task to 30-20 and one to the specialisation, with a co-signed grant that needs <c>antrag</c> and <c>pass</c>.
/// Cases are written straight into the e-Akte's tables (as <see cref="TestDocuments"/> does), processes started over HTTP.
/// </summary>
internal sealed class QueueWorld(TwoTenantsFixture fixture, TenantInfo tenant)
{
    public const string Process = "verlaengerung";

    public const string Kind = "aufenthaltserlaubnis";

    public TenantInfo Tenant => tenant;

    public string Cw => "cw-" + tenant.Key;

    public string Cw2 => "cw2-" + tenant.Key;

    public string Trainee => "azubi-" + tenant.Key;

    public string Lead => "admin-" + tenant.Key;

    public static string ProcessYaml => """
        kind: process
        key: verlaengerung
        spec:
          name: Verlängerung
          nameEn: Extension
          caseKind: aufenthaltserlaubnis
          legalBases: [AufenthG-18a, AufenthG-24]
          initial: pruefung
          states:
            - key: pruefung
              name: Prüfung
              unit: "30-20"
              tasks:
                - { key: pruefen, name: Antrag prüfen, nameEn: Check the application }
                - { key: ve-pruefen, name: Verpflichtungserklärung prüfen, specialisation: verpflichtungserklaerung }
            - key: beratung
              name: Beratung
              unit: "30-10"
              tasks:
                - { key: beraten, name: Beraten }
            - key: erteilt
              name: Erteilt
              final: true
              outcome: granted
          transitions:
            - key: erteilen
              name: Erteilen
              from: [pruefung]
              to: erteilt
              guard: { documents: [antrag, pass], signing: true, coSign: true }
            - key: zur-beratung
              name: Zur Beratung
              from: [pruefung]
              to: beratung
            - key: abschliessen
              name: Abschließen
              from: [beratung]
              to: erteilt
            - key: zurueck
              name: Zurück zur Prüfung
              from: [beratung]
              to: pruefung
        """;

    public async Task PublishAsync(bool withProcess = true)
    {
        var k = tenant.Key;
        await PublishAsync(
            "kind: unit\nkey: 30-20\nspec:\n  code: \"30.20\"\n  name: Allgemeines Ausländerrecht\n",
            "kind: unit\nkey: 30-10\nspec:\n  code: \"30.10\"\n  name: Servicebereich\n  nameEn: Front office\n",
            "kind: unit\nkey: 30-99\nspec:\n  code: \"30.99\"\n  name: Taskforce Altfälle\n",
            "kind: document-type\nkey: antrag\nspec:\n  name: Antrag\n",
            "kind: document-type\nkey: pass\nspec:\n  name: Pass\n",
            $"kind: staff\nkey: cw-{k}\nspec:\n  stage: qualified\n  units: [\"30-20\", \"30-10\"]\n  surnameRanges:\n    - {{ unit: \"30-20\", from: A, to: K }}\n  signingAuthorities: [AufenthG-18a]\n",
            $"kind: staff\nkey: cw2-{k}\nspec:\n  stage: qualified\n  units: [\"30-20\"]\n  surnameRanges:\n    - {{ unit: \"30-20\", from: L, to: Z }}\n  signingAuthorities: [AufenthG-18a]\n",
            $"kind: staff\nkey: azubi-{k}\nspec:\n  stage: trainee\n  units: [\"30-20\", \"30-10\"]\n  specialisations: [verpflichtungserklaerung]\n  signingAuthorities: [AufenthG-18a]\n");
        if (withProcess)
        {
            await PublishAsync(ProcessYaml);
        }
    }

    public async Task PublishAsync(params string[] yamls)
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        foreach (var yaml in yamls)
        {
            await store.SaveDraftAsync(yaml, "test");
        }

        await store.PublishAsync(null, "test");
    }

    /// <summary>A person's file with an open case of <paramref name="kind"/>, documents of the given types and, optionally, a residence title.</summary>
    public async Task<(Guid File, Guid Case)> SeedCaseAsync(string surname, string[] documents, string kind = Kind,
        (string Basis, DateOnly Until)? title = null, bool openCase = true)
    {
        await using var connection = await OpenAsync();
        var file = Guid.NewGuid();
        var caseId = Guid.NewGuid();
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command("""
            INSERT INTO cases.case_files (tenant_id, id, file_number, surname, given_names, search_name, created_by)
            VALUES ($1, $2, $3, $4, 'Test', lower($4), 'test')
            """, tenant.Id, file, "AZ-" + file.ToString("N")[..10], surname));
        if (openCase)
        {
            batch.BatchCommands.Add(Command("INSERT INTO cases.procedures (tenant_id, id, case_file_id, kind, title, created_by) VALUES ($1, $2, $3, $4, 'Verlängerung', 'test')",
                tenant.Id, caseId, file, kind));
        }

        foreach (var type in documents)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO cases.documents (tenant_id, id, case_file_id, document_type, title, source, content_type, sha256, length, created_by)
                VALUES ($1, $2, $3, $4, $4, 'upload', 'application/pdf', repeat('a', 64), 1000, 'test')
                """, tenant.Id, Guid.NewGuid(), file, type));
        }

        if (title is { } t)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO cases.residence_titles (tenant_id, id, case_file_id, legal_basis, valid_from, valid_until, recorded_at, recorded_by)
                VALUES ($1, $2, $3, $4, $5, $6, now(), 'test')
                """, tenant.Id, Guid.NewGuid(), file, t.Basis, t.Until.AddYears(-2), t.Until));
        }

        await batch.ExecuteNonQueryAsync();
        return (file, caseId);
    }

    /// <summary>Another (newer) title for a person's file.</summary>
    public async Task AddTitleAsync(Guid file, string basis, DateOnly until)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO cases.residence_titles (tenant_id, id, case_file_id, legal_basis, valid_from, valid_until, recorded_at, recorded_by)
            VALUES ($1, $2, $3, $4, $5, $6, now() + interval '1 minute', 'test')
            """, connection);
        foreach (var value in new object[] { tenant.Id, Guid.NewGuid(), file, basis, until.AddYears(-1), until })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Moves a case's process start (and its tasks' creation) back by some days: an old case of the backlog. Days of
    /// Berlin's calendar, as the queues count them: 40 × 24 hours across the end of summer time is 39 days and 23 hours
    /// there, so late in the evening a case aged by 40 × 24 hours was 39 days old.
    /// </summary>
    public async Task AgeAsync(Guid caseId, int days)
    {
        await using var connection = await OpenAsync();
        await using var batch = new NpgsqlBatch(connection);
        const string Back = "(({0} AT TIME ZONE 'Europe/Berlin') - make_interval(days => $2)) AT TIME ZONE 'Europe/Berlin'";
        batch.BatchCommands.Add(Command($"UPDATE workflows.instances SET started_at = {string.Format(System.Globalization.CultureInfo.InvariantCulture, Back, "started_at")}, state_entered_at = {string.Format(System.Globalization.CultureInfo.InvariantCulture, Back, "state_entered_at")} WHERE case_id = $1", caseId, days));
        batch.BatchCommands.Add(Command($"UPDATE workflows.tasks SET created_at = {string.Format(System.Globalization.CultureInfo.InvariantCulture, Back, "created_at")} WHERE case_id = $1", caseId, days));
        await batch.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A client of the authority signed in as <paramref name="user"/> (roles by prefix: admin- is a tenant admin, others caseworkers).</summary>
    /// <remarks>Without redirects followed: a redirect would drop the bearer token (pages' post/redirect/get is followed by hand).</remarks>
    public HttpClient Client(string user)
    {
        var roles = user.StartsWith("admin-", StringComparison.Ordinal) ? new[] { SaasRoles.TenantAdmin } : [SaasRoles.Caseworker];
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant.Key}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(fixture.App, tenant.Key, user, roles));
        return client;
    }

    public async Task<Guid> StartAsync(Guid caseId, string basis = "AufenthG-18a")
    {
        var (status, body) = await PostAsync(Client(Cw), $"api/workflows/cases/{caseId}/process", new { process = Process, legalBasis = basis });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("instanceId").GetGuid();
    }

    /// <summary>The open task of a case with the key.</summary>
    public Task<Guid> TaskAsync(Guid caseId, string key = "pruefen") =>
        ScalarAsync<Guid>("SELECT id FROM workflows.tasks WHERE case_id = $1 AND key = $2 AND status = 'open'", caseId, key);

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, object? body = null)
    {
        var response = await client.PostAsJsonAsync(path, body ?? new { });
        return (response.StatusCode, await BodyAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response.StatusCode, await BodyAsync(response));
    }

    public static string? Code(JsonElement body) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var code) ? code.GetString() : null;

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var bind = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection);
        bind.Parameters.Add(new NpgsqlParameter { Value = tenant.Id.ToString() });
        await bind.ExecuteScalarAsync();
        return connection;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
