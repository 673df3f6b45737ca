namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>Opening a case (Vorgang) in a file, e.g. an application for a residence permit.</summary>
internal sealed record OpenProcedureRequest(string Kind, string Title);

/// <summary>Closing a case with its outcome (granted, refused, withdrawn, …), which retention rules may name.</summary>
internal sealed record CloseProcedureRequest(string Outcome);

/// <summary>The person moved out of the district or left Germany: retention periods of AufenthV § 68 start.</summary>
internal sealed record DepartureRequest(DateOnly DepartedAt);

/// <summary>Cases inside a file and the file's departure date.</summary>
internal static class ProcedureEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases").WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);

        group.MapPost("/files/{id:guid}/procedures", async (Guid id, OpenProcedureRequest request, CasesDbContext db, IAuditTrail audit, ClaimsPrincipal user,
            TimeProvider clock, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Kind) || string.IsNullOrWhiteSpace(request.Title))
            {
                throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-procedure",
                    new LocalizedText("problem.invalid-procedure"), string.IsNullOrWhiteSpace(request.Kind) ? "kind" : "title");
            }

            await FileAsync(db, id, ct);
            var procedure = new Procedure
            {
                CaseFileId = id, Kind = request.Kind.Trim(), Title = request.Title.Trim(), OpenedAt = clock.GetUtcNow(),
                CreatedBy = user.FindFirst(SaasClaims.Subject)?.Value ?? "unknown",
            };
            db.Procedures.Add(procedure);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await db.AuditAsync(audit, new AuditEntry("procedure.open", "casefile", id.ToString(), $"{procedure.Kind}: {procedure.Title}", PersonalData: true), ct);
            await tx.CommitAsync(ct);
            return Results.Created($"/api/cases/procedures/{procedure.Id}", procedure);
        });

        group.MapPost("/procedures/{id:guid}/close", async (Guid id, CloseProcedureRequest request, CasesDbContext db, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Outcome))
            {
                throw new SaasProblemException(StatusCodes.Status400BadRequest, "outcome-missing",
                    new LocalizedText("problem.outcome-missing"), "outcome");
            }

            var procedure = await db.Procedures.SingleOrDefaultAsync(p => p.Id == id, ct)
                            ?? throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
                                new LocalizedText("problem.not-found.case-files-2"), id.ToString());
            if (procedure.Status == "closed")
            {
                throw new SaasProblemException(StatusCodes.Status409Conflict, "procedure-closed",
                    new LocalizedText("problem.procedure-closed"), id.ToString());
            }

            procedure.Status = "closed";
            procedure.Outcome = request.Outcome.Trim();
            procedure.ClosedAt = clock.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await db.AuditAsync(audit, new AuditEntry("procedure.close", "casefile", procedure.CaseFileId.ToString(), $"{procedure.Title}: {procedure.Outcome}", PersonalData: true), ct);
            await tx.CommitAsync(ct);
            return Results.Ok(procedure);
        });

        group.MapPut("/files/{id:guid}/departure", async (Guid id, DepartureRequest request, CasesDbContext db, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
        {
            if (request.DepartedAt > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            {
                throw new SaasProblemException(StatusCodes.Status400BadRequest, "departure-in-future",
                    new LocalizedText("problem.departure-in-future"), "departedAt");
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
