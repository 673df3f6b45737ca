using System.Text.Json.Serialization;

namespace Saas.Modules.Fees.Features.Payments;

/// <summary>
/// The XBezahldienste REST shapes as published (docs/adr/0030: field names from the OZG reference models as the Gover
/// online service implements them): a payment transaction is its request (<c>paymentRequest</c>) and the provider's
/// information (<c>paymentInformation</c>). Read strictly: a field the adapter does not know is refused.
/// </summary>
internal sealed record WirePaymentTransaction(
    [property: JsonPropertyName("paymentInformation")] WirePaymentInformation? PaymentInformation,
    [property: JsonPropertyName("paymentRequest")] WirePaymentRequest? PaymentRequest);

internal sealed record WirePaymentRequest(
    [property: JsonPropertyName("requestId")] string? RequestId,
    [property: JsonPropertyName("requestTimestamp")] string? RequestTimestamp,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("grosAmount")] decimal? GrosAmount,
    [property: JsonPropertyName("purpose")] string? Purpose,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("redirectUrl")] string? RedirectUrl,
    [property: JsonPropertyName("items")] IReadOnlyList<WirePaymentItem>? Items,
    [property: JsonPropertyName("requestor")] WireRequestor? Requestor);

internal sealed record WirePaymentItem(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("reference")] string? Reference,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("taxRate")] decimal? TaxRate,
    [property: JsonPropertyName("quantity")] int? Quantity,
    [property: JsonPropertyName("totalNetAmount")] decimal? TotalNetAmount,
    [property: JsonPropertyName("totalTaxAmount")] decimal? TotalTaxAmount,
    [property: JsonPropertyName("singleNetAmount")] decimal? SingleNetAmount,
    [property: JsonPropertyName("singleTaxAmount")] decimal? SingleTaxAmount,
    [property: JsonPropertyName("bookingData")] IReadOnlyDictionary<string, string>? BookingData);

internal sealed record WireRequestor(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("address")] JsonObject? Address);

internal sealed record WirePaymentInformation(
    [property: JsonPropertyName("transactionUrl")] string? TransactionUrl,
    [property: JsonPropertyName("transactionRedirectUrl")] string? TransactionRedirectUrl,
    [property: JsonPropertyName("transactionId")] string? TransactionId,
    [property: JsonPropertyName("transactionReference")] string? TransactionReference,
    [property: JsonPropertyName("transactionTimestamp")] string? TransactionTimestamp,
    [property: JsonPropertyName("paymentMethod")] string? PaymentMethod,
    [property: JsonPropertyName("paymentMethodDetail")] string? PaymentMethodDetail,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("statusDetail")] string? StatusDetail);

internal static class XBezahldiensteJson
{
    /// <summary>Strict: unknown members are refused (not silently dropped), numbers are JSON numbers.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Options = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Status(ProviderStatus status) => status switch
    {
        ProviderStatus.Initial => "INITIAL",
        ProviderStatus.Payed => "PAYED",
        ProviderStatus.Failed => "FAILED",
        _ => "CANCELED",
    };

    public static ProviderStatus? ParseStatus(string? text) => text switch
    {
        "INITIAL" => ProviderStatus.Initial,
        "PAYED" => ProviderStatus.Payed,
        "FAILED" => ProviderStatus.Failed,
        "CANCELED" => ProviderStatus.Canceled,
        _ => null,
    };
}
