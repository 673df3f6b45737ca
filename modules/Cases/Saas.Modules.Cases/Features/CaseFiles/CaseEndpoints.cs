using Microsoft.AspNetCore.Http.HttpResults;

namespace Saas.Modules.Cases.Features.CaseFiles;

internal sealed record OpenCaseBody(string Kind, string Title);

internal sealed record CloseCaseBody(string Outcome);

internal sealed record FileIntoCaseBody(Guid? CaseId);

/// <summary>The person moved out of the district or left Germany: retention periods of AufenthV § 68 start.</summary>
internal sealed record DepartureRequest(DateOnly DepartedAt);

/// <summary>Cases (Vorgänge) inside a file, filing a document into a case, and the file's departure date; the rules live in the use cases.</summary>
internal static class CaseEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases").WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);

        group.MapPost("/files/{id:guid}/cases", async Task<Created<CaseView>> (Guid id, OpenCaseBody body, OpenCase open, CancellationToken ct) =>
        {
            var opened = await open.ExecuteAsync(new OpenCaseRequest(id, body.Kind, body.Title), ct);
            return TypedResults.Created($"/api/cases/cases/{opened.Id}", opened);
        });

        group.MapPost("/cases/{id:guid}/close", async Task<Ok<CaseView>> (Guid id, CloseCaseBody body, CloseCase close, CancellationToken ct) =>
            TypedResults.Ok(await close.ExecuteAsync(new CloseCaseRequest(id, body.Outcome), ct)));

        group.MapPut("/documents/{id:guid}/case", async Task<Ok<FiledDocument>> (Guid id, FileIntoCaseBody body, FileDocumentIntoCase file, CancellationToken ct) =>
            TypedResults.Ok(await file.ExecuteAsync(new FileDocumentIntoCaseRequest(id, body.CaseId), ct)));

        group.MapPut("/files/{id:guid}/departure", async (Guid id, DepartureRequest request, CasesDbContext db, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
        {
            if (request.DepartedAt > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            {
                throw CasesProblems.DepartureInFuture();
            }

            var file = await FileAsync(db, id, ct);
            file.DepartedAt = request.DepartedAt;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await db.AuditAsync(audit, new AuditEntry("casefile.departure", "casefile", id.ToString(), $"{request.DepartedAt:yyyy-MM-dd}", PersonalData: true), ct);
            await tx.CommitAsync(ct);
            return Results.NoContent();
        });
    }

    private static async Task<CaseFile> FileAsync(CasesDbContext db, Guid id, CancellationToken ct) =>
        await db.CaseFiles.SingleOrDefaultAsync(f => f.Id == id, ct) ?? throw CaseFileEndpoints.NotFound(id);
}
