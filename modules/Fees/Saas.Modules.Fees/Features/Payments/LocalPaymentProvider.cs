using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Saas.Modules.Fees.Features.Payments;

/// <summary>A transaction of the local provider; tests may change it to play a misbehaving provider.</summary>
internal sealed class LocalTransaction
{
    public required string TransactionId { get; init; }

    public required string OriginatorId { get; init; }

    public required string EndPointId { get; init; }

    public required WirePaymentRequest Request { get; set; }

    public required string Reference { get; init; }

    public ProviderStatus Status { get; set; } = ProviderStatus.Initial;

    public string? PaidAt { get; set; }

    /// <summary>Extra members written into the answer (tests: an unknown field must be refused).</summary>
    public Dictionary<string, string> ExtraInformation { get; } = new(StringComparer.Ordinal);

    /// <summary>Written instead of the status when set (tests: an unknown status must be refused).</summary>
    public string? StatusOverride { get; set; }
}

/// <summary>The local provider's transactions (in memory: the embedded default is for development and tests).</summary>
internal sealed class LocalPaymentStore
{
    private readonly ConcurrentDictionary<string, LocalTransaction> byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> byRequest = new(StringComparer.Ordinal);
    private int counter;

    public LocalTransaction? Find(string transactionId) => byId.GetValueOrDefault(transactionId);

    public bool Forget(string transactionId) => byId.TryRemove(transactionId, out _);

    public (LocalTransaction Transaction, bool Created) GetOrAdd(string originatorId, string endPointId, WirePaymentRequest request, DateTimeOffset now)
    {
        lock (byRequest)
        {
            var key = $"{originatorId}/{endPointId}/{request.RequestId}";
            if (byRequest.TryGetValue(key, out var id) && byId.TryGetValue(id, out var existing))
            {
                return (existing, false);
            }

            var transaction = new LocalTransaction
            {
                TransactionId = Guid.NewGuid().ToString("N"),
                OriginatorId = originatorId,
                EndPointId = endPointId,
                Request = request,
                Reference = string.Create(CultureInfo.InvariantCulture, $"KZ-{now:yyyyMMdd}-{Interlocked.Increment(ref counter):D6}"),
            };
            byId[transaction.TransactionId] = transaction;
            byRequest[key] = transaction.TransactionId;
            return (transaction, true);
        }
    }
}

/// <summary>
/// The local payment provider of the embedded default (docs/adr/0030): a small service on the host under
/// <c>/_local-pay/</c> that speaks the same HTTP shape as XBezahldienste (create, read by id; no callback), and a payer
/// page where the person chooses to pay, to fail or to cancel, then is sent back to the <c>redirectUrl</c>. The
/// adapter is the same against it as against a real provider. Outside any authority, anonymous, like a provider's page.
/// </summary>
internal static class LocalPaymentProvider
{
    public static void Map(IEndpointRouteBuilder app, string prefix = PaymentsOptions.LocalPrefix)
    {
        var group = app.MapGroup(prefix).AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/paymenttransaction/{originatorId}/{endPointId}", CreateAsync);
        group.MapGet("/paymenttransaction/{originatorId}/{endPointId}/{transactionId}", (string originatorId, string endPointId, string transactionId, HttpContext http, LocalPaymentStore store) =>
            store.Find(transactionId) is { } t && t.OriginatorId == originatorId && t.EndPointId == endPointId
                ? Results.Json(Answer(t, http, prefix), statusCode: StatusCodes.Status200OK)
                : Results.NotFound());
        group.MapGet("/pay/{transactionId}", (string transactionId, LocalPaymentStore store) =>
            store.Find(transactionId) is { } t ? Results.Content(Page(t, prefix), "text/html; charset=utf-8") : Results.NotFound());
        group.MapPost("/pay/{transactionId}/{outcome}", (string transactionId, string outcome, LocalPaymentStore store, TimeProvider clock) =>
        {
            if (store.Find(transactionId) is not { } t)
            {
                return Results.NotFound();
            }

            var next = outcome switch { "pay" => ProviderStatus.Payed, "fail" => ProviderStatus.Failed, "cancel" => ProviderStatus.Canceled, _ => (ProviderStatus?)null };
            if (next is null)
            {
                return Results.BadRequest();
            }

            if (t.Status == ProviderStatus.Initial)
            {
                t.Status = next.Value;
                t.PaidAt = next == ProviderStatus.Payed ? clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : null;
            }

            return Results.Redirect(t.Request.RedirectUrl!, permanent: false, preserveMethod: false);
        });
    }

