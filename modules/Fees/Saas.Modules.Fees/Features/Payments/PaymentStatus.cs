namespace Saas.Modules.Fees.Features.Payments;

/// <summary>
/// A payment's state as a type (docs/adr/0012): open (<c>initial</c>) until the provider says it was paid, failed or
/// cancelled; those three are final. A state never goes back (a PAYED transaction answered as INITIAL is refused).
/// </summary>
internal sealed class PaymentStatus
{
    public static readonly PaymentStatus Initial = new("initial");
    public static readonly PaymentStatus Payed = new("payed");
    public static readonly PaymentStatus Failed = new("failed");
    public static readonly PaymentStatus Canceled = new("canceled");

    private PaymentStatus(string value) => Value = value;

    public string Value { get; }

    public bool IsFinal => this != Initial;

    public bool CanBecome(PaymentStatus next) => this == Initial && next != Initial;

    public static PaymentStatus Parse(string value) => value switch
    {
        "initial" => Initial,
        "payed" => Payed,
        "failed" => Failed,
        "canceled" => Canceled,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a payment status"),
    };

    public static PaymentStatus Of(ProviderStatus status) => status switch
    {
        ProviderStatus.Initial => Initial,
        ProviderStatus.Payed => Payed,
        ProviderStatus.Failed => Failed,
        _ => Canceled,
    };

    public LocalizedText DisplayName => new("fees.payment.status." + Value);

    public override string ToString() => Value;
}
