using Npgsql;

namespace Saas.Modules.Fees.Features.Payments;

/// <summary>Start (or find) the online payment of a stored calculation; the amount is the calculation's.</summary>
internal sealed record StartPaymentRequest(Guid CalculationId, string? RequestorName);

internal sealed record StartPaymentResult(PaymentView Payment, bool Created);

/// <summary>
/// Starts the payment of a stored calculation through the provider (docs/adr/0030). A calculation that is paid, or
/// has an open payment, gives that payment back (the same transaction); after a failed or cancelled one the next
/// attempt gets a new request id (<c>{calculation}-{attempt}</c>). The provider is idempotent on the request id and the
/// payment's id follows from it, so two racing starts end in one payment. Audited (<c>fee.payment-start</c>).
/// </summary>
internal sealed class StartPayment(FeesDbContext db, IPaymentProvider provider, PaymentAccounts accounts, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<StartPaymentResult> ExecuteAsync(StartPaymentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var calculation = await db.Calculations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CalculationId, ct)
            ?? throw FeesProblems.CalculationNotFound(request.CalculationId);
        var earlier = await db.Payments.AsNoTracking().Where(p => p.CalculationId == calculation.Id).OrderBy(p => p.Attempt).ToListAsync(ct);
        if ((earlier.FirstOrDefault(p => p.Status == PaymentStatus.Payed) ?? earlier.FirstOrDefault(p => p.Status == PaymentStatus.Initial)) is { } existing)
        {
            return new StartPaymentResult(PaymentView.Of(existing), false);
        }

        if (calculation.Total <= 0)
        {
            throw FeesProblems.NothingToPay(calculation.Id);
        }

        var attempt = earlier.Count + 1;
        var requestId = $"{calculation.Id:N}-{attempt}";
        var id = accounts.PaymentId(requestId);
        var account = accounts.Current();
        var purpose = Purpose(calculation.Tariff);
        var now = clock.GetUtcNow();
        var transaction = await provider.CreateAsync(account, new ProviderPaymentRequest(requestId, now, calculation.Total, purpose, calculation.Tariff,
            accounts.ReturnUrl(id), [new ProviderItem(calculation.Tariff, calculation.Id.ToString(), calculation.Tariff, calculation.Total)],
            calculation.CaseId.ToString(), request.RequestorName), ct);
        if (transaction.Amount is { } echoed && echoed != calculation.Total)
        {
            throw FeesProblems.ProviderAmountChanged(transaction.TransactionId, calculation.Total, echoed);
        }

        if (transaction.RequestId is { } echoedId && echoedId != requestId)
        {
            throw FeesProblems.ProviderUnknownTransaction(transaction.TransactionId);
        }

        var payment = new Payment
        {
            Id = id, CalculationId = calculation.Id, CaseId = calculation.CaseId, Tariff = calculation.Tariff, Attempt = attempt, RequestId = requestId,
            OriginatorId = account.OriginatorId, EndPointId = account.EndPointId, TransactionId = transaction.TransactionId,
            TransactionReference = transaction.TransactionReference, PayUrl = transaction.RedirectUrl?.ToString(), Amount = calculation.Total,
            Currency = calculation.Currency, Purpose = purpose, Status = PaymentStatus.Of(transaction.Status), PaymentMethod = transaction.PaymentMethod,
            CreatedAt = now, CreatedBy = actor.Id, PolledAt = now,
        };
        try
        {
            await using var work = await db.BeginWorkAsync(audit, ct);
            db.Payments.Add(payment);
            db.PaymentEvents.Add(new PaymentEvent { PaymentId = id, At = now, Kind = PaymentEvent.Created, ToStatus = payment.Status.Value, Detail = transaction.TransactionId, Actor = actor.Id });
            work.Record(new AuditEntry("fee.payment-start", "case", calculation.CaseId.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"{requestId}: {calculation.Total:0.00} EUR, {transaction.TransactionId}")));
            await work.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            var winner = await db.Payments.AsNoTracking().SingleAsync(p => p.CalculationId == calculation.Id && p.Attempt == attempt, ct);
            return new StartPaymentResult(PaymentView.Of(winner), false);
        }

        return new StartPaymentResult(PaymentView.Of(payment), true);
    }

    /// <summary>The booking text: at most 27 letters, digits, blanks and hyphens (as the published request allows).</summary>
    internal static string Purpose(string tariff)
    {
        var text = "Gebuehr " + new string([.. tariff.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        return text.Length <= XBezahldiensteProvider.PurposeLength ? text : text[..XBezahldiensteProvider.PurposeLength];
    }
}
