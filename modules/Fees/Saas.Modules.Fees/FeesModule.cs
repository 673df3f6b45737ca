using Microsoft.Extensions.Configuration;
using Saas.Modules.Fees.Features.Calculations;
using Saas.Modules.Fees.Features.Payments;
using Saas.Modules.Fees.Features.Reconciliation;
using Saas.Modules.Fees.Features.Refunds;
using Saas.Modules.Fees.Features.Schedules;

namespace Saas.Modules.Fees;

/// <summary>
/// Fees as metadata (docs/adr/0027): the metadata kind <c>fee-schedule</c> (tariff lines with legal basis, amount and
/// validity; rules in the kernel's expression language), the federal schedule the platform publishes once for every
/// authority in <c>tenants/_platform/fees/</c>, an authority's own local lines, and a case's calculation with every line
/// explained in German and English, stored with the case (<c>fees.calculations</c>); online payments through one
/// provider interface (docs/adr/0030).
/// </summary>
public sealed class FeesModule : IModule
{
    public const string ModuleName = "fees";

    public string Name => ModuleName;

    public IReadOnlyList<SqlMigration> Migrations { get; } = SqlMigration.FromEmbeddedResources(typeof(FeesModule).Assembly, ModuleName);

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddTenantDbContext<FeesDbContext>();
        services.AddOptions<FeesOptions>().Bind(configuration.GetSection(FeesOptions.Section))
            .PostConfigure(o =>
            {
                o.TenantsPath ??= FeesOptions.FindTenantsPath(configuration["Saas:TenantsPath"]);
                o.Payments.PublicBaseUrl ??= configuration["Saas:PublicBaseUrl"];
            })
            .ValidateOnStart();
        services.AddScoped<IModuleSamples, Features.Samples.FeesSamples>();
        SchedulesFeature.AddServices(services);
        CalculationsFeature.AddServices(services);
        PaymentsFeature.AddServices(services);
        RefundsFeature.AddServices(services);
        ReconciliationFeature.AddServices(services);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        CalculationsFeature.Map(endpoints);
        PaymentsFeature.Map(endpoints);
        RefundsFeature.Map(endpoints);
        ReconciliationFeature.Map(endpoints);
    }

    /// <summary>
    /// The local payment provider of the embedded default (docs/adr/0030), mapped by the host outside any authority
    /// under <c>/_local-pay/</c>: the same XBezahldienste HTTP shape the adapter speaks, and the payer's page.
    /// </summary>
    public static void MapLocalPaymentProvider(IEndpointRouteBuilder app) => LocalPaymentProvider.Map(app);

    public void RegisterMetadataKinds(IMetadataKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        kinds.Add(FeeScheduleKind.Create());
    }
}
