namespace Saas.Modules.Fees.Features.Schedules;

/// <summary>The platform's federal schedule (read and checked at start) and the current authority's applicable schedule.</summary>
internal static class SchedulesFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<PlatformFeeSchedules>();
        services.AddHostedService<PlatformFeeSchedulesCheck>();
        services.AddSingleton<CompiledSchedules>();
        services.AddScoped<FeeCatalogue>();
    }
}
