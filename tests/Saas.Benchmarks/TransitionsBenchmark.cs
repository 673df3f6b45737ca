using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Data;
using Saas.Platform.Metadata;

namespace Saas.Benchmarks;

/// <summary>
/// Transitions per second through the API (issue 12): a caseworker moves cases back and forth between two states of a
/// process whose guard checks role, signing authority (staff configuration), required evidence in the file and an
/// expression, with steps, tasks and audit written — against the same state change as a plain SQL UPDATE of the
/// instance row on the application role, bound to the authority. Measured one at a time and with ten caseworkers at once on
/// disjoint cases (both sides alike), interleaved, warm. Target: ≥ 0.3×.
/// </summary>
internal static class TransitionsBenchmark
{
    private const int Cases = 50;
    private const int PerRound = 100;
    private const int Rounds = 6;
    private const int Warmup = 2;
    private const int Workers = 10;

    private const string Process = """
        kind: process
        key: pendel
        spec:
          name: Pendel
          caseKind: aufenthaltserlaubnis
          legalBases: [AufenthG-18a]
          initial: a
          states:
            - key: a
              name: Zustand A
              unit: bench
              tasks:
                - key: pruefen
                  name: Prüfen
            - key: b
              name: Zustand B
            - key: fertig
              name: Fertig
              final: true
          transitions:
            - key: nach-b
              name: Nach B
              from: [a]
              to: b
              guard: { roles: [caseworker], signing: true, documents: [antrag], when: "case.legalBasis == 'AufenthG-18a' and process.startedOn <= today()" }
            - key: nach-a
              name: Nach A
              from: [b]
              to: a
              guard: { roles: [caseworker], signing: true, documents: [antrag], when: "case.legalBasis == 'AufenthG-18a' and process.startedOn <= today()" }
            - key: beenden
              name: Beenden
              from: [a, b]
              to: fertig
        """;

    public static async Task<bool> RunAsync()
    {
        var db = await TestDatabase.GetAsync();
        var tenant = await TestTenants.CreateAsync(db, ["organization", "cases", "workflows"]);
        Console.WriteLine($"transitions benchmark: {Cases} cases, {PerRound} transitions per round, {Rounds} rounds");
        await using var host = await BenchHost.StartAsync(db, tenant);
        using (var scope = host.App.Services.CreateScope())
        {
            using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
            var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
            await store.SaveDraftAsync("kind: document-type\nkey: antrag\nspec:\n  name: Antrag\n", "bench");
            await store.SaveDraftAsync("kind: unit\nkey: bench\nspec:\n  code: \"30.20\"\n  name: Bench\n", "bench");
            await store.SaveDraftAsync("kind: staff\nkey: cw\nspec:\n  name: Caseworker\n  stage: qualified\n  units: [bench]\n  signingAuthorities: [AufenthG-18a]\n", "bench");
            await store.SaveDraftAsync(Process, "bench");
            await store.PublishAsync(null, "bench");
        }

        var client = host.Client;
        var instances = new List<Guid>();
        for (var i = 0; i < Cases; i++)
        {
            var file = (await (await client.PostAsJsonAsync("api/cases/files", new { surname = "Pendel" + i })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await using (var connection = new NpgsqlConnection(db.OwnerConnectionString))
            {
                await connection.OpenAsync();
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO cases.documents (tenant_id, id, case_file_id, document_type, title, source, content_type, sha256, length, created_by)
                    VALUES ($1, $2, $3, 'antrag', 'Antrag', 'upload', 'application/pdf', repeat('a', 64), 1000, 'bench')
                    """, connection);
                insert.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
                insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
                insert.Parameters.Add(new NpgsqlParameter { Value = file });
                await insert.ExecuteNonQueryAsync();
            }

            var caseId = (await (await client.PostAsJsonAsync($"api/cases/files/{file}/cases", new { kind = "aufenthaltserlaubnis", title = "Pendel" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var started = await client.PostAsJsonAsync($"api/workflows/cases/{caseId}/process", new { process = "pendel", legalBasis = "AufenthG-18a" });
            instances.Add((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetGuid());
        }

        // Which of the two states each case is in; workers own disjoint cases, so no case is moved by two at once.
        var inA = new bool[Cases];
        Array.Fill(inA, true);
        var failures = 0;
        var data = host.App.Services.GetRequiredService<AppDataSource>();
        var current = host.App.Services.GetRequiredService<ICurrentTenant>();

        // One worker's share of a round: PerRound / workers transitions, on the cases i ≡ worker (mod workers).
        async Task ApiWorkerAsync(int worker, int workers)
        {
            for (var i = worker; i < PerRound; i += workers)
            {
                var index = i % Cases;
                var response = await client.PostAsJsonAsync($"api/workflows/instances/{instances[index]}/transitions/{(inA[index] ? "nach-b" : "nach-a")}", new { });
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }

                inA[index] = !inA[index];
            }
        }

        // The same state change as plain SQL: the row's state flips and its entry time is set, on the application role
        // bound to the authority. Each round flips every case twice (PerRound = 2 × Cases), so the API's rounds find the
        // states they expect.
        async Task SqlWorkerAsync(int worker, int workers)
        {
            using var _ = current.Begin(tenant);
            await using var connection = await data.OpenAsync();
            for (var i = worker; i < PerRound; i += workers)
            {
                await using var update = new NpgsqlCommand(
                    "UPDATE workflows.instances SET state = CASE WHEN state = 'a' THEN 'b' ELSE 'a' END, state_entered_at = now() WHERE id = $1", connection);
                update.Parameters.Add(new NpgsqlParameter { Value = instances[i % Cases] });
                await update.ExecuteNonQueryAsync();
            }
        }

        var passed = true;
        foreach (var workers in new[] { 1, Workers })
        {
            var (api, sql) = await Samples.InterleaveAsync(Rounds, Warmup,
                _ => Task.WhenAll(Enumerable.Range(0, workers).Select(w => ApiWorkerAsync(w, workers))),
                _ => Task.WhenAll(Enumerable.Range(0, workers).Select(w => SqlWorkerAsync(w, workers))));
            var apiPerSecond = PerRound / (api.Percentile(50) / 1_000_000);
            var sqlPerSecond = PerRound / (sql.Percentile(50) / 1_000_000);
            var ratio = apiPerSecond / sqlPerSecond;
            Console.WriteLine($"  {(workers == 1 ? "one at a time" : $"{workers} at once")}: API transitions {apiPerSecond:F0}/s (median round), plain SQL update {sqlPerSecond:F0}/s; ratio {ratio:F3} (target ≥ 0.3)");
            passed &= failures == 0;
        }

        if (failures > 0)
        {
            Console.WriteLine($"  {failures} transitions refused");
        }

        return passed;
    }
}
