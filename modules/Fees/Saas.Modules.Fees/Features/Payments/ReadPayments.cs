namespace Saas.Modules.Fees.Features.Payments;

internal sealed record ReadPaymentRequest(Guid Id);

internal sealed record ReadPaymentsRequest(Guid CalculationId);

/// <summary>One payment with its history; another authority's id is not found (row-level security); audited (<c>fee.payment-read</c>).</summary>
internal sealed class ReadPayment(FeesDbContext db, IAuditTrail audit)
{
    public async Task<PaymentView> ExecuteAsync(ReadPaymentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.Id, ct) ?? throw FeesProblems.PaymentNotFound(request.Id);
        var events = await db.PaymentEvents.AsNoTracking().Where(e => e.PaymentId == payment.Id).OrderBy(e => e.At).ToListAsync(ct);
        await audit.RecordAsync(new AuditEntry("fee.payment-read", "case", payment.CaseId.ToString(), payment.Id.ToString()), ct);
        return PaymentView.Of(payment, events);
    }
}

/// <summary>A calculation's payments, attempt by attempt; audited (<c>fee.payment-read</c>) when there are any.</summary>
internal sealed class ReadPayments(FeesDbContext db, IAuditTrail audit)
{
    public async Task<IReadOnlyList<PaymentView>> ExecuteAsync(ReadPaymentsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = await db.Payments.AsNoTracking().Where(p => p.CalculationId == request.CalculationId).OrderBy(p => p.Attempt).ToListAsync(ct);
        if (rows.Count > 0)
        {
            await audit.RecordAsync(new AuditEntry("fee.payment-read", "case", rows[0].CaseId.ToString(), request.CalculationId.ToString()), ct);
        }

        return [.. rows.Select(r => PaymentView.Of(r))];
    }
}

/// <summary>What the payer's browser is told on return: the payment's status as now known, and whether the provider could be asked.</summary>
internal sealed record PaymentReturnView(Guid Id, string Status, bool Checked);

/// <summary>
/// The payer's return from the provider (<c>redirectUrl</c>): it only makes this host poll. Whatever the address carries
/// is ignored, so a replayed or forged return changes nothing; a provider that cannot be reached or whose answer is
/// refused leaves the payment as it was, for the poller to settle later.
/// </summary>
internal sealed class ReturnFromProvider(PollPayment poll, FeesDbContext db, ICurrentActor actor)
{
    public async Task<PaymentReturnView> ExecuteAsync(ReadPaymentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var job = actor.BeginJob("payment-return");
        try
        {
            var view = await poll.ExecuteAsync(new PollPaymentRequest(request.Id, "return"), ct);
            return new PaymentReturnView(view.Id, view.Status, true);
        }
        catch (SaasProblemException problem) when (problem.Code != FeesProblems.PaymentNotFoundCode)
        {
            db.ChangeTracker.Clear();
            var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == request.Id, ct);
            return new PaymentReturnView(payment.Id, payment.Status.Value, false);
        }
    }
}
