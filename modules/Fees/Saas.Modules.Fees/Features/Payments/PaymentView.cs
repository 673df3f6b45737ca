namespace Saas.Modules.Fees.Features.Payments;

/// <summary>One change or refused answer of a payment.</summary>
internal sealed record PaymentEventView(DateTimeOffset At, string Kind, string? FromStatus, string? ToStatus, string? Detail, string Actor);

/// <summary>A payment as the API shows it; <see cref="PayUrl"/> is where to send the payer while it is open.</summary>
internal sealed record PaymentView(Guid Id, Guid CalculationId, Guid CaseId, string Tariff, int Attempt, string RequestId, string Location,
    string TransactionId, string? TransactionReference, string? PayUrl, decimal Amount, string Currency, string Purpose, string Status,
    string? PaymentMethod, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? SettledAt, IReadOnlyList<PaymentEventView>? Events)
{
    public static PaymentView Of(Payment p, IReadOnlyList<PaymentEvent>? events = null) => new(p.Id, p.CalculationId, p.CaseId, p.Tariff, p.Attempt,
        p.RequestId, p.Location, p.TransactionId, p.TransactionReference, p.Status.IsFinal ? null : p.PayUrl, p.Amount, p.Currency, p.Purpose,
        p.Status.Value, p.PaymentMethod, p.CreatedAt, p.CreatedBy, p.SettledAt,
        events?.Select(e => new PaymentEventView(e.At, e.Kind, e.FromStatus, e.ToStatus, e.Detail, e.Actor)).ToList());
}
