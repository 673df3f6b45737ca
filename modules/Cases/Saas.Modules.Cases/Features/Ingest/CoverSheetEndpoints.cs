using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Features.Ingest;

/// <summary>Request for a cover sheet: which document type (and case) the scanned pages behind it are.</summary>
internal sealed record CoverSheetRequest(string DocumentType, Guid? CaseId, string? Title);

/// <summary>Printing cover sheets: a caseworker (or the scan center) prints one per incoming document.</summary>
internal static class CoverSheetEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases").WithTags("e-Akte: scan center").RequireAuthorization(SaasPolicies.Staff);

        group.MapPost("/files/{id:guid}/cover-sheets", async (Guid id, CoverSheetRequest request, CasesDbContext db, Saas.Platform.Metadata.IMetadataStore metadata, IAuditTrail audit,
            ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var sheet = await CreateAsync(db, metadata, audit, id, request, user.FindFirst(SaasClaims.Subject)?.Value ?? "unknown", clock.GetUtcNow(), ct);
            return Results.Created($"/api/cases/cover-sheets/{sheet.Id}/pdf", new { sheet.Id, Pdf = $"api/cases/cover-sheets/{sheet.Id}/pdf" });
        });

        group.MapGet("/cover-sheets/{id:guid}/pdf", async (Guid id, CasesDbContext db, ICurrentTenant tenant, HttpResponse response, CancellationToken ct) =>
        {
            var (pdf, fileName) = await PdfAsync(db, tenant, id, ct);
            // Inline, so that the browser opens it for printing; the name is used when it is saved.
            response.Headers.ContentDisposition = Inline(fileName);
            return Results.File(pdf, "application/pdf");
        });
    }

    /// <summary>The printable PDF of a cover sheet and the name to save it under.</summary>
    internal static async Task<(byte[] Pdf, string FileName)> PdfAsync(CasesDbContext db, ICurrentTenant tenant, Guid id, CancellationToken ct)
    {
        var sheet = await db.CoverSheets.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct)
                    ?? throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
                        new LocalizedText("problem.not-found.ingest"), id.ToString());
        var file = await db.CaseFiles.AsNoTracking().SingleAsync(f => f.Id == sheet.CaseFileId, ct);
        var procedure = sheet.CaseId is { } p
            ? await db.Cases.AsNoTracking().Where(x => x.Id == p).Select(x => x.Title).SingleOrDefaultAsync(ct)
            : null;
        var pdf = CoverSheetPdf.Create(new CoverSheetContent(sheet.Id, tenant.Tenant!.Key, tenant.Tenant.Name, file.FileNumber,
            $"{file.Surname}, {file.GivenNames}".TrimEnd(' ', ','), file.BirthDate, sheet.DocumentType, procedure));
        return (pdf, $"deckblatt-{file.FileNumber}.pdf");
    }

    /// <summary>A Content-Disposition that shows the file in the browser and names it for saving.</summary>
    internal static string Inline(string fileName) =>
        new System.Net.Http.Headers.ContentDispositionHeaderValue("inline") { FileNameStar = fileName }.ToString();

    /// <summary>Records a cover sheet for a file (and case); its PDF is printed from <c>cover-sheets/{id}/pdf</c>.</summary>
    internal static async Task<CoverSheet> CreateAsync(CasesDbContext db, Saas.Platform.Metadata.IMetadataStore metadata, IAuditTrail audit, Guid id, CoverSheetRequest request,
        string actor, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.DocumentType))
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-cover-sheet",
                new LocalizedText("problem.invalid-cover-sheet"), "documentType");
        }

        if (!await db.CaseFiles.AnyAsync(f => f.Id == id, ct))
        {
            throw CaseFileEndpoints.NotFound(id);
        }

        await Documents.DocumentTypeCatalogue.EnsureKnownAsync(metadata, request.DocumentType.Trim(), "documentType", ct);
        if (request.CaseId is { } procedure && !await db.Cases.AnyAsync(p => p.Id == procedure && p.CaseFileId == id, ct))
        {
            throw new SaasProblemException(StatusCodes.Status422UnprocessableEntity, "unknown-case",
                new LocalizedText("problem.unknown-case"), "caseId");
        }

        var sheet = new CoverSheet
        {
            CaseFileId = id,
            CaseId = request.CaseId,
            DocumentType = request.DocumentType.Trim(),
            Title = string.IsNullOrWhiteSpace(request.Title) ? null : request.Title.Trim(),
            CreatedAt = now,
            CreatedBy = actor,
        };
        db.CoverSheets.Add(sheet);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.AuditAsync(audit, new AuditEntry("coversheet.create", "casefile", id.ToString(), $"cover sheet {sheet.Id:N}, {sheet.DocumentType}", PersonalData: true), ct);
        await tx.CommitAsync(ct);
        return sheet;
    }
}
