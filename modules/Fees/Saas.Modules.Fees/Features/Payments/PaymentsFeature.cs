using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Saas.Modules.Fees.Features.Payments;

/// <summary>
/// Online payments (docs/adr/0030): one provider interface with the XBezahldienste adapter (typed client, timeout,
/// retry of the idempotent GET only), the local provider's store, the use cases and the poller.
/// </summary>
internal static class PaymentsFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddHttpClient<IPaymentProvider, XBezahldiensteProvider>((sp, http) =>
                http.Timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<FeesOptions>>().Value.Payments.TimeoutSeconds)))
            .AddResilienceHandler("fees-payment-provider", pipeline =>
            {
                var retry = new HttpRetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(200), UseJitter = true };
                // A create is not repeated: the provider would see it twice. A status read may be.
                retry.DisableForUnsafeHttpMethods();
                pipeline.AddRetry(retry);
            });
        services.AddSingleton<LocalPaymentStore>();
        services.AddScoped<PaymentAccounts>();
        services.AddScoped<StartPayment>();
        services.AddScoped<PollPayment>();
        services.AddScoped<ReadPayment>();
        services.AddScoped<ReadPayments>();
        services.AddScoped<ReturnFromProvider>();
        services.AddScoped<SettleOpenPayments>();
        services.AddScoped<IFeePaymentPolicy, PaymentPolicies>();
        services.AddHostedService<PaymentSettlementService>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => PaymentsEndpoints.Map(endpoints);
}
