using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.Text;

/// <summary>Where text extraction of a document stands.</summary>
internal sealed record TextStatus(string Status, int? Pages, string? Error, int Attempts);

/// <summary>Text extraction is visible per document, and a failed one can be started again.</summary>
internal static class TextStatusEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases/documents").WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);

        group.MapGet("/{id:guid}/text", async (Guid id, CasesDbContext db, CancellationToken ct) =>
        {
            var tenant = db.CurrentTenantId;
            var status = await db.Database.SqlQuery<TextStatus>(
                $"SELECT status, pages, error, attempts FROM cases.text_extractions WHERE document_id = {id} AND tenant_id = {tenant}")
                .SingleOrDefaultAsync(ct);
            if (status is null && !await db.Documents.AnyAsync(d => d.Id == id, ct))
            {
                throw NotFound(id);
            }

            return Results.Ok(status ?? new TextStatus("pending", null, null, 0));
        });

        group.MapPost("/{id:guid}/text/retry", async (Guid id, CasesDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            await RetryAsync(db, id, clock.GetUtcNow(), ct);
            return Results.Accepted();
        });
    }

    /// <summary>Starts the text extraction of a document again (after it failed).</summary>
    internal static async Task RetryAsync(CasesDbContext db, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw NotFound(id);
        db.AddIntegrationEvent(new DocumentAdded(Guid.NewGuid(), db.CurrentTenantId, now, document.Id, document.CaseFileId, document.ContentType));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The text status of several documents at once (the workbench's timeline); missing ones are pending.</summary>
    internal static async Task<Dictionary<Guid, TextStatus>> StatusesAsync(CasesDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var tenant = db.CurrentTenantId;
        var list = ids.ToArray();
        var rows = await db.Database.SqlQuery<DocumentTextStatus>(
            $"SELECT document_id, status, pages, error, attempts FROM cases.text_extractions WHERE tenant_id = {tenant} AND document_id = ANY({list})")
            .ToListAsync(ct);
        var found = rows.ToDictionary(r => r.DocumentId, r => new TextStatus(r.Status, r.Pages, r.Error, r.Attempts));
        return list.ToDictionary(id => id, id => found.TryGetValue(id, out var status) ? status : new TextStatus("pending", null, null, 0));
    }

    internal sealed record DocumentTextStatus(Guid DocumentId, string Status, int? Pages, string? Error, int Attempts);

    private static SaasProblemException NotFound(Guid id) =>
        new(StatusCodes.Status404NotFound, "not-found",
            new LocalizedText("problem.not-found.text"), id.ToString());
}
