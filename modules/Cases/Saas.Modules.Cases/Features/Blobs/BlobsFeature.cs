using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;

namespace Saas.Modules.Cases.Features.Blobs;

/// <summary>Blob maintenance: the sweeper, the verify job, their daily run and the admins' endpoints (docs/adr/0012).</summary>
internal static class BlobsFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<BlobCheckRecorder>();
        services.AddScoped<SweepOrphanBlobs>();
        services.AddScoped<VerifyBlobs>();
        services.AddScoped<ListBlobChecks>();
        services.AddHostedService<BlobMaintenanceService>();
    }

    /// <summary>Tenant admins start the sweeper or the verify job now and read past results.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases/admin/blobs").WithTags("e-Akte: operations").RequireAuthorization(SaasPolicies.TenantAdmin);
        group.MapPost("/sweep", async Task<Ok<BlobCheckResult>> (SweepOrphanBlobs sweep, CancellationToken ct) =>
            TypedResults.Ok(await sweep.ExecuteAsync(new SweepOrphanBlobsRequest(), ct)));
        group.MapPost("/verify", async Task<Ok<BlobCheckResult>> (VerifyBlobs verify, CancellationToken ct) =>
            TypedResults.Ok(await verify.ExecuteAsync(new VerifyBlobsRequest(), ct)));
        group.MapGet("/checks", async Task<Ok<IReadOnlyList<BlobCheckRow>>> (ListBlobChecks list, CancellationToken ct) =>
            TypedResults.Ok(await list.ExecuteAsync(new ListBlobChecksRequest(), ct)));
    }
}

/// <summary>Runs the sweeper and the verify job for every authority with the e-Akte, once per interval (default daily).</summary>
internal sealed class BlobMaintenanceService(IServiceProvider services, ITenantCatalog catalog, ICurrentTenant currentTenant, IOptions<CasesOptions> settings,
    ILogger<BlobMaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromHours(settings.Value.Blobs.MaintenanceIntervalHours);
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var tenant in (await catalog.ListAsync(stoppingToken)).Where(t => t.IsModuleEnabled(CasesModule.ModuleName)))
            {
                using var scope = currentTenant.Begin(tenant);
                await using var tenantServices = services.CreateAsyncScope();
                try
                {
                    var swept = await tenantServices.ServiceProvider.GetRequiredService<SweepOrphanBlobs>().ExecuteAsync(new SweepOrphanBlobsRequest(), stoppingToken);
                    var verified = await tenantServices.ServiceProvider.GetRequiredService<VerifyBlobs>().ExecuteAsync(new VerifyBlobsRequest(), stoppingToken);
                    if (verified.Problems.Count > 0)
                    {
                        logger.LogError("Blob verification of {Tenant} found {Count} missing or changed blobs", tenant.Key, verified.Problems.Count);
                    }

                    logger.LogInformation("Blob maintenance of {Tenant}: {Orphans} orphans removed, {Checked} blobs verified",
                        tenant.Key, swept.Problems.Count, verified.Checked);
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or Npgsql.NpgsqlException)
                {
                    logger.LogError(ex, "Blob maintenance of {Tenant} failed", tenant.Key);
                }
            }
        }
    }
}
