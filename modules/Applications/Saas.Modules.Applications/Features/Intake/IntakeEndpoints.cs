using Saas.Modules.Applications.Features.Submissions;
using Saas.Platform.Identity;

namespace Saas.Modules.Applications.Features.Intake;

/// <summary>What a caseworker answers for a submission whose person is unclear: one file's id, or <c>newFile</c>.</summary>
internal sealed record PersonChoiceBody(Guid? CaseFileId, bool? NewFile);

/// <summary>
/// The online intake for staff (docs/adr/0042): <c>GET /api/applications/intake[?status=]</c>, <c>GET …/{id}</c>,
/// <c>POST …/{id}/person</c> (whose file it is, when it waits for that) and <c>POST …/{id}/retry</c> (after a refusal
/// was fixed, e.g. the process published). Each answer is the submission as the intake shows it.
/// </summary>
internal static class IntakeEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/applications/intake").WithTags("Applications: intake").RequireAuthorization(SaasPolicies.Staff);
        group.MapGet("/", async Task<Ok<IReadOnlyList<IntakeItem>>> (string? status, ReadIntake read, CancellationToken ct) =>
            TypedResults.Ok(await read.ListAsync(status is { Length: > 0 and <= 40 } ? status : null, ct)));
        group.MapGet("/{id:guid}", async Task<Ok<IntakeItem>> (Guid id, ReadIntake read, CancellationToken ct) => TypedResults.Ok(await read.OneAsync(id, ct)));
        group.MapPost("/{id:guid}/person", async Task<Ok<IntakeItem>> (Guid id, PersonChoiceBody body, ApplicationsDbContext db, FileSubmission file, ReadIntake read,
            CancellationToken ct) =>
        {
            var status = await db.Submissions.Where(s => s.Id == id).Select(s => s.IntakeStatus).SingleOrDefaultAsync(ct) ?? throw ApplicationsProblems.SubmissionNotFound();
            if (status != IntakeStatuses.PersonUnclear || body is null || (body.CaseFileId is null) == (body.NewFile != true))
            {
                throw ApplicationsProblems.IntakeChoiceRefused();
            }

            await file.ExecuteAsync(id, new PersonChoice(body.CaseFileId, body.NewFile == true), ct);
            return TypedResults.Ok(await read.OneAsync(id, ct));
        });
        group.MapPost("/{id:guid}/retry", async Task<Ok<IntakeItem>> (Guid id, FileSubmission file, ReadIntake read, CancellationToken ct) =>
        {
            await file.ExecuteAsync(id, null, ct);
            return TypedResults.Ok(await read.OneAsync(id, ct));
        });
    }
}
