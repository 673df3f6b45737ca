using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Workflows.Features.Tasks;

internal sealed record ReadUnitQueueRequest(string Unit, int? Limit = null);

/// <summary>A unit's queue: every open task of the unit (taken or not), in the queue's order, with the counts.</summary>
internal sealed record UnitQueueView(string Unit, string Code, string Name, int Total, int Unassigned, IReadOnlyList<QueueTask> Tasks);

/// <summary>
/// Reads a unit's queue (by the unit's document key, e.g. <c>30-20</c>): the team's view of all its open tasks, in
/// the queue's order (<see cref="TaskQueue"/>: complete cases first). A unit the authority has not published is not
/// found. Audited as a read of personal data (<c>tasks.queue-read</c>).
/// </summary>
internal sealed class ReadUnitQueue(WorkflowsDbContext db, TaskQueue queue, IOrganizationDirectory organization, IAuditTrail audit)
{
    public async Task<UnitQueueView> ExecuteAsync(ReadUnitQueueRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = TaskQueue.Limit(request.Limit);
        var unit = (await organization.GetUnitsAsync(ct)).FirstOrDefault(u => u.Key == request.Unit) ?? throw TasksProblems.UnitNotFound(request.Unit ?? "");
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.Status == WorkTask.Open && t.Unit == unit.Key)
            .OrderBy(t => t.CreatedAt).Take(TaskQueue.MaxCandidates).ToListAsync(ct);
        var view = await queue.ViewAsync(tasks, null, ct);
        await audit.RecordAsync(new AuditEntry("tasks.queue-read", "unit", unit.Key,
            string.Create(CultureInfo.InvariantCulture, $"{tasks.Count} open"), PersonalData: true), ct);
        return new UnitQueueView(unit.Key, unit.Code, Instances.Names.Of(unit.Name, unit.NameEn), tasks.Count, tasks.Count(t => t.Assignee is null), [.. view.Take(limit)]);
    }
}
