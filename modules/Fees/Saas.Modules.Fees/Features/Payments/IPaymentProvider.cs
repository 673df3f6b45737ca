namespace Saas.Modules.Fees.Features.Payments;

/// <summary>The account a payment goes to: the provider's REST base, originator and end point (docs/adr/0030).</summary>
internal sealed record PaymentAccount(Uri BaseUrl, string OriginatorId, string EndPointId, string? BearerToken);

/// <summary>One line of a payment (a tariff line of the calculation): no VAT on administrative fees.</summary>
internal sealed record ProviderItem(string Id, string Reference, string Description, decimal Amount);

/// <summary>What is asked of the provider; the amount is the stored calculation's, never the client's.</summary>
internal sealed record ProviderPaymentRequest(string RequestId, DateTimeOffset RequestedAt, decimal Amount, string Purpose, string? Description,
    Uri RedirectUrl, IReadOnlyList<ProviderItem> Items, string RequestorId, string? RequestorName)
{
    public const string Currency = "EUR";
}

/// <summary>The provider's states (XBezahldienste <c>INITIAL</c>, <c>PAYED</c>, <c>FAILED</c>, <c>CANCELED</c>).</summary>
internal enum ProviderStatus
{
    Initial,
    Payed,
    Failed,
    Canceled,
}

/// <summary>
/// A transaction as the provider answers it: its id, the Kassenzeichen (<paramref name="TransactionReference"/>), where
/// to send the payer while it is open, its status, and what it echoes of the request (request id and amount).
/// </summary>
internal sealed record ProviderTransaction(string TransactionId, string? TransactionReference, Uri? RedirectUrl, ProviderStatus Status, string? RequestId,
    decimal? Amount, string? PaymentMethod, string? StatusDetail);

/// <summary>
/// One interface for online payment providers (docs/adr/0030). The XBezahldienste adapter implements it over HTTP, and
/// the embedded default is the same adapter against the local provider on this host, so one code path is tested.
/// </summary>
internal interface IPaymentProvider
{
    /// <summary>Creates a transaction; the provider is idempotent on <see cref="ProviderPaymentRequest.RequestId"/>.</summary>
    Task<ProviderTransaction> CreateAsync(PaymentAccount account, ProviderPaymentRequest request, CancellationToken ct);

    /// <summary>The transaction's current state; null when the provider does not know it.</summary>
    Task<ProviderTransaction?> GetAsync(PaymentAccount account, string transactionId, CancellationToken ct);
}
