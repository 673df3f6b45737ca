using Microsoft.Extensions.Logging;

namespace Saas.Modules.Fees.Features.Payments;

/// <summary>Ask the provider for a payment's status now; <paramref name="Trigger"/> says why (poll, return, settle).</summary>
internal sealed record PollPaymentRequest(Guid PaymentId, string Trigger);

/// <summary>
/// Polls the provider for one payment and stores what changed (docs/adr/0030): the status moves forward only
/// (INITIAL → PAYED, FAILED or CANCELED), the Kassenzeichen and payment method are taken when given. An answer for
/// another or an unknown transaction, with a changed amount, with a status going back (PAYED → INITIAL), or that the
/// adapter refused as malformed is refused: recorded as a <c>refused</c> event and audited
/// (<c>fee.payment-refused</c>), and the payment stays as it was. Every change is audited (<c>fee.payment-status</c>).
/// </summary>
internal sealed class PollPayment(FeesDbContext db, IPaymentProvider provider, PaymentAccounts accounts, IAuditTrail audit, ICurrentActor actor, TimeProvider clock,
    ILogger<PollPayment> logger)
{
    public async Task<PaymentView> ExecuteAsync(PollPaymentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == request.PaymentId, ct) ?? throw FeesProblems.PaymentNotFound(request.PaymentId);
        if (payment.Location != Payment.Online)
        {
            return PaymentView.Of(payment);
        }

        ProviderTransaction? answer;
        try
        {
            answer = await provider.GetAsync(accounts.For(payment), payment.TransactionId, ct);
        }
        catch (SaasProblemException problem) when (problem.Code is FeesProblems.AnswerInvalid or FeesProblems.Refused)
        {
            await RefuseAsync(payment, problem.Code, problem.Detail, request.Trigger, ct);
            throw;
        }

        if (answer is null || answer.TransactionId != payment.TransactionId || (answer.RequestId is { } rid && rid != payment.RequestId))
        {
            var problem = FeesProblems.ProviderUnknownTransaction(answer?.TransactionId ?? payment.TransactionId);
            await RefuseAsync(payment, problem.Code, answer is null ? "not known to the provider" : $"answer for {answer.TransactionId} / {answer.RequestId}", request.Trigger, ct);
            throw problem;
        }

        if (answer.Amount is { } amount && amount != payment.Amount)
        {
            var problem = FeesProblems.ProviderAmountChanged(payment.TransactionId, payment.Amount, amount);
            await RefuseAsync(payment, problem.Code, string.Create(CultureInfo.InvariantCulture, $"{payment.Amount:0.00} → {amount:0.00}"), request.Trigger, ct);
            throw problem;
        }

        var next = PaymentStatus.Of(answer.Status);
        var now = clock.GetUtcNow();
        if (next == payment.Status)
        {
            return PaymentView.Of(payment);
        }

        if (!payment.Status.CanBecome(next))
        {
            var problem = FeesProblems.ProviderStatusBackwards(payment.TransactionId, payment.Status.Value, next.Value);
            await RefuseAsync(payment, problem.Code, $"{payment.Status.Value} → {next.Value}", request.Trigger, ct);
            throw problem;
        }

        var from = payment.Status;
        payment.Status = next;
        payment.PolledAt = now;
        payment.SettledAt = now;
        payment.TransactionReference = answer.TransactionReference ?? payment.TransactionReference;
        payment.PaymentMethod = answer.PaymentMethod ?? payment.PaymentMethod;
        await using var work = await db.BeginWorkAsync(audit, ct);
        db.PaymentEvents.Add(new PaymentEvent { PaymentId = payment.Id, At = now, Kind = PaymentEvent.StatusChanged, FromStatus = from.Value, ToStatus = next.Value, Detail = request.Trigger, Actor = actor.Id });
        work.Record(new AuditEntry("fee.payment-status", "case", payment.CaseId.ToString(), $"{payment.RequestId}: {from.Value} → {next.Value} ({request.Trigger})"));
        await work.CommitAsync(ct);
        return PaymentView.Of(payment);
    }

    private async Task RefuseAsync(Payment payment, string code, string? detail, string trigger, CancellationToken ct)
    {
        logger.LogWarning("Payment {Payment}: the provider's answer was refused ({Code}: {Detail})", payment.Id, code, detail);
        db.Entry(payment).State = EntityState.Unchanged;
        await using var work = await db.BeginWorkAsync(audit, ct);
        db.PaymentEvents.Add(new PaymentEvent
        {
            PaymentId = payment.Id, At = clock.GetUtcNow(), Kind = PaymentEvent.Refused, FromStatus = payment.Status.Value,
            Detail = $"{code}: {detail} ({trigger})", Actor = actor.Id,
        });
        work.Record(new AuditEntry("fee.payment-refused", "case", payment.CaseId.ToString(), $"{payment.RequestId}: {code}"));
        await work.CommitAsync(ct);
    }
}
