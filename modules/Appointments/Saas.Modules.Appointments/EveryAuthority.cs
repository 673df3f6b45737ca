using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments;

/// <summary>
/// The module's periodic work (expiry reminders, lapsed waitlist offers): every <c>minutes</c>, once per authority with
/// the module, inside its scope and a service scope of its own; one authority's failure is logged and the others go on.
/// </summary>
internal static class EveryAuthority
{
    public static async Task RunAsync(IServiceProvider services, ITenantCatalog tenants, ICurrentTenant currentTenant, ILogger logger, string what, int minutes,
        Func<IServiceProvider, CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        if (minutes == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var tenant in (await tenants.ListAsync(stoppingToken)).Where(t => t.IsModuleEnabled(AppointmentsModule.ModuleName)))
            {
                using var scope = currentTenant.Begin(tenant);
                await using var tenantServices = services.CreateAsyncScope();
                try
                {
                    await work(tenantServices.ServiceProvider, stoppingToken);
                }
                catch (Exception ex) when (ex is InvalidOperationException or Npgsql.NpgsqlException or DbUpdateException or Saas.Platform.Errors.SaasProblemException)
                {
                    logger.LogError(ex, "{What} of {Tenant} failed", what, tenant.Key);
                }
            }
        }
    }
}
