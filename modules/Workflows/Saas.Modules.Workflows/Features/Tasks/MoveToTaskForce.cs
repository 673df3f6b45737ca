using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Workflows.Features.Tasks;

/// <summary>
/// Which cases a task force takes over and where to: <see cref="Unit"/> is the task force's unit (a unit document's
/// key). The cases are named (<see cref="CaseIds"/>), or selected by process, optionally state, and age
/// (<see cref="OlderThanDays"/>: the process started at least that many days ago, as the 2,534 old cases).
/// </summary>
internal sealed record MoveToTaskForceRequest(string Unit, IReadOnlyList<Guid>? CaseIds = null, string? Process = null, string? State = null,
    int? OlderThanDays = null, int? Limit = null);

/// <summary>What the move did: cases selected, their open tasks moved, those already in the unit, whether more cases match than the limit took.</summary>
internal sealed record MoveToTaskForceResult(string Unit, int Cases, int Moved, int AlreadyThere, bool More);

/// <summary>
/// Hands a batch of backlog cases to a task force in one audited bulk operation (<c>tasks.task-force</c>): every
/// open task of the selected running cases moves to the task force's unit and back into its queue (nobody holds it
/// any more; the unit it came from is kept). At most <see cref="MaxCases"/> cases per call, oldest first; the result
/// says whether more matched. Running it again changes nothing (tasks already there are counted, not moved).
/// The cases stay with the task force: tasks they get later for the units it took them from (or for no unit) go to
/// the task force too; tasks for other units (the enforcement unit's hearing) go where the process says.
/// </summary>
internal sealed class MoveToTaskForce(WorkflowsDbContext db, IOrganizationDirectory organization, IAuditTrail audit, TimeProvider clock)
{
    public const int MaxCases = 5_000;

    public async Task<MoveToTaskForceResult> ExecuteAsync(MoveToTaskForceRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var unit = (await organization.GetUnitsAsync(ct)).FirstOrDefault(u => u.Key == request.Unit) ?? throw TasksProblems.UnitNotFound(request.Unit ?? "");
        var limit = request.Limit ?? MaxCases;
        if (limit is < 1 or > MaxCases || request.CaseIds is { Count: > MaxCases })
        {
            throw TasksProblems.LimitRefused(MaxCases);
        }

        var running = db.Instances.AsNoTracking().Where(i => i.FinishedAt == null);
        if (request.CaseIds is { Count: > 0 } ids)
        {
            running = running.Where(i => ids.Contains(i.CaseId));
        }
        else if (request.Process is { Length: > 0 } process)
        {
            running = running.Where(i => i.ProcessKey == process);
            if (request.State is { Length: > 0 } state)
            {
                running = running.Where(i => i.State == state);
            }

            if (request.OlderThanDays is { } days)
            {
                var before = clock.GetUtcNow().AddDays(-Math.Max(0, days));
                running = running.Where(i => i.StartedAt <= before);
            }
        }
        else
        {
            throw TasksProblems.SelectionEmpty();
        }

        var selected = await running.OrderBy(i => i.StartedAt).ThenBy(i => i.Id).Select(i => i.Id).Take(limit + 1).ToListAsync(ct);
        var more = selected.Count > limit;
        var instances = selected.Take(limit).ToList();
        await using var work = await db.BeginWorkAsync(audit, ct);
        var open = db.Tasks.Where(t => instances.Contains(t.InstanceId) && t.Status == WorkTask.Open);
        var already = await open.CountAsync(t => t.Unit == unit.Key, ct);
        // The cases stay with the task force: their next tasks for the units it takes them from go to it as well.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE workflows.instances i SET task_force_unit = {unit.Key},
                task_force_replaces = ARRAY(SELECT DISTINCT u FROM unnest(CASE WHEN i.task_force_unit IS DISTINCT FROM {unit.Key} THEN ARRAY[]::text[] ELSE i.task_force_replaces END
                    || ARRAY(SELECT t.unit FROM workflows.tasks t WHERE t.instance_id = i.id AND t.status = 'open' AND t.unit IS NOT NULL AND t.unit <> {unit.Key})) AS u ORDER BY u)
            WHERE i.id = ANY({instances.ToArray()})
            """, ct);
        var moved = await open.Where(t => t.Unit == null || t.Unit != unit.Key).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.MovedFromUnit, t => t.Unit)
            .SetProperty(t => t.Unit, unit.Key)
            .SetProperty(t => t.Assignee, (string?)null)
            .SetProperty(t => t.ClaimedAt, (DateTimeOffset?)null), ct);
        work.Record(new AuditEntry("tasks.task-force", "unit", unit.Key, string.Create(CultureInfo.InvariantCulture,
            $"{instances.Count} cases, {moved} tasks moved, {already} already there; {Selection(request)}")));
        await work.CommitAsync(ct);
        return new MoveToTaskForceResult(unit.Key, instances.Count, moved, already, more);
    }

    private static string Selection(MoveToTaskForceRequest request) => request.CaseIds is { Count: > 0 } ids
        ? string.Create(CultureInfo.InvariantCulture, $"{ids.Count} case ids")
        : string.Create(CultureInfo.InvariantCulture, $"process {request.Process}, state {request.State ?? "*"}, older than {request.OlderThanDays?.ToString(CultureInfo.InvariantCulture) ?? "0"} days");
}
