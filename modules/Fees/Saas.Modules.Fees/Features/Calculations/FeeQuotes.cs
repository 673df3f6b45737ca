using Saas.Modules.Fees.Features.Schedules;

namespace Saas.Modules.Fees.Features.Calculations;

/// <summary>The read contract an applicant's page calls before submission: the fee for a tariff line and facts, stored nowhere.</summary>
internal sealed class FeeQuotes(FeeCatalogue catalogue) : IFeeQuote
{
    public async Task<FeeQuote> QuoteAsync(FeeQuoteRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FeeCalculator.Calculate(await catalogue.CurrentAsync(ct), request);
    }
}
