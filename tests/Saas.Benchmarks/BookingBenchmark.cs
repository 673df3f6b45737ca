using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Metadata;

namespace Saas.Benchmarks;

/// <summary>
/// Booking (issue 15, docs/adr/0031), on the real host over loopback HTTP (Kestrel on 127.0.0.1):
/// <list type="number">
/// <item>One remaining seat (capacity 2, one seat taken before), 1,000 concurrent reservations at once: exactly one
/// is reserved, every other is a 409 with alternatives; the database holds exactly two seats of the slot.</item>
/// <item>Reservations per second through the API (10 clients, each slot different) against the same two inserts
/// (booking, seat, one transaction, on the application role bound to the authority) done directly by pgbench with a
/// script file (prepared, as the host prepares its statements) on the same database and 10 clients, after a warm-up
/// of 400 API reservations; three alternating runs
/// each, the better of each side. Target ≥ 0.5×.</item>
/// </list>
/// No wall-clock assertion: only the count of the race decides pass or fail; the ratio is printed.
/// </summary>
internal static class BookingBenchmark
{
    private const int Attempts = 1000;
    private const int Clients = 10;
    private const int PerClient = 150;

    public static async Task<bool> RunAsync()
    {
        var db = await TestDatabase.GetAsync();
        var tenant = await TestTenants.CreateAsync(db, ["organization", "appointments"]);
        Console.WriteLine($"booking benchmark: {Attempts} concurrent reservations of one remaining seat; {Clients} clients × {PerClient} reservations, API against pgbench");
        // One client sends every attempt here: the limit per client (docs/adr/0036) would answer most of them with 429.
        await using var app = new SaasAppFactory(db, new Dictionary<string, string?> { ["ClientLimits:PermitsPerWindow"] = "1000000" });
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        using (var scope = app.Services.CreateScope())
        {
            using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
            var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
            var week = string.Join(", ", new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(d => $"{d}: [\"00:00-23:55\"]"));
            await store.SaveDraftAsync($"kind: location\nkey: amt\nspec:\n  name: Amt\n  address: {{ street: Markt 1, postalCode: \"52062\", city: Aachen }}\n  openingHours: {{ {week} }}\n  services: [residence-permit, card-pickup]\n", "bench");
            // A location as the authorities run them: weekdays, with a lunch break (for the availability under load).
            var weekdays = string.Join(", ", new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(d => $"{d}: [\"07:30-12:30\", \"13:30-16:00\"]"));
            await store.SaveDraftAsync($"kind: location\nkey: buero\nspec:\n  name: Büro\n  address: {{ street: Markt 2, postalCode: \"52062\", city: Aachen }}\n  openingHours: {{ {weekdays} }}\n  services: [settlement-permit]\n", "bench");
            await store.SaveDraftAsync("kind: appointment-type\nkey: letzter\nspec:\n  name: Letzter Platz\n  location: amt\n  service: residence-permit\n  durationMinutes: 30\n  capacity: 2\n  horizonDays: 30\n", "bench");
            await store.SaveDraftAsync("kind: appointment-type\nkey: neunzig\nspec:\n  name: Neunzig Tage\n  location: buero\n  service: settlement-permit\n  durationMinutes: 30\n  capacity: 6\n  bufferMinutes: 5\n  horizonDays: 90\n", "bench");
            await store.SaveDraftAsync("kind: appointment-type\nkey: durchsatz\nspec:\n  name: Durchsatz\n  location: amt\n  service: card-pickup\n  durationMinutes: 5\n  capacity: 1\n  horizonDays: 60\n", "bench");
            await store.PublishAsync(null, "bench");
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Attempts, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(new Uri(address), $"/t/{tenant.Key}/api/appointments/"), Timeout = TimeSpan.FromMinutes(5) };

        // 1. The race for one remaining seat.
        var slots = await SlotsAsync(client, "letzter", 7);
        var slot = slots[3];
        (await client.PostAsJsonAsync("reservations", new { type = "letzter", start = slot })).StatusCode.ShouldBeCreated();
        using var gate = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, Attempts).Select(async _ =>
        {
            await gate.WaitAsync();
            using var response = await client.PostAsJsonAsync("reservations", new { type = "letzter", start = slot });
            var alternatives = response.StatusCode == HttpStatusCode.Conflict
                && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alternatives").GetArrayLength() > 0;
            return (response.StatusCode, alternatives);
        }).ToList();
        var race = Stopwatch.StartNew();
        gate.Release(Attempts);
        var results = await Task.WhenAll(attempts);
        race.Stop();
        var won = results.Count(r => r.StatusCode == HttpStatusCode.Created);
        var offered = results.Count(r => r.StatusCode == HttpStatusCode.Conflict && r.alternatives);
        var other = results.Length - won - offered;
        var seats = await ScalarAsync(db, tenant, "SELECT count(*) FROM appointments.slot_seats WHERE starts_at = $1", DateTimeOffset.Parse(slot, CultureInfo.InvariantCulture).ToUniversalTime());
        Console.WriteLine($"  race: {Attempts} concurrent attempts for the last seat → {won} reserved, {offered} refused with alternatives (409), {other} other; seats of the slot in the database: {seats} (capacity 2); {race.Elapsed.TotalSeconds:F1} s");
        var passed = won == 1 && other == 0 && seats == 2;

