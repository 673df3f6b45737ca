using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Workflows.Features.Tasks;

internal sealed record CompleteTaskRequest(Guid TaskId);

/// <summary>
/// Marks a reminder done by hand. Only a task a deadline's escalation raised is closed this way (it is tied to no
/// state change: "Frist läuft in 14 Tagen ab"); a task of a state is done by the transition that leaves the state,
/// so the process cannot be bypassed (<c>task-closes-with-transition</c>). By its holder, anyone of its unit when
/// nobody holds it, or a team lead. Conditional on the task still being open. Audited (<c>tasks.complete</c>).
/// </summary>
internal sealed class CompleteTask(WorkflowsDbContext db, IStaffDirectory staff, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<TaskStanding> ExecuteAsync(CompleteTaskRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var task = await TaskAccess.FindOpenAsync(db, request.TaskId, ct);
        if (!task.IsEscalation)
        {
            throw TasksProblems.ClosesWithTransition(task.Id);
        }

        if (task.Assignee is { } holder)
        {
            if (!actor.Identities.Contains(holder, StringComparer.Ordinal) && !actor.HasRole(SaasRoles.TenantAdmin))
            {
                throw TasksProblems.NotYours(task.Id);
            }
        }
        else
        {
            await TaskAccess.EnsureInUnitsAsync(staff, actor, task.Unit, ct);
        }

        var now = clock.GetUtcNow();
        await using var work = await db.BeginWorkAsync(audit, ct);
        var done = await db.Tasks.Where(t => t.Id == task.Id && t.Status == WorkTask.Open && t.Assignee == task.Assignee)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, WorkTask.Done).SetProperty(t => t.ClosedBy, actor.Id).SetProperty(t => t.ClosedAt, now), ct);
        if (done == 0)
        {
            throw await TaskAccess.LostAsync(db, task.Id, ct);
        }

        work.Record(new AuditEntry("tasks.complete", "casefile", task.CaseFileId.ToString(), $"{task.Key} ({task.Id})"));
        await work.CommitAsync(ct);
        task.Close(WorkTask.Done, actor.Id, now);
        return TaskStanding.Of(task);
    }
}
