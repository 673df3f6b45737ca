using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Saas.Modules.Fees.Features.Payments;

/// <summary>
/// The XBezahldienste adapter (docs/adr/0030) over a typed <see cref="HttpClient"/>: creates a transaction with
/// <c>POST {base}paymenttransaction/{originatorId}/{endPointId}</c> and reads it with
/// <c>GET {base}paymenttransaction/{originatorId}/{endPointId}/{transactionId}</c> (there is no push callback). The client
/// has a timeout and retries only the idempotent GET (see <see cref="PaymentsFeature"/>). An answer larger than
/// <see cref="PaymentsOptions.MaxAnswerBytes"/>, not JSON, with a field or status this adapter does not know, or without
/// a transaction id is refused with the request and the JSON path it failed at.
/// </summary>
internal sealed partial class XBezahldiensteProvider(HttpClient http, IOptions<FeesOptions> options) : IPaymentProvider
{
    /// <summary>At most 27 characters, as the published request allows; letters, digits, blank and hyphen.</summary>
    public const int PurposeLength = 27;

    public const int RequestIdLength = 36;

    public async Task<ProviderTransaction> CreateAsync(PaymentAccount account, ProviderPaymentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Purpose.Length is 0 or > PurposeLength || !PurposePattern().IsMatch(request.Purpose))
        {
            throw FeesProblems.PaymentPurposeInvalid(request.Purpose);
        }

        if (request.RequestId.Length > RequestIdLength || request.Amount <= 0 || request.Amount > 999_999m)
        {
            throw FeesProblems.PaymentRequestInvalid(request.RequestId);
        }

        var body = new WirePaymentRequest(request.RequestId, request.RequestedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ProviderPaymentRequest.Currency, request.Amount, request.Purpose, request.Description, request.RedirectUrl.ToString(),
            [.. request.Items.Select(i => new WirePaymentItem(i.Id, i.Reference, i.Description, 0m, 1, i.Amount, 0m, i.Amount, 0m, null))],
            new WireRequestor(request.RequestorId, request.RequestorName, null, null));
        var url = Url(account, null);
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, XBezahldiensteJson.Options), Encoding.UTF8, "application/json"),
        };
        var (status, transaction) = await SendAsync(account, message, ct);
        if (status is not (HttpStatusCode.OK or HttpStatusCode.Created) || transaction is null)
        {
            throw FeesProblems.ProviderRefused("POST " + url, (int)status);
        }

        return transaction;
    }

    public async Task<ProviderTransaction?> GetAsync(PaymentAccount account, string transactionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionId);
        var url = Url(account, transactionId);
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        var (status, transaction) = await SendAsync(account, message, ct);
        return status switch
        {
            HttpStatusCode.NotFound => null,
            HttpStatusCode.OK when transaction is not null => transaction,
            _ => throw FeesProblems.ProviderRefused("GET " + url, (int)status),
        };
    }

    private static Uri Url(PaymentAccount account, string? transactionId)
    {
        var path = $"paymenttransaction/{Uri.EscapeDataString(account.OriginatorId)}/{Uri.EscapeDataString(account.EndPointId)}";
        return new Uri(account.BaseUrl, transactionId is null ? path : path + "/" + Uri.EscapeDataString(transactionId));
    }

    private async Task<(HttpStatusCode Status, ProviderTransaction? Transaction)> SendAsync(PaymentAccount account, HttpRequestMessage message, CancellationToken ct)
    {
        var where = message.Method + " " + message.RequestUri;
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (account.BearerToken is { Length: > 0 } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException && !ct.IsCancellationRequested)
        {
            throw FeesProblems.ProviderUnreachable(where, ex.Message);
        }

        using (response)
        {
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                return (response.StatusCode, null);
            }

            var limit = options.Value.Payments.MaxAnswerBytes;
            if (response.Content.Headers.ContentLength > limit)
            {
                throw FeesProblems.ProviderAnswerInvalid(where, "$", $"{response.Content.Headers.ContentLength} bytes > {limit}");
            }

            var bytes = await ReadLimitedAsync(response.Content, limit, where, ct);
            return (response.StatusCode, Parse(bytes, where));
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, int limit, string where, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw FeesProblems.ProviderAnswerInvalid(where, "$", $"more than {limit} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    internal static ProviderTransaction Parse(byte[] bytes, string where)
    {
        WirePaymentTransaction? wire;
        try
        {
            wire = JsonSerializer.Deserialize<WirePaymentTransaction>(bytes, XBezahldiensteJson.Options);
        }
        catch (JsonException ex)
        {
            throw FeesProblems.ProviderAnswerInvalid(where, ex.Path ?? "$", ex.Message);
        }

        var info = wire?.PaymentInformation ?? throw FeesProblems.ProviderAnswerInvalid(where, "$.paymentInformation", "missing");
        if (string.IsNullOrWhiteSpace(info.TransactionId))
        {
            throw FeesProblems.ProviderAnswerInvalid(where, "$.paymentInformation.transactionId", "missing");
        }

        var status = XBezahldiensteJson.ParseStatus(info.Status)
            ?? throw FeesProblems.ProviderAnswerInvalid(where, "$.paymentInformation.status", $"unknown status '{info.Status}' (known: INITIAL, PAYED, FAILED, CANCELED)");
        Uri? redirect = null;
        if (info.TransactionRedirectUrl is { Length: > 0 } text && !Uri.TryCreate(text, UriKind.Absolute, out redirect))
        {
            throw FeesProblems.ProviderAnswerInvalid(where, "$.paymentInformation.transactionRedirectUrl", "not an absolute URL");
        }

        if (wire.PaymentRequest?.Currency is { } currency && currency != ProviderPaymentRequest.Currency)
        {
            throw FeesProblems.ProviderAnswerInvalid(where, "$.paymentRequest.currency", currency);
        }

        return new ProviderTransaction(info.TransactionId, info.TransactionReference, redirect, status, wire.PaymentRequest?.RequestId, wire.PaymentRequest?.GrosAmount,
            info.PaymentMethod, info.StatusDetail);
    }

    [GeneratedRegex("^[A-Za-z0-9 \\-]+$")]
    private static partial Regex PurposePattern();
}
