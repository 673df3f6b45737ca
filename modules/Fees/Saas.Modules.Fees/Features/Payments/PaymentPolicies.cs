using Saas.Modules.Fees.Features.Schedules;

namespace Saas.Modules.Fees.Features.Payments;

/// <summary>The Fees contract online applications read: a service's payment policy from its tariff line (<c>payment</c>).</summary>
internal sealed class PaymentPolicies(FeeCatalogue catalogue) : IFeePaymentPolicy
{
    public async Task<FeePaymentPolicy> PolicyAsync(string tariff, DateOnly date, CancellationToken ct = default)
    {
        var schedule = await catalogue.CurrentAsync(ct);
        var line = schedule.Lines.FirstOrDefault(l => l.Code == tariff && l.ValidOn(date)) ?? throw FeesProblems.TariffNotFound(tariff ?? "", date);
        return new FeePaymentPolicy(line.Code, date, line.Payment);
    }
}
