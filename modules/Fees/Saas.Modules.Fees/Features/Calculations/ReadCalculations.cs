namespace Saas.Modules.Fees.Features.Calculations;

internal sealed record ReadCalculationsRequest(Guid CaseId);

internal sealed record ReadCalculationRequest(Guid Id);

/// <summary>A case's stored calculations, newest first; audited (<c>fee.read</c>), since they show personal facts.</summary>
internal sealed class ReadCalculations(FeesDbContext db, IAuditTrail audit)
{
    public async Task<IReadOnlyList<CalculationView>> ExecuteAsync(ReadCalculationsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = await db.Calculations.AsNoTracking().Where(c => c.CaseId == request.CaseId).OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
        if (rows.Count > 0)
        {
            await audit.RecordAsync(new AuditEntry("fee.read", "case", request.CaseId.ToString(), rows.Count.ToString(CultureInfo.InvariantCulture), PersonalData: true), ct);
        }

        return [.. rows.Select(r => CalculationView.Of(r, r.Tariff))];
    }
}

/// <summary>One stored calculation by its id; another authority's id is not found (row-level security); audited (<c>fee.read</c>).</summary>
internal sealed class ReadCalculation(FeesDbContext db, IAuditTrail audit)
{
    public async Task<CalculationView> ExecuteAsync(ReadCalculationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var row = await db.Calculations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.Id, ct) ?? throw FeesProblems.CalculationNotFound(request.Id);
        await audit.RecordAsync(new AuditEntry("fee.read", "case", row.CaseId.ToString(), row.Id.ToString(), PersonalData: true), ct);
        return CalculationView.Of(row, row.Tariff);
    }
}
