namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>Closing a case with its outcome (granted, refused, withdrawn, …), which retention rules may name.</summary>
internal sealed record CloseCaseRequest(Guid CaseId, string Outcome);

/// <summary>Closes an open case; audited (<c>case.close</c>). Of two caseworkers closing it at once, one wins, the other gets 409.</summary>
internal sealed class CloseCase(CasesDbContext db, IAuditTrail audit, TimeProvider clock)
{
    public const int MaxOutcome = 100;

    public async Task<CaseView> ExecuteAsync(CloseCaseRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = request.Outcome?.Trim() ?? "";
        if (outcome.Length is 0 or > MaxOutcome)
        {
            throw CasesProblems.OutcomeMissing();
        }

        await using var work = await db.BeginWorkAsync(audit, ct);
        var found = await db.Cases.SingleOrDefaultAsync(c => c.Id == request.CaseId, ct) ?? throw CasesProblems.CaseNotFound(request.CaseId);
        found.Close(outcome, clock.GetUtcNow());
        work.Record(new AuditEntry("case.close", "casefile", found.CaseFileId.ToString(), $"{found.Title}: {found.Outcome}", PersonalData: true));
        await work.CommitAsync(() => CasesProblems.CaseClosed(request.CaseId), ct);
        return CaseView.Of(found);
    }
}
