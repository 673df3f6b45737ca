namespace Saas.Modules.Fees.Contracts;

/// <summary>
/// When a service's fee is paid online (docs/adr/0030), as the tariff line of its schedule says (<c>payment</c>): not at
/// all, if the applicant wants to, before the application can be submitted, or after submission.
/// </summary>
public static class FeePaymentPolicies
{
    public const string None = "none";
    public const string Optional = "optional";
    public const string BeforeSubmission = "before-submission";
    public const string Afterwards = "afterwards";

    public static IReadOnlyList<string> All { get; } = [None, Optional, BeforeSubmission, Afterwards];
}

/// <summary>The payment policy of a tariff line on a date, with the amount it would cost (the line's base).</summary>
public sealed record FeePaymentPolicy(string Tariff, DateOnly Date, string Policy);

/// <summary>
/// What online applications read before submission: whether and when a service's fee is to be paid online, from the
/// platform's and the authority's schedules (the tariff line's <c>payment</c>). Stores nothing.
/// </summary>
public interface IFeePaymentPolicy
{
    Task<FeePaymentPolicy> PolicyAsync(string tariff, DateOnly date, CancellationToken ct = default);
}
