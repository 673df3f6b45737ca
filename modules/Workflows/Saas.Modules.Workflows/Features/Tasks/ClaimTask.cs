using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Workflows.Features.Tasks;

internal sealed record ClaimTaskRequest(Guid TaskId);

/// <summary>A task's standing after an action on it: open or closed, whose, in which unit.</summary>
internal sealed record TaskStanding(Guid Id, Guid CaseId, string Status, string? Unit, string? Assignee, DateTimeOffset? ClaimedAt)
{
    public static TaskStanding Of(WorkTask task) => new(task.Id, task.CaseId, task.Status, task.Unit, task.Assignee, task.ClaimedAt);
}

/// <summary>
/// Takes an open, unassigned task of one of the person's units into their hands. The database decides between two
/// caseworkers claiming at once: the update is conditional (<c>assignee IS NULL</c>), so one wins and the other gets
/// <c>task-already-claimed</c> naming who has it, with nothing applied. Claiming a task one already holds is no
/// change. A team lead (tenant admin) may claim in any unit. Audited (<c>tasks.claim</c>).
/// </summary>
internal sealed class ClaimTask(WorkflowsDbContext db, IStaffDirectory staff, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<TaskStanding> ExecuteAsync(ClaimTaskRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var task = await TaskAccess.FindOpenAsync(db, request.TaskId, ct);
        if (task.Assignee is { } holder)
        {
            return actor.Identities.Contains(holder, StringComparer.Ordinal) ? TaskStanding.Of(task) : throw TasksProblems.AlreadyClaimed(task.Id, holder);
        }

        await TaskAccess.EnsureInUnitsAsync(staff, actor, task.Unit, ct);
        var now = clock.GetUtcNow();
        await using var work = await db.BeginWorkAsync(audit, ct);
        var claimed = await db.Tasks.Where(t => t.Id == task.Id && t.Status == WorkTask.Open && t.Assignee == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, actor.Id).SetProperty(t => t.ClaimedAt, now), ct);
        if (claimed == 0)
        {
            throw await TaskAccess.LostAsync(db, task.Id, ct);
        }

        work.Record(new AuditEntry("tasks.claim", "casefile", task.CaseFileId.ToString(), $"{task.Key} ({task.Id})"));
        await work.CommitAsync(ct);
        task.Assignee = actor.Id;
        task.ClaimedAt = now;
        return TaskStanding.Of(task);
    }
}

/// <summary>What the task actions share: finding an open task, who may act on it, why a conditional update found nothing.</summary>
internal static class TaskAccess
{
    /// <summary>The task (another authority's is not found: row-level security), open.</summary>
    public static async Task<WorkTask> FindOpenAsync(WorkflowsDbContext db, Guid id, CancellationToken ct)
    {
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw TasksProblems.TaskNotFound(id);
        return task.Status == WorkTask.Open ? task : throw TasksProblems.NotOpen(id);
    }

    /// <summary>The task's unit must be one of the person's (staff configuration); a team lead (tenant admin) acts in any.</summary>
    public static async Task EnsureInUnitsAsync(IStaffDirectory staff, ICurrentActor actor, string? unit, CancellationToken ct)
    {
        if (actor.HasRole(SaasRoles.TenantAdmin))
        {
            return;
        }

        var me = await staff.FindAsync(actor.Identities, ct);
        if (unit is null || me is null || !me.Units.Any(u => u.Key == unit))
        {
            throw TasksProblems.NotInYourUnits(unit);
        }
    }

    /// <summary>A conditional update changed nothing: someone acted first. Says what they did.</summary>
    public static async Task<SaasProblemException> LostAsync(WorkflowsDbContext db, Guid id, CancellationToken ct)
    {
        var now = await db.Tasks.AsNoTracking().Where(t => t.Id == id).Select(t => new { t.Status, t.Assignee }).SingleOrDefaultAsync(ct);
        return now switch
        {
            null => TasksProblems.TaskNotFound(id),
            { Status: not WorkTask.Open } => TasksProblems.NotOpen(id),
            { Assignee: { } holder } => TasksProblems.AlreadyClaimed(id, holder),
            _ => TasksProblems.NotYours(id),
        };
    }
}
