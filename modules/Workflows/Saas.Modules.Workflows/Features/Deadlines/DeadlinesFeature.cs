namespace Saas.Modules.Workflows.Features.Deadlines;

/// <summary>Deadlines: the run (hourly in the background, or now by a tenant admin) (docs/adr/0012).</summary>
internal static class DeadlinesFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<RunDeadlines>();
        services.AddHostedService<DeadlineService>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/workflows/admin/deadlines/run", async Task<Ok<RunDeadlinesResult>> (RunDeadlines run, CancellationToken ct) =>
            TypedResults.Ok(await run.ExecuteAsync(new RunDeadlinesRequest(), ct)))
            .WithTags("Workflows: operations").RequireAuthorization(SaasPolicies.TenantAdmin);
    }
}
