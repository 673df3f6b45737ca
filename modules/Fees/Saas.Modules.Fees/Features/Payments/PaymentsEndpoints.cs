namespace Saas.Modules.Fees.Features.Payments;

/// <summary>Start a calculation's payment, read payments, poll one, settle the open ones; the payer's return (anonymous).</summary>
internal static class PaymentsEndpoints
{
    internal sealed record StartBody(string? RequestorName);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/fees").WithTags("Fees").RequireAuthorization(SaasPolicies.Staff);
        group.MapPost("/calculations/{id:guid}/payments", async Task<Results<Created<PaymentView>, Ok<PaymentView>>> (Guid id, StartBody? body, StartPayment start, CancellationToken ct) =>
        {
            var result = await start.ExecuteAsync(new StartPaymentRequest(id, body?.RequestorName), ct);
            return result.Created ? TypedResults.Created($"/api/fees/payments/{result.Payment.Id}", result.Payment) : TypedResults.Ok(result.Payment);
        });
        group.MapGet("/calculations/{id:guid}/payments", async Task<Ok<IReadOnlyList<PaymentView>>> (Guid id, ReadPayments read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadPaymentsRequest(id), ct)));
        group.MapGet("/payments/{id:guid}", async Task<Ok<PaymentView>> (Guid id, ReadPayment read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadPaymentRequest(id), ct)));
        group.MapPost("/payments/{id:guid}/poll", async Task<Ok<PaymentView>> (Guid id, PollPayment poll, CancellationToken ct) =>
            TypedResults.Ok(await poll.ExecuteAsync(new PollPaymentRequest(id, "poll"), ct)));
        group.MapPost("/payments/settle", async Task<Ok<SettleOpenPaymentsResult>> (int? olderThanMinutes, SettleOpenPayments settle, IOptions<FeesOptions> options, CancellationToken ct) =>
            TypedResults.Ok(await settle.ExecuteAsync(new SettleOpenPaymentsRequest(TimeSpan.FromMinutes(Math.Max(0, olderThanMinutes ?? options.Value.Payments.SettleAfterMinutes))), ct)));

        // The provider sends the payer's browser back here; it only triggers a poll (docs/adr/0030).
        endpoints.MapGroup("/api/fees").WithTags("Fees").AllowAnonymous()
            .MapGet("/payments/{id:guid}/return", async Task<Ok<PaymentReturnView>> (Guid id, ReturnFromProvider back, CancellationToken ct) =>
                TypedResults.Ok(await back.ExecuteAsync(new ReadPaymentRequest(id), ct)));
    }
}
