using System.Text.Json;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Fees.Features.Schedules;

namespace Saas.Modules.Fees.Features.Calculations;

/// <summary>Calculate the fee of a tariff line for a case with its facts, on the caller's date (today in Germany when none is given).</summary>
internal sealed record CalculateFeeRequest(Guid CaseId, string Tariff, FeeFacts Facts, DateOnly? Date);

/// <summary>A stored calculation as the API and the workbench show it.</summary>
internal sealed record CalculationView(Guid Id, Guid CaseId, string Tariff, string TariffName, DateOnly Date, decimal Total, string Currency, bool Confirmed,
    FeeFacts Facts, IReadOnlyList<FeeQuoteLine> Lines, IReadOnlyList<string> Schedules, DateTimeOffset CreatedAt, string CreatedBy)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CalculationView Of(FeeCalculation c, string tariffName) => new(c.Id, c.CaseId, c.Tariff, tariffName, c.OnDate, c.Total, c.Currency, c.Confirmed,
        JsonSerializer.Deserialize<FeeFacts>(c.Facts, Json)!, JsonSerializer.Deserialize<List<FeeQuoteLine>>(c.Lines, Json)!, c.Schedules, c.CreatedAt, c.CreatedBy);
}

/// <summary>
/// Calculates a case's fee from the applicable schedules and stores it with the case (<c>fees.calculations</c>, under
/// row-level security); audited (<c>fee.calculate</c>). The case must be one of the current authority's.
/// </summary>
internal sealed class CalculateFee(FeesDbContext db, FeeCatalogue catalogue, ICaseRecords cases, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public async Task<CalculationView> ExecuteAsync(CalculateFeeRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = await cases.FindAsync(request.CaseId, ct) ?? throw FeesProblems.CaseNotFound(request.CaseId);
        var date = request.Date ?? CompiledExpression.Today(clock, Zone);
        var schedule = await catalogue.CurrentAsync(ct);
        var quote = FeeCalculator.Calculate(schedule, new FeeQuoteRequest(request.Tariff, request.Facts, date));
        var calculation = new FeeCalculation
        {
            CaseId = record.Id,
            Tariff = quote.Tariff,
            OnDate = date,
            Facts = JsonSerializer.Serialize(request.Facts, CalculationView.Json),
            Lines = JsonSerializer.Serialize(quote.Lines, CalculationView.Json),
            Schedules = [.. schedule.Sources],
            Total = quote.Total,
            Currency = quote.Currency,
            Confirmed = quote.Confirmed,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor.Id,
        };
        await using var work = await db.BeginWorkAsync(audit, ct);
        db.Calculations.Add(calculation);
        work.Record(new AuditEntry("fee.calculate", "case", record.Id.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{quote.Tariff} {date:yyyy-MM-dd}: {quote.Total:0.00} {quote.Currency}"), PersonalData: true));
        await work.CommitAsync(ct);
        return CalculationView.Of(calculation, quote.TariffName);
    }
}
