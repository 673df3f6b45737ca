using Saas.Modules.Fees.Features.Payments;

namespace Saas.Modules.Fees.Features.Refunds;

internal sealed record RequestRefundRequest(Guid PaymentId, decimal Amount, string? Reason);

internal sealed record ApproveRefundRequest(Guid RefundId);

internal sealed record ReadRefundRequest(Guid Id);

internal sealed record RefundView(Guid Id, Guid PaymentId, decimal Amount, string Reason, string Status, string RequestedBy, DateTimeOffset RequestedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt)
{
    public static RefundView Of(Refund r) => new(r.Id, r.PaymentId, r.Amount, r.Reason, r.Status, r.RequestedBy, r.RequestedAt, r.ApprovedBy, r.ApprovedAt);
}

/// <summary>
/// The payment's row is locked for the check, so two refunds asked for at once cannot together exceed what was paid.
/// Requested and approved refunds both count: what is asked for is reserved until decided.
/// </summary>
internal static class RefundLimits
{
    public static async Task<Payment> LockPaidAsync(FeesDbContext db, Guid paymentId, CancellationToken ct)
    {
        var payment = await db.Payments.FromSqlInterpolated($"SELECT * FROM fees.payments WHERE id = {paymentId} FOR UPDATE").AsNoTracking().SingleOrDefaultAsync(ct)
            ?? throw FeesProblems.PaymentNotFound(paymentId);
        return payment.Status == PaymentStatus.Payed ? payment : throw FeesProblems.RefundNotPaid(paymentId, payment.Status.Value);
    }

    public static async Task<decimal> RefundedAsync(FeesDbContext db, Guid paymentId, Guid? except, CancellationToken ct) =>
        await db.Refunds.Where(r => r.PaymentId == paymentId && r.Id != except).SumAsync(r => r.Amount, ct);
}

/// <summary>Asks for a refund of a paid payment with a reason, at most what was paid less earlier refunds; audited (<c>fee.refund-request</c>).</summary>
internal sealed class RequestRefund(FeesDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<RefundView> ExecuteAsync(RequestRefundRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            throw FeesProblems.RefundReasonMissing();
        }

        if (request.Amount <= 0 || decimal.Round(request.Amount, 2) != request.Amount)
        {
            throw FeesProblems.RefundAmountInvalid(request.Amount);
        }

        await using var work = await db.BeginWorkAsync(audit, ct);
        var payment = await RefundLimits.LockPaidAsync(db, request.PaymentId, ct);
        var refunded = await RefundLimits.RefundedAsync(db, payment.Id, null, ct);
        if (refunded + request.Amount > payment.Amount)
        {
            throw FeesProblems.RefundExceedsPaid(payment.Amount, refunded, request.Amount);
        }

        var refund = new Refund { PaymentId = payment.Id, Amount = request.Amount, Reason = reason, RequestedBy = actor.Id, RequestedAt = clock.GetUtcNow() };
        db.Refunds.Add(refund);
        work.Record(new AuditEntry("fee.refund-request", "case", payment.CaseId.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{payment.RequestId}: {request.Amount:0.00} EUR ({refund.Id})")));
        await work.CommitAsync(ct);
        return RefundView.Of(refund);
    }
}

/// <summary>
/// A second person approves a refund (four eyes): not the one who asked for it (403), not one already decided (409);
/// the paid amount is checked again under the payment's lock. Audited (<c>fee.refund-approve</c>).
/// </summary>
internal sealed class ApproveRefund(FeesDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<RefundView> ExecuteAsync(ApproveRefundRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var work = await db.BeginWorkAsync(audit, ct);
        var refund = await db.Refunds.SingleOrDefaultAsync(r => r.Id == request.RefundId, ct) ?? throw FeesProblems.RefundNotFound(request.RefundId);
        var payment = await RefundLimits.LockPaidAsync(db, refund.PaymentId, ct);
        await db.Entry(refund).ReloadAsync(ct);
        refund.Approve(actor.Id, clock.GetUtcNow());
        var others = await RefundLimits.RefundedAsync(db, payment.Id, refund.Id, ct);
        if (others + refund.Amount > payment.Amount)
        {
            throw FeesProblems.RefundExceedsPaid(payment.Amount, others, refund.Amount);
        }

        work.Record(new AuditEntry("fee.refund-approve", "case", payment.CaseId.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{payment.RequestId}: {refund.Amount:0.00} EUR ({refund.Id}, asked by {refund.RequestedBy})")));
        await work.CommitAsync(ct);
        return RefundView.Of(refund);
    }
}

/// <summary>One refund; another authority's is not found.</summary>
internal sealed class ReadRefund(FeesDbContext db)
{
    public async Task<RefundView> ExecuteAsync(ReadRefundRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RefundView.Of(await db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == request.Id, ct) ?? throw FeesProblems.RefundNotFound(request.Id));
    }
}

/// <summary>A payment's refunds, oldest first.</summary>
internal sealed class ReadRefunds(FeesDbContext db)
{
    public async Task<IReadOnlyList<RefundView>> ExecuteAsync(ReadPaymentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = await db.Refunds.AsNoTracking().Where(r => r.PaymentId == request.Id).OrderBy(r => r.RequestedAt).ToListAsync(ct);
        return [.. rows.Select(RefundView.Of)];
    }
}

/// <summary>Ask for a refund, approve it (a second person), read refunds.</summary>
internal static class RefundsFeature
{
    internal sealed record RefundBody(decimal Amount, string? Reason);

    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<RequestRefund>();
        services.AddScoped<ApproveRefund>();
        services.AddScoped<ReadRefund>();
        services.AddScoped<ReadRefunds>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/fees").WithTags("Fees").RequireAuthorization(SaasPolicies.Staff);
        group.MapPost("/payments/{id:guid}/refunds", async Task<Created<RefundView>> (Guid id, RefundBody body, RequestRefund refund, CancellationToken ct) =>
        {
            var view = await refund.ExecuteAsync(new RequestRefundRequest(id, body.Amount, body.Reason), ct);
            return TypedResults.Created($"/api/fees/refunds/{view.Id}", view);
        });
        group.MapGet("/payments/{id:guid}/refunds", async Task<Ok<IReadOnlyList<RefundView>>> (Guid id, ReadRefunds read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadPaymentRequest(id), ct)));
        group.MapGet("/refunds/{id:guid}", async Task<Ok<RefundView>> (Guid id, ReadRefund read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadRefundRequest(id), ct)));
        group.MapPost("/refunds/{id:guid}/approve", async Task<Ok<RefundView>> (Guid id, ApproveRefund approve, CancellationToken ct) =>
            TypedResults.Ok(await approve.ExecuteAsync(new ApproveRefundRequest(id), ct)));
    }
}
