using Microsoft.AspNetCore.Http.HttpResults;

namespace Saas.Modules.Cases.Features.Retention;

/// <summary>The body of <c>POST /api/cases/files/{id}/legal-holds</c>.</summary>
internal sealed record LegalHoldRequest(string? Reason);

/// <summary>The body of <c>POST /api/cases/retention/runs</c>: the day the report is made for (default today).</summary>
internal sealed record ProposeRunRequest(DateOnly? AsOf);

/// <summary>
/// Legal holds (staff) and deletion runs: any staff member may ask for the report, a tenant admin who is not the
/// proposer approves, and a tenant admin executes or cancels. Each endpoint maps HTTP to its use case and back
/// (docs/adr/0012); the workbench pages call the same use cases.
/// </summary>
internal static class RetentionEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var staff = endpoints.MapGroup("/api/cases").WithTags("e-Akte: retention").RequireAuthorization(SaasPolicies.Staff);

        staff.MapGet("/legal-holds", async Task<Ok<IReadOnlyList<LegalHoldView>>> (Guid? file, ListLegalHolds list, CancellationToken ct) =>
            TypedResults.Ok(await list.ExecuteAsync(new ListLegalHoldsRequest(file, ReadVia.Api), ct)));

        staff.MapGet("/legal-holds/{id:guid}", async Task<Ok<LegalHoldView>> (Guid id, ReadLegalHold read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadLegalHoldRequest(id, ReadVia.Api), ct)));

        staff.MapPost("/files/{id:guid}/legal-holds", async Task<Created<LegalHoldView>> (Guid id, LegalHoldRequest request, PlaceLegalHold place,
            CancellationToken ct) =>
        {
            var hold = await place.ExecuteAsync(new PlaceLegalHoldRequest(id, request.Reason), ct);
            return TypedResults.Created($"/api/cases/legal-holds/{hold.Id}", hold);
        });

        staff.MapPost("/legal-holds/{id:guid}/release", async Task<Ok<LegalHoldView>> (Guid id, ReleaseLegalHold release, CancellationToken ct) =>
            TypedResults.Ok(await release.ExecuteAsync(new ReleaseLegalHoldRequest(id), ct)));

        staff.MapPost("/retention/runs", async Task<Created<DeletionRunView>> (ProposeRunRequest? request, ProposeRetentionRun propose, CancellationToken ct) =>
        {
            var run = await propose.ExecuteAsync(new ProposeRetentionRunRequest(request?.AsOf), ct);
            return TypedResults.Created($"/api/cases/retention/runs/{run.Id}", run);
        });

        staff.MapGet("/retention/runs", async Task<Ok<IReadOnlyList<DeletionRunView>>> (ListRetentionRuns list, CancellationToken ct) =>
            TypedResults.Ok(await list.ExecuteAsync(new ListRetentionRunsRequest(), ct)));

        staff.MapGet("/retention/runs/{id:guid}", async Task<Ok<DeletionRunReport>> (Guid id, ReadRetentionRun read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadRetentionRunRequest(id), ct)));

        var admin = endpoints.MapGroup("/api/cases/retention/runs").WithTags("e-Akte: retention").RequireAuthorization(SaasPolicies.TenantAdmin);
        admin.MapPost("/{id:guid}/approve", async Task<Ok<DeletionRunView>> (Guid id, ApproveRetentionRun approve, CancellationToken ct) =>
            TypedResults.Ok(await approve.ExecuteAsync(new ApproveRetentionRunRequest(id), ct)));
        admin.MapPost("/{id:guid}/execute", async Task<Ok<DeletionRunView>> (Guid id, ExecuteRetentionRun execute, CancellationToken ct) =>
            TypedResults.Ok(await execute.ExecuteAsync(new ExecuteRetentionRunRequest(id), ct)));
        admin.MapPost("/{id:guid}/cancel", async Task<Ok<DeletionRunView>> (Guid id, CancelRetentionRun cancel, CancellationToken ct) =>
            TypedResults.Ok(await cancel.ExecuteAsync(new CancelRetentionRunRequest(id), ct)));
    }
}
