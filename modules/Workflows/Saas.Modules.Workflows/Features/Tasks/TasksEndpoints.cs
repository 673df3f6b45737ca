namespace Saas.Modules.Workflows.Features.Tasks;

/// <summary>Work queues, task actions, the backlog, task forces and campaigns over HTTP (docs/adr/0026).</summary>
internal static class TasksEndpoints
{
    internal sealed record ReassignBody(string Assignee);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var queues = endpoints.MapGroup("/api/workflows/queues").WithTags("Workflows: queues").RequireAuthorization(SaasPolicies.Staff);
        queues.MapGet("/mine", async Task<Ok<MyQueueView>> (int? limit, ReadMyQueue read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadMyQueueRequest(limit), ct)));
        queues.MapGet("/units/{unit}", async Task<Ok<UnitQueueView>> (string unit, int? limit, ReadUnitQueue read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadUnitQueueRequest(unit, limit), ct)));
        queues.MapGet("/backlog", async Task<Ok<BacklogView>> (ReadBacklog read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadBacklogRequest(), ct)));

        var tasks = endpoints.MapGroup("/api/workflows/tasks").WithTags("Workflows: tasks").RequireAuthorization(SaasPolicies.Staff);
        tasks.MapGet("/{id:guid}", async Task<Ok<QueueTask>> (Guid id, ReadTask read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadTaskRequest(id), ct)));
        tasks.MapPost("/{id:guid}/claim", async Task<Ok<TaskStanding>> (Guid id, ClaimTask claim, CancellationToken ct) =>
            TypedResults.Ok(await claim.ExecuteAsync(new ClaimTaskRequest(id), ct)));
        tasks.MapPost("/{id:guid}/release", async Task<Ok<TaskStanding>> (Guid id, ReleaseTask release, CancellationToken ct) =>
            TypedResults.Ok(await release.ExecuteAsync(new ReleaseTaskRequest(id), ct)));
        tasks.MapPost("/{id:guid}/reassign", async Task<Ok<TaskStanding>> (Guid id, ReassignBody body, ReassignTask reassign, CancellationToken ct) =>
            TypedResults.Ok(await reassign.ExecuteAsync(new ReassignTaskRequest(id, body.Assignee), ct)));
        tasks.MapPost("/{id:guid}/complete", async Task<Ok<TaskStanding>> (Guid id, CompleteTask complete, CancellationToken ct) =>
            TypedResults.Ok(await complete.ExecuteAsync(new CompleteTaskRequest(id), ct)));

        // The team lead's bulk operations: tenant admins only.
        tasks.MapPost("/task-force", async Task<Ok<MoveToTaskForceResult>> (MoveToTaskForceRequest body, MoveToTaskForce move, CancellationToken ct) =>
            TypedResults.Ok(await move.ExecuteAsync(body, ct))).RequireAuthorization(SaasPolicies.TenantAdmin);
        endpoints.MapPost("/api/workflows/campaigns", async Task<Ok<RunCampaignResult>> (RunCampaignRequest body, RunCampaign run, CancellationToken ct) =>
            TypedResults.Ok(await run.ExecuteAsync(body, ct))).WithTags("Workflows: campaigns").RequireAuthorization(SaasPolicies.TenantAdmin);
    }
}
