using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saas.Platform.Identity;
using Saas.Platform.Modules;
using Saas.Platform.Outbox;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments.Features.Reminders;

/// <summary>
/// Expiry reminders (issue 15, item 4; docs/adr/0038): the figures of each reminder and a run by hand for staff; every
/// authority's reminders run on their own every <c>Appointments:ReminderIntervalMinutes</c>; letters come from the outbox.
/// </summary>
internal static class RemindersFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IConfigurationSetCheck, ExpiryReminderReferences>();
        services.AddScoped<ExpiryReminders>();
        services.AddScoped<RunReminders>();
        services.AddScoped<ReadReminders>();
        services.AddIntegrationEventHandler<ReminderLetterDue, ProduceReminderLetter>();
        services.AddHostedService<ReminderService>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/appointments/reminders").WithTags("Appointments: expiry reminders").RequireAuthorization(SaasPolicies.Staff);
        group.MapGet("", async Task<Ok<IReadOnlyList<ReminderFigures>>> (ReadReminders read, CancellationToken ct) => TypedResults.Ok(await read.ListAsync(ct)));
        group.MapGet("/{key}", async Task<Ok<ReminderFigures>> (string key, ReadReminders read, CancellationToken ct) => TypedResults.Ok(await read.ReadAsync(key, ct)));
        group.MapPost("/{key}/run", async Task<Ok<RunRemindersResult>> (string key, RunRemindersRequest? body, RunReminders run, CancellationToken ct) =>
            TypedResults.Ok(await run.ExecuteAsync(key, body ?? new RunRemindersRequest(), ct)));
    }
}

/// <summary>Runs every expiry reminder of every authority with Appointments switched on, once per interval (0 = only by hand).</summary>
internal sealed class ReminderService(IServiceProvider services, ITenantCatalog tenants, ICurrentTenant currentTenant, IOptions<AppointmentsOptions> options,
    ILogger<ReminderService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        EveryAuthority.RunAsync(services, tenants, currentTenant, logger, "Expiry reminders", options.Value.ReminderIntervalMinutes, async (provider, ct) =>
        {
            foreach (var reminder in await provider.GetRequiredService<ExpiryReminders>().ListAsync(ct))
            {
                await provider.GetRequiredService<RunReminders>().ExecuteAsync(reminder.Key, new RunRemindersRequest(), ct);
            }
        }, stoppingToken);
}