        // 2. Throughput: distinct slots of a 5-minute, one-seat type for the API; pgbench inserts the same two rows.
        var free = new Queue<string>(await SlotsAsync(client, "durchsatz", 60));
        // Warm-up to steady state: pgbench is compiled C, the host's code is still being recompiled by the JIT's tiers
        // (and its profile-guided pass) over its first few hundred requests; those are not what the API costs.
        await ApiRunAsync(client, free, Clients, 40);
        var pgbench = await PgbenchScriptAsync(tenant);
        var api = new List<double>();
        var direct = new List<double>();
        try
        {
            for (var round = 0; round < 3; round++)
            {
                api.Add(await ApiRunAsync(client, free, Clients, PerClient));
                direct.Add(await PgbenchAsync(db, pgbench));
            }
        }
        finally
        {
            File.Delete(pgbench);
        }

        var ratio = api.Max() / direct.Max();
        Console.WriteLine($"  throughput: API reservations {string.Join(", ", api.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}/s, pgbench same inserts {string.Join(", ", direct.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}/s; ratio {ratio:F2} (target ≥ 0.5)");

        // 3. The free slots of 90 days at one location under 100 concurrent clients, against the portal's start page
        //    under the same load, alternating which goes first (the machine's noise hits both alike).
        using var portal = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(new Uri(address), $"/t/{tenant.Key}/"), Timeout = TimeSpan.FromMinutes(5) };
        var availability = new Samples();
        var startPage = new Samples();
        for (var round = 0; round < 4; round++)
        {
            var keep = round > 0; // the first round warms both up
            for (var k = 0; k < 2; k++)
            {
                if ((round + k) % 2 == 0)
                {
                    await UnderLoadAsync(portal, "api/appointments/availability?type=neunzig&days=90", LoadClients, LoadRequests, keep ? availability : null);
                }
                else
                {
                    await UnderLoadAsync(portal, "", LoadClients, LoadRequests, keep ? startPage : null);
                }
            }
        }

        var p95 = availability.Percentile(95) / startPage.Percentile(95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  availability of 90 days under {LoadClients} concurrent clients: p50 {availability.Percentile(50) / 1000:F1} ms, p95 {availability.Percentile(95) / 1000:F1} ms; start page p50 {startPage.Percentile(50) / 1000:F1} ms, p95 {startPage.Percentile(95) / 1000:F1} ms; p95 ratio {p95:F2} (target ≤ 3)"));
        return passed;
    }

    private const int LoadClients = 100;
    private const int LoadRequests = 10;

    /// <summary><paramref name="clients"/> clients each getting <paramref name="path"/> <paramref name="requests"/> times, one after another; each latency into <paramref name="into"/>.</summary>
    private static async Task UnderLoadAsync(HttpClient client, string path, int clients, int requests, Samples? into)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<TimeSpan>();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = 0; i < requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                latencies.Add(Stopwatch.GetElapsedTime(started));
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
                }
            }
        }));
        foreach (var latency in latencies)
        {
            into?.Add(latency);
        }
    }

    private static void ShouldBeCreated(this HttpStatusCode status)
    {
        if (status != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"reservation answered {(int)status}");
        }
    }

    private static async Task<List<string>> SlotsAsync(HttpClient client, string type, int days)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"availability?type={type}&days={days}");
        return [.. body.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()!)];
    }

    /// <summary>Reservations per second of <paramref name="clients"/> clients, each reserving its own slots one after another.</summary>
    private static async Task<double> ApiRunAsync(HttpClient client, Queue<string> free, int clients, int perClient)
    {
        var work = Enumerable.Range(0, clients).Select(_ => Enumerable.Range(0, perClient).Select(_ => free.Dequeue()).ToList()).ToList();
        var failures = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(work.Select(async starts =>
        {
            foreach (var start in starts)
            {
                // With its length, as a browser's fetch sends it (PostAsJsonAsync would stream it chunked).
                using var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { type = "durchsatz", start }));
                body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync("reservations", body);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        watch.Stop();
        if (failures > 0)
        {
            Console.WriteLine($"  {failures} API reservations failed");
        }

        return clients * perClient / watch.Elapsed.TotalSeconds;
    }

    /// <summary>The same two inserts the API makes, in one transaction, bound to the authority as the application role.</summary>
    private static async Task<string> PgbenchScriptAsync(TenantInfo tenant)
    {
        var file = Path.Combine(Path.GetTempPath(), $"saas-booking-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, $"""
            \set n random(1, 2000000000)
            BEGIN;
            SELECT set_config('app.tenant_id', '{tenant.Id}', true);
            WITH b AS (
                INSERT INTO appointments.bookings (tenant_id, id, appointment_type, location, service, starts_at, ends_at, status, hold_expires_at, cancel_token_hash, email, person_name, created_at)
                VALUES ('{tenant.Id}', gen_random_uuid(), 'durchsatz', 'amt', 'card-pickup', timestamptz '2100-01-01' + :n * interval '1 second',
                        timestamptz '2100-01-01' + :n * interval '1 second' + interval '5 minutes', 'held', now() + interval '10 minutes',
                        sha256(gen_random_uuid()::text::bytea), '', '', now())
                RETURNING tenant_id, id, location, service, starts_at)
            INSERT INTO appointments.slot_seats (tenant_id, location, service, starts_at, seat, booking_id)
            SELECT tenant_id, location, service, starts_at, 0, id FROM b
            ON CONFLICT ON CONSTRAINT slot_seats_one_booking_per_seat DO NOTHING;
            COMMIT;

            """);
        return file;
    }

    private static async Task<double> PgbenchAsync(TestDatabase db, string script)
    {
        var connection = new NpgsqlConnectionStringBuilder(db.ApplicationConnectionString);
        var start = new ProcessStartInfo("/usr/bin/pgbench",
            ["-n", "-M", "prepared", "-c", Clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-t", PerClient.ToString(CultureInfo.InvariantCulture), "-f", script,
             "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!, connection.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGPASSWORD"] = connection.Password },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var tps = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || tps is null)
        {
            throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {error} {output}");
        }

        return double.Parse(tps.Split(' ')[2], CultureInfo.InvariantCulture);
    }

    private static async Task<long> ScalarAsync(TestDatabase db, TenantInfo tenant, string sql, object value)
    {
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql + " AND tenant_id = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
