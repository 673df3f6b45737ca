using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Workflows.Features.Tasks;

internal sealed record ReassignTaskRequest(Guid TaskId, string Assignee);

/// <summary>
/// Hands a task to a colleague of its unit (by sign-in name, as the staff documents name people): the holder hands on
/// what they hold, anyone of the unit may hand on an unassigned task, a team lead (tenant admin) any task. The
/// colleague must be configured in the task's unit. Conditional on the holder read, so of two people handing the
/// same task on at once one wins and the other gets a conflict. Audited (<c>tasks.reassign</c>).
/// </summary>
internal sealed class ReassignTask(WorkflowsDbContext db, IStaffDirectory staff, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<TaskStanding> ExecuteAsync(ReassignTaskRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var task = await TaskAccess.FindOpenAsync(db, request.TaskId, ct);
        var to = (request.Assignee ?? "").Trim();
        var colleague = (await staff.GetStaffAsync(ct)).FirstOrDefault(s => s.UserName == to);
        if (colleague is null || (task.Unit is not null && !colleague.Units.Any(u => u.Key == task.Unit)))
        {
            throw TasksProblems.AssigneeUnknown(to);
        }

        var holder = task.Assignee;
        var admin = actor.HasRole(SaasRoles.TenantAdmin);
        if (holder is not null && !admin && !actor.Identities.Contains(holder, StringComparer.Ordinal))
        {
            throw TasksProblems.NotYours(task.Id);
        }

        if (holder is null)
        {
            await TaskAccess.EnsureInUnitsAsync(staff, actor, task.Unit, ct);
        }

        var now = clock.GetUtcNow();
        await using var work = await db.BeginWorkAsync(audit, ct);
        var moved = await db.Tasks.Where(t => t.Id == task.Id && t.Status == WorkTask.Open && t.Assignee == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, colleague.UserName).SetProperty(t => t.ClaimedAt, now), ct);
        if (moved == 0)
        {
            throw await TaskAccess.LostAsync(db, task.Id, ct);
        }

        work.Record(new AuditEntry("tasks.reassign", "casefile", task.CaseFileId.ToString(), $"{task.Key} ({task.Id}): {holder ?? "-"} → {colleague.UserName}"));
        await work.CommitAsync(ct);
        task.Assignee = colleague.UserName;
        task.ClaimedAt = now;
        return TaskStanding.Of(task);
    }
}
