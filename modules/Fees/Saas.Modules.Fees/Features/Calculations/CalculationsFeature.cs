namespace Saas.Modules.Fees.Features.Calculations;

/// <summary>A case's fee: calculate it, store it with the case, read it back; the quote contract for applicants' pages (docs/adr/0012).</summary>
internal static class CalculationsFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<CalculateFee>();
        services.AddScoped<ReadCalculations>();
        services.AddScoped<ReadCalculation>();
        services.AddScoped<IFeeQuote, FeeQuotes>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => CalculationsEndpoints.Map(endpoints);
}
