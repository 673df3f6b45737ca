namespace Saas.Modules.Workflows.Features.Tasks;

internal sealed record ReadTaskRequest(Guid TaskId);

/// <summary>One task as a queue shows it (open or closed). Audited as a read of personal data (<c>tasks.read</c>).</summary>
internal sealed class ReadTask(WorkflowsDbContext db, TaskQueue queue, IAuditTrail audit)
{
    public async Task<QueueTask> ExecuteAsync(ReadTaskRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.TaskId, ct) ?? throw TasksProblems.TaskNotFound(request.TaskId);
        var view = (await queue.ViewAsync([task], null, ct)).Single();
        await audit.RecordAsync(new AuditEntry("tasks.read", "casefile", task.CaseFileId.ToString(), $"{task.Key} ({task.Id})", PersonalData: true), ct);
        return view;
    }
}
