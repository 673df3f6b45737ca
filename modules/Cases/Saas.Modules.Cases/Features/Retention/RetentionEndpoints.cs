using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Features.Retention;

/// <summary>Placing a legal hold on a file (litigation, pending request, prosecution).</summary>
internal sealed record LegalHoldRequest(string Reason);

/// <summary>Asking for a deletion report as of a day (default today).</summary>
internal sealed record ProposeRunRequest(DateOnly? AsOf);

/// <summary>
/// Legal holds (caseworkers) and deletion runs: any staff member may ask for the report, a tenant admin who is
/// not the proposer approves, and a tenant admin executes.
/// </summary>
internal static class RetentionEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var staff = endpoints.MapGroup("/api/cases").WithTags("e-Akte: retention").RequireAuthorization(SaasPolicies.Staff);

        staff.MapPost("/files/{id:guid}/legal-holds", async (Guid id, LegalHoldRequest request, CasesDbContext db, IAuditTrail audit, ClaimsPrincipal user,
            TimeProvider clock, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Reason))
            {
                throw new SaasProblemException(StatusCodes.Status400BadRequest, "reason-missing",
                    new LocalizedText("problem.reason-missing"), "reason");
            }

            if (!await db.CaseFiles.AnyAsync(f => f.Id == id, ct))
            {
                throw CaseFileEndpoints.NotFound(id);
            }

            var hold = new LegalHold { CaseFileId = id, Reason = request.Reason.Trim(), CreatedAt = clock.GetUtcNow(), CreatedBy = Actor(user) };
            db.LegalHolds.Add(hold);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await db.AuditAsync(audit, new AuditEntry("legalhold.place", "casefile", id.ToString(), hold.Reason, PersonalData: true), ct);
            await tx.CommitAsync(ct);
            return Results.Created($"/api/cases/legal-holds/{hold.Id}", hold);
        });

        staff.MapPost("/legal-holds/{id:guid}/release", async (Guid id, CasesDbContext db, IAuditTrail audit, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var hold = await db.LegalHolds.SingleOrDefaultAsync(h => h.Id == id && h.ReleasedAt == null, ct)
                       ?? throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
                           new LocalizedText("problem.not-found.retention"), id.ToString());
            hold.ReleasedAt = clock.GetUtcNow();
            hold.ReleasedBy = Actor(user);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await db.AuditAsync(audit, new AuditEntry("legalhold.release", "casefile", hold.CaseFileId.ToString(), hold.Reason, PersonalData: true), ct);
            await tx.CommitAsync(ct);
            return Results.Ok(hold);
        });

        staff.MapPost("/retention/runs", async (ProposeRunRequest? request, RetentionRuns runs, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var run = await runs.ProposeAsync(Actor(user), request?.AsOf, ct);
            return Results.Created($"/api/cases/retention/runs/{run.Id}", run);
        });

        staff.MapGet("/retention/runs", async (CasesDbContext db, CancellationToken ct) =>
            Results.Ok(await db.DeletionRuns.AsNoTracking().OrderByDescending(r => r.ProposedAt).Take(50).ToListAsync(ct)));

        staff.MapGet("/retention/runs/{id:guid}", async (Guid id, RetentionRuns runs, CasesDbContext db, CancellationToken ct) =>
        {
            var run = await runs.FindAsync(id, ct);
            var items = await db.DeletionRunItems.AsNoTracking().Where(i => i.RunId == id).OrderBy(i => i.FileNumber).ThenBy(i => i.DueAt)
                .Select(i => new { i.DocumentId, i.CaseFileId, i.FileNumber, i.DocumentType, i.Title, i.Rule, i.DueAt, i.Outcome })
                .ToListAsync(ct);
            return Results.Ok(new { Run = run, Items = items });
        });

        var admin = endpoints.MapGroup("/api/cases/retention/runs").WithTags("e-Akte: retention").RequireAuthorization(SaasPolicies.TenantAdmin);
        admin.MapPost("/{id:guid}/approve", async (Guid id, RetentionRuns runs, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok(await runs.ApproveAsync(id, Actor(user), ct)));
        admin.MapPost("/{id:guid}/execute", async (Guid id, RetentionRuns runs, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok(await runs.ExecuteAsync(id, Actor(user), ct)));
        admin.MapPost("/{id:guid}/cancel", async (Guid id, RetentionRuns runs, CancellationToken ct) =>
            Results.Ok(await runs.CancelAsync(id, ct)));
    }

    private static string Actor(ClaimsPrincipal user) => user.FindFirst(SaasClaims.Subject)?.Value ?? "unknown";
}
