using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Metadata;

namespace Saas.Benchmarks;

/// <summary>
/// A thousand authorities on one host: what an idle tenant costs in memory once it has been served, and how
/// long the first request to a tenant the host has never seen takes (tenant resolution, module gate, the
/// module's first read), against a second request to the same tenant in the same run.
/// Targets: extra memory per idle tenant ≤ 100 KB; cold first request p95 ≤ 50 ms.
/// </summary>
internal static class ManyTenantsBenchmark
{
    private const int TenantCount = 1000;

    /// <summary>The request every tenant gets: its public portal (profile, locations, holidays from metadata).</summary>
    private static string RequestPath(string key) => $"/t/{key}/";

    public static async Task<bool> RunAsync()
    {
        var db = await TestDatabase.GetAsync();
        Console.WriteLine($"tenants benchmark: {TenantCount} generated authorities, one host");
        await using var app = new SaasAppFactory(db);
        var importer = app.Services.GetRequiredService<MetadataImporter>();
        var root = Path.Combine(Path.GetTempPath(), "saas-bench-" + Guid.NewGuid().ToString("N"));
        var keys = new List<string>(TenantCount);
        for (var i = 0; i < TenantCount; i++)
        {
            var key = $"bench-{i:D4}";
            var folder = Path.Combine(root, key);
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "tenant.yaml"),
                $"kind: tenant\nkey: {key}\nspec:\n  name: Ausländerbehörde {i}\n  officialKey: \"05334000\"\n  federalState: NW\n  modules: [organization]\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "location.yaml"),
                "kind: location\nkey: hauptstelle\nspec:\n  name: Hauptstelle\n  address: { street: Markt 1, postalCode: \"52062\", city: Aachen }\n  openingHours: { monday: [\"08:00-12:00\"], thursday: [\"13:00-17:00\"] }\n");
            await importer.ImportAsync(folder, "bench");
            keys.Add(key);
        }

        Directory.Delete(root, recursive: true);
        using var client = app.CreateClient();

        // Warm the host itself on one tenant, so that what follows is per-tenant cost only.
        for (var i = 0; i < 50; i++)
        {
            (await client.GetAsync(RequestPath(keys[0]))).EnsureSuccessStatusCode();
        }

        var before = SettledMemory();
        var cold = new Samples();
        var warm = new Samples();
        foreach (var key in keys.Skip(1))
        {
            cold.Add(await Samples.TimeAsync(async () => (await client.GetAsync(RequestPath(key))).EnsureSuccessStatusCode()));
            warm.Add(await Samples.TimeAsync(async () => (await client.GetAsync(RequestPath(key))).EnsureSuccessStatusCode()));
        }

        var after = SettledMemory();
        var perTenant = (after - before) / (double)(TenantCount - 1);
        var coldP95Ms = cold.Percentile(95) / 1000.0;
        Console.WriteLine($"  managed heap: {before / 1024.0 / 1024.0:F1} MiB after warm-up on one tenant, {after / 1024.0 / 1024.0:F1} MiB after serving {TenantCount - 1} more");
        Console.WriteLine($"  extra memory per idle tenant: {perTenant / 1024.0:F1} KB (target <= 100 KB) {(perTenant <= 100 * 1024 ? "OK" : "MISSED")}");
        Console.WriteLine($"  first request to a cold tenant: p50 {cold.Percentile(50) / 1000.0:F2} ms, p95 {coldP95Ms:F2} ms (target p95 <= 50 ms) {(coldP95Ms <= 50 ? "OK" : "MISSED")}");
        Console.WriteLine($"  second request (warm):          p50 {warm.Percentile(50) / 1000.0:F2} ms, p95 {warm.Percentile(95) / 1000.0:F2} ms; ratio cold/warm p95 {cold.Percentile(95) / warm.Percentile(95):F2}");
        return perTenant <= 100 * 1024 && coldP95Ms <= 50;
    }

    private static long SettledMemory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
