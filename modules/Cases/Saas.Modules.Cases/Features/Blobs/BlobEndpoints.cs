namespace Saas.Modules.Cases.Features.Blobs;

/// <summary>Row of a past blob check, as the admin page lists them.</summary>
internal sealed record BlobCheckRow(Guid Id, string Kind, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int Checked, int Problems, string Details);

/// <summary>Tenant admins start the sweeper or the verify job now and read past results.</summary>
internal static class BlobEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases/admin/blobs").WithTags("e-Akte: operations").RequireAuthorization(SaasPolicies.TenantAdmin);
        group.MapPost("/sweep", async (BlobMaintenance maintenance, CancellationToken ct) => Results.Ok(await maintenance.SweepAsync(ct)));
        group.MapPost("/verify", async (BlobMaintenance maintenance, CancellationToken ct) => Results.Ok(await maintenance.VerifyAsync(ct)));
        group.MapGet("/checks", async (CasesDbContext db, CancellationToken ct) =>
        {
            var tenant = db.CurrentTenantId;
            return Results.Ok(await db.Database.SqlQuery<BlobCheckRow>($"""
                SELECT id, kind, started_at, finished_at, checked, problems, details::text AS details
                FROM cases.blob_checks WHERE tenant_id = {tenant} ORDER BY started_at DESC LIMIT 50
                """).ToListAsync(ct));
        });
    }
}
