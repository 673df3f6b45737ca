namespace Saas.Modules.Workflows.Features.Versions;

/// <summary>Running cases and new versions: the plan and the explicit move (docs/adr/0012, 0024).</summary>
internal static class VersionsFeature
{
    internal sealed record MigrateBody(int FromVersion, Dictionary<string, string>? States);

    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<PlanMigration>();
        services.AddScoped<MigrateInstances>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/workflows/processes/{key}/migration").WithTags("Workflows: versions").RequireAuthorization(SaasPolicies.TenantAdmin);
        group.MapGet("", async Task<Ok<MigrationPlan>> (string key, int from, PlanMigration plan, CancellationToken ct) =>
            TypedResults.Ok(await plan.ExecuteAsync(new PlanMigrationRequest(key, from), ct)));
        group.MapPost("", async Task<Ok<MigrateInstancesResult>> (string key, MigrateBody body, MigrateInstances migrate, CancellationToken ct) =>
            TypedResults.Ok(await migrate.ExecuteAsync(new MigrateInstancesRequest(key, body.FromVersion, body.States), ct)));
    }
}
