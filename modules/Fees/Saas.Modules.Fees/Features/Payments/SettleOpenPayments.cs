using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Fees.Features.Payments;

/// <summary>Poll the open payments older than <paramref name="OlderThan"/> (the payer never came back).</summary>
internal sealed record SettleOpenPaymentsRequest(TimeSpan OlderThan);

internal sealed record SettleOpenPaymentsResult(int Polled, int Settled, int Refused);

/// <summary>
/// Settles abandoned payments late (docs/adr/0030): every online payment still open after the given age is polled,
/// as <c>system:payments</c>; one the provider has settled becomes paid, failed or cancelled, a refused answer is
/// recorded and the next payment is polled.
/// </summary>
internal sealed class SettleOpenPayments(FeesDbContext db, PollPayment poll, ICurrentActor actor, TimeProvider clock)
{
    public const int Batch = 200;

    public async Task<SettleOpenPaymentsResult> ExecuteAsync(SettleOpenPaymentsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var job = actor.BeginJob("payments");
        var before = clock.GetUtcNow() - request.OlderThan;
        var open = await db.Payments.AsNoTracking().Where(p => p.Status == PaymentStatus.Initial && p.Location == Payment.Online && p.CreatedAt <= before)
            .OrderBy(p => p.CreatedAt).Select(p => p.Id).Take(Batch).ToListAsync(ct);
        var settled = 0;
        var refused = 0;
        foreach (var id in open)
        {
            try
            {
                var view = await poll.ExecuteAsync(new PollPaymentRequest(id, "settle"), ct);
                settled += view.Status == PaymentStatus.Initial.Value ? 0 : 1;
            }
            catch (SaasProblemException)
            {
                db.ChangeTracker.Clear();
                refused++;
            }
        }

        return new SettleOpenPaymentsResult(open.Count, settled, refused);
    }
}

/// <summary>Settles every authority's abandoned payments once per interval (default every ten minutes), where Fees is switched on.</summary>
internal sealed class PaymentSettlementService(IServiceProvider services, ITenantCatalog tenants, ICurrentTenant currentTenant, IOptions<FeesOptions> options,
    ILogger<PaymentSettlementService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.Payments;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, o.PollIntervalMinutes)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var tenant in (await tenants.ListAsync(stoppingToken)).Where(t => t.IsModuleEnabled(FeesModule.ModuleName)))
            {
                using var scope = currentTenant.Begin(tenant);
                await using var tenantServices = services.CreateAsyncScope();
                try
                {
                    var result = await tenantServices.ServiceProvider.GetRequiredService<SettleOpenPayments>()
                        .ExecuteAsync(new SettleOpenPaymentsRequest(TimeSpan.FromMinutes(o.SettleAfterMinutes)), stoppingToken);
                    if (result.Polled > 0)
                    {
                        logger.LogInformation("Open payments of {Tenant}: {Polled} polled, {Settled} settled, {Refused} refused", tenant.Key, result.Polled, result.Settled, result.Refused);
                    }
                }
                catch (Exception ex) when (ex is InvalidOperationException or Npgsql.NpgsqlException or DbUpdateException)
                {
                    logger.LogError(ex, "Open payments of {Tenant} could not be settled", tenant.Key);
                }
            }
        }
    }
}
