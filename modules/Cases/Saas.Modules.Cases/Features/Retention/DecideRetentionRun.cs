namespace Saas.Modules.Cases.Features.Retention;

internal sealed record ApproveRetentionRunRequest(Guid Id);

/// <summary>The second step: a tenant admin who did not propose the run approves it (audited with the proposer).</summary>
internal sealed class ApproveRetentionRun(CasesDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<DeletionRunView> ExecuteAsync(ApproveRetentionRunRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var work = await db.BeginWorkAsync(audit, ct);
        var run = await ReadRetentionRun.FindAsync(db, request.Id, ct);
        run.Approve(actor.Id, clock.GetUtcNow());
        work.Record(new AuditEntry("retention.approve", "deletion-run", run.Id.ToString(), $"proposed by {run.ProposedBy}"));
        await work.CommitAsync(() => CasesProblems.DeletionRunChanged(request.Id), ct);
        return DeletionRunView.Of(run);
    }
}

internal sealed record CancelRetentionRunRequest(Guid Id);

/// <summary>A tenant admin drops a run that was proposed or approved; nothing of it is deleted.</summary>
internal sealed class CancelRetentionRun(CasesDbContext db, IAuditTrail audit)
{
    public async Task<DeletionRunView> ExecuteAsync(CancelRetentionRunRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var work = await db.BeginWorkAsync(audit, ct);
        var run = await ReadRetentionRun.FindAsync(db, request.Id, ct);
        run.Cancel();
        work.Record(new AuditEntry("retention.cancel", "deletion-run", run.Id.ToString()));
        await work.CommitAsync(() => CasesProblems.DeletionRunChanged(request.Id), ct);
        return DeletionRunView.Of(run);
    }
}
