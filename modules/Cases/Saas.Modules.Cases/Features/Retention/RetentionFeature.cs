namespace Saas.Modules.Cases.Features.Retention;

/// <summary>Legal holds and deletion runs: services and endpoints; the module calls these two lines (docs/adr/0012).</summary>
internal static class RetentionFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<ListLegalHolds>();
        services.AddScoped<ReadLegalHold>();
        services.AddScoped<PlaceLegalHold>();
        services.AddScoped<ReleaseLegalHold>();
        services.AddScoped<ProposeRetentionRun>();
        services.AddScoped<ListRetentionRuns>();
        services.AddScoped<ReadRetentionRun>();
        services.AddScoped<ApproveRetentionRun>();
        services.AddScoped<CancelRetentionRun>();
        services.AddScoped<ExecuteRetentionRun>();
        services.AddScoped<ReadFileSummary>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => RetentionEndpoints.Map(endpoints);
}
