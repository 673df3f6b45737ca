using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Features.Ingest;

/// <summary>Request for a cover sheet: which document type (and case) the scanned pages behind it are.</summary>
internal sealed record CoverSheetRequest(string DocumentType, Guid? CaseId, string? Title);

internal sealed record CreateCoverSheetRequest(Guid FileId, CoverSheetRequest Sheet);

/// <summary>A created cover sheet as the API answers it: its id and where its PDF is printed from.</summary>
internal sealed record CoverSheetCreated(Guid Id, string Pdf);

/// <summary>
/// Records a cover sheet (Deckblatt) for a file and optionally a case; a caseworker or the scan center prints one per
/// incoming paper document, and the scan import routes the pages behind it by its QR code. Audited (<c>coversheet.create</c>).
/// </summary>
internal sealed class CreateCoverSheet(CasesDbContext db, IMetadataStore metadata, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public const int MaxTitle = 300;

    public async Task<CoverSheet> ExecuteAsync(CreateCoverSheetRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (fileId, wanted) = (request.FileId, request.Sheet);
        if (string.IsNullOrWhiteSpace(wanted?.DocumentType))
        {
            throw CasesProblems.InvalidCoverSheet("documentType");
        }

        if (wanted.Title is { Length: > MaxTitle })
        {
            throw CasesProblems.InvalidCoverSheet("title");
        }

        if (!await db.CaseFiles.AnyAsync(f => f.Id == fileId, ct))
        {
            throw CaseFileEndpoints.NotFound(fileId);
        }

        var type = await Documents.DocumentTypeCatalogue.EnsureKnownAsync(metadata, wanted.DocumentType.Trim(), "documentType", ct);
        if (wanted.CaseId is { } caseId && !await db.Cases.AnyAsync(c => c.Id == caseId && c.CaseFileId == fileId, ct))
        {
            throw CasesProblems.CaseNotInFile("caseId");
        }

        var sheet = new CoverSheet
        {
            CaseFileId = fileId,
            CaseId = wanted.CaseId,
            DocumentType = type,
            Title = string.IsNullOrWhiteSpace(wanted.Title) ? null : wanted.Title.Trim(),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor.Id,
        };
        await using var work = await db.BeginWorkAsync(audit, ct);
        db.CoverSheets.Add(sheet);
        work.Record(new AuditEntry("coversheet.create", "casefile", fileId.ToString(), $"cover sheet {sheet.Id:N}, {sheet.DocumentType}", PersonalData: true));
        await work.CommitAsync(ct);
        return sheet;
    }
}

internal sealed record PrintCoverSheetRequest(Guid SheetId, Guid? FileId = null);

/// <summary>A cover sheet's printable PDF and the name to save it under.</summary>
internal sealed record PrintedCoverSheet(byte[] Pdf, string FileName)
{
    /// <summary>A Content-Disposition that shows the PDF in the browser (for printing) and names it for saving.</summary>
    public string ContentDisposition => new System.Net.Http.Headers.ContentDispositionHeaderValue("inline") { FileNameStar = FileName }.ToString();
}

/// <summary>
/// Renders a cover sheet's PDF: the authority, the file number, the person's name and birth date, the document type and
/// the QR code. It prints personal data, so each print is recorded (<c>coversheet.print</c>). <see cref="PrintCoverSheetRequest.FileId"/>,
/// when given, must be the sheet's file (the file page's own check).
/// </summary>
internal sealed class PrintCoverSheet(CasesDbContext db, ICurrentTenant tenant, IAuditTrail audit)
{
    public async Task<PrintedCoverSheet> ExecuteAsync(PrintCoverSheetRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sheet = await db.CoverSheets.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.SheetId, ct);
        if (sheet is null || (request.FileId is { } file && sheet.CaseFileId != file))
        {
            throw CasesProblems.CoverSheetNotFound(request.SheetId);
        }

        var caseFile = await db.CaseFiles.AsNoTracking().SingleAsync(f => f.Id == sheet.CaseFileId, ct);
        var caseTitle = sheet.CaseId is { } c ? await db.Cases.AsNoTracking().Where(x => x.Id == c).Select(x => x.Title).SingleOrDefaultAsync(ct) : null;
        await audit.RecordAsync(new AuditEntry("coversheet.print", "casefile", sheet.CaseFileId.ToString(), $"cover sheet {sheet.Id:N}", PersonalData: true), ct);
        var pdf = CoverSheetPdf.Create(new CoverSheetContent(sheet.Id, tenant.Tenant!.Key, tenant.Tenant.Name, caseFile.FileNumber,
            $"{caseFile.Surname}, {caseFile.GivenNames}".TrimEnd(' ', ','), caseFile.BirthDate, sheet.DocumentType, caseTitle));
        return new PrintedCoverSheet(pdf, $"deckblatt-{caseFile.FileNumber}.pdf");
    }
}
