namespace Saas.Modules.Workflows.Features.Instances;

/// <summary>Start a case's process, read it, take a transition.</summary>
internal static class InstancesEndpoints
{
    internal sealed record StartBody(string Process, string? LegalBasis);

    internal sealed record TransitionBody(JsonObject? Inputs, uint? ExpectedVersion);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/workflows").WithTags("Workflows: cases").RequireAuthorization(SaasPolicies.Staff);
        group.MapPost("/cases/{caseId:guid}/process", async Task<Created<CaseProcessView>> (Guid caseId, StartBody body, StartProcess start, ReadCaseProcess read, CancellationToken ct) =>
        {
            await start.ExecuteAsync(new StartProcessRequest(caseId, body.Process, body.LegalBasis), ct);
            return TypedResults.Created($"/api/workflows/cases/{caseId}/process", await read.ExecuteAsync(new ReadCaseProcessRequest(caseId), ct));
        });
        group.MapGet("/cases/{caseId:guid}/process", async Task<Ok<CaseProcessView>> (Guid caseId, ReadCaseProcess read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadCaseProcessRequest(caseId), ct)));
        group.MapPost("/instances/{id:guid}/transitions/{transition}", async Task<Ok<TakeTransitionResult>> (Guid id, string transition, TransitionBody? body, TakeTransition take, CancellationToken ct) =>
            TypedResults.Ok(await take.ExecuteAsync(new TakeTransitionRequest(id, transition, body?.Inputs, body?.ExpectedVersion), ct)));
    }
}
