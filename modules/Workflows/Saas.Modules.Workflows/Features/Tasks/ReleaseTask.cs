namespace Saas.Modules.Workflows.Features.Tasks;

internal sealed record ReleaseTaskRequest(Guid TaskId);

/// <summary>
/// Gives a task back to its unit's queue: by the person who holds it, or by a team lead (tenant admin). Conditional on
/// the holder still being the one read, so a release racing a reassignment does not undo it. Audited (<c>tasks.release</c>).
/// </summary>
internal sealed class ReleaseTask(WorkflowsDbContext db, IAuditTrail audit, ICurrentActor actor)
{
    public async Task<TaskStanding> ExecuteAsync(ReleaseTaskRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var task = await TaskAccess.FindOpenAsync(db, request.TaskId, ct);
        if (task.Assignee is not { } holder)
        {
            return TaskStanding.Of(task);
        }

        if (!actor.Identities.Contains(holder, StringComparer.Ordinal) && !actor.HasRole(SaasRoles.TenantAdmin))
        {
            throw TasksProblems.NotYours(task.Id);
        }

        await using var work = await db.BeginWorkAsync(audit, ct);
        var released = await db.Tasks.Where(t => t.Id == task.Id && t.Status == WorkTask.Open && t.Assignee == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, (string?)null).SetProperty(t => t.ClaimedAt, (DateTimeOffset?)null), ct);
        if (released == 0)
        {
            throw await TaskAccess.LostAsync(db, task.Id, ct);
        }

        work.Record(new AuditEntry("tasks.release", "casefile", task.CaseFileId.ToString(), $"{task.Key} ({task.Id}) from {holder}"));
        await work.CommitAsync(ct);
        task.Assignee = null;
        task.ClaimedAt = null;
        return TaskStanding.Of(task);
    }
}