    private static async Task<IResult> CreateAsync(string originatorId, string endPointId, HttpContext http, LocalPaymentStore store, TimeProvider clock)
    {
        WirePaymentRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<WirePaymentRequest>(http.Request.Body, XBezahldiensteJson.Options, http.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (request is null || string.IsNullOrWhiteSpace(request.RequestId) || request.RequestId.Length > XBezahldiensteProvider.RequestIdLength
            || request.GrosAmount is not > 0m || request.Currency != ProviderPaymentRequest.Currency || request.Purpose is not { Length: > 0 and <= XBezahldiensteProvider.PurposeLength }
            || !Uri.TryCreate(request.RedirectUrl, UriKind.Absolute, out _))
        {
            return Results.BadRequest();
        }

        var (transaction, created) = store.GetOrAdd(originatorId, endPointId, request, clock.GetUtcNow());
        if (!created && transaction.Request.GrosAmount != request.GrosAmount)
        {
            return Results.Conflict();
        }

        return Results.Json(Answer(transaction, http, ""), statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>The transaction as XBezahldienste answers it; the redirect to the payer page only while it is open.</summary>
    private static JsonObject Answer(LocalTransaction t, HttpContext http, string prefix)
    {
        var root = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{(prefix.Length > 0 ? prefix : PrefixOf(http))}";
        var information = new JsonObject
        {
            ["transactionUrl"] = $"{root}/paymenttransaction/{t.OriginatorId}/{t.EndPointId}/{t.TransactionId}",
            ["transactionId"] = t.TransactionId,
            ["transactionReference"] = t.Reference,
            ["status"] = t.StatusOverride ?? XBezahldiensteJson.Status(t.Status),
        };
        if (t.Status == ProviderStatus.Initial)
        {
            information["transactionRedirectUrl"] = $"{root}/pay/{t.TransactionId}";
        }

        if (t.PaidAt is not null)
        {
            information["transactionTimestamp"] = t.PaidAt;
            information["paymentMethod"] = "CREDITCARD";
        }

        foreach (var (name, value) in t.ExtraInformation)
        {
            information[name] = value;
        }

        return new JsonObject
        {
            ["paymentInformation"] = information,
            ["paymentRequest"] = JsonSerializer.SerializeToNode(t.Request, XBezahldiensteJson.Options),
        };
    }

    /// <summary>The prefix of a create call: its path up to <c>/paymenttransaction/</c>.</summary>
    private static string PrefixOf(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var at = path.IndexOf("/paymenttransaction/", StringComparison.Ordinal);
        return at < 0 ? PaymentsOptions.LocalPrefix : path[..at];
    }

    private static string Page(LocalTransaction t, string prefix)
    {
        string T(string key) => WebUtility.HtmlEncode(TextCatalog.Shared.Format(new LocalizedText(key)));
        var amount = (t.Request.GrosAmount ?? 0m).ToString("0.00", CultureInfo.GetCultureInfo("de-DE"));
        var state = t.Status == ProviderStatus.Initial
            ? $"""
              <form method="post" action="{prefix}/pay/{t.TransactionId}/pay"><button type="submit">{T("fees.localpay.pay")}</button></form>
              <form method="post" action="{prefix}/pay/{t.TransactionId}/fail"><button type="submit">{T("fees.localpay.fail")}</button></form>
              <form method="post" action="{prefix}/pay/{t.TransactionId}/cancel"><button type="submit">{T("fees.localpay.cancel")}</button></form>
              """
            : $"<p>{T("fees.localpay.done")}</p>";
        return $"""
            <!doctype html>
            <html lang="de"><head><meta charset="utf-8"><title>{T("fees.localpay.title")}</title></head>
            <body><main>
            <h1>{T("fees.localpay.title")}</h1>
            <p>{WebUtility.HtmlEncode(t.Request.Purpose)}: {amount} EUR ({WebUtility.HtmlEncode(t.Reference)})</p>
            {state}
            </main></body></html>
            """;
    }
}
