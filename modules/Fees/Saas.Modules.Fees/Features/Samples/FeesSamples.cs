using Saas.Modules.Cases.Contracts;
using Saas.Modules.Fees.Features.Calculations;
using Saas.Modules.Fees.Features.Payments;
using Saas.Modules.Fees.Features.Refunds;

namespace Saas.Modules.Fees.Features.Samples;

/// <summary>
/// Fees' records for the cross-tenant matrix (docs/adr/0013), each carrying the marker: a local schedule whose line is
/// named with the marker (published through the metadata store), a case opened through the e-Akte's contract in the
/// e-Akte's sample file (whose number carries the marker; the e-Akte's samples are made first), and a calculation of
/// that line for the case through the caseworkers' use case, whose lines show the marker; a paid online payment of it
/// (written as the poller leaves one, with the marker in its Kassenzeichen, so no provider is called) and a refund of
/// part of it asked for with the marker in its reason, waiting for the second person.
/// </summary>
internal sealed class FeesSamples(IMetadataStore store, ICaseFileDirectory files, ICaseRecords cases, CalculateFee calculate, ICurrentActor actor,
    FeesDbContext db, TimeProvider clock) : IModuleSamples
{
    public const string ScheduleKey = "gebuehren-probe";

    public const string Tariff = "probe_foto";

    public string Module => FeesModule.ModuleName;

    public async Task<ModuleSampleValues> CreateAsync(string marker, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        using var job = actor.BeginJob("samples");
        await store.SaveDraftAsync(ScheduleYaml(ScheduleKey, marker), "samples", null, ct);
        await store.PublishAsync([(Schedules.FeeScheduleKind.Name, ScheduleKey)], "samples", ct);
        var file = (await files.SearchPersonsAsync(marker, null, 10, ct)).FirstOrDefault(f => f.FileNumber == "MUSTER-" + marker)
            ?? throw new InvalidOperationException("Fees' samples open their case in the e-Akte's sample file, which the Cases samples make first.");
        var record = await cases.OpenAsync(file.Id, "aufenthaltserlaubnis", "Gebühr " + marker, ct);
        var calculation = await calculate.ExecuteAsync(new CalculateFeeRequest(record.Id, Tariff,
            new FeeFacts(30, ["SYR"], [], false, false, FeeOutcomes.Granted, false, ""), new DateOnly(2026, 1, 15)), ct);
        var now = clock.GetUtcNow();
        var payment = new Payment
        {
            Id = Guid.NewGuid(), CalculationId = calculation.Id, CaseId = record.Id, Tariff = Tariff, Attempt = 1, RequestId = $"{calculation.Id:N}-1",
            OriginatorId = "saas-local", EndPointId = "samples", TransactionId = "probe-" + Guid.NewGuid().ToString("N"), TransactionReference = "KZ-" + marker,
            Amount = calculation.Total, Purpose = StartPayment.Purpose(Tariff), Status = PaymentStatus.Payed, PaymentMethod = "CREDITCARD",
            CreatedAt = now, CreatedBy = actor.Id, PolledAt = now, SettledAt = now,
        };
        db.Payments.Add(payment);
        db.PaymentEvents.Add(new PaymentEvent { PaymentId = payment.Id, At = now, Kind = PaymentEvent.Created, ToStatus = "initial", Actor = actor.Id });
        db.PaymentEvents.Add(new PaymentEvent { PaymentId = payment.Id, At = now, Kind = PaymentEvent.StatusChanged, FromStatus = "initial", ToStatus = "payed", Actor = actor.Id });
        var refund = new Refund { PaymentId = payment.Id, Amount = 1m, Reason = "Doppelt gezahlt " + marker, RequestedBy = actor.Id, RequestedAt = now };
        db.Refunds.Add(refund);
        await db.SaveChangesAsync(ct);
        return new ModuleSampleValues()
            .Add("/api/fees/cases", "caseId", record.Id)
            .Add("/api/fees/calculations", "id", calculation.Id)
            .Add("/api/fees/payments", "id", payment.Id)
            .Add("/api/fees/refunds", "id", refund.Id)
            // The day the sample payment was settled, so the reconciliation shows its Kassenzeichen with the marker.
            .Add("/api/fees/reconciliation", "date", CompiledExpression.Today(clock, CalculateFee.Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>A local schedule of one line (a photo at the self-service terminal) whose name carries the marker.</summary>
    internal static string ScheduleYaml(string key, string marker) => $$"""
        kind: fee-schedule
        key: {{key}}
        spec:
          name: Örtliche Gebühren {{marker}}
          lines:
            - code: {{Tariff}}
              name: "Lichtbild am Terminal {{marker}}"
              nameEn: "Photo at the terminal {{marker}}"
              legalBasis: "Verwaltungsgebührensatzung (Probe)"
              amount: 6
              category: local
              validFrom: "2025-01-01"
              confirmed: false
              note: Probe für die Tests, kein echter Tarif.
        """;
}
