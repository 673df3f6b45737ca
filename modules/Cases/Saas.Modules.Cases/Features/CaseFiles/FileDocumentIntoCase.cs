namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>A document of the file goes into one of the file's cases, or (<paramref name="CaseId"/> null) out of any case.</summary>
internal sealed record FileDocumentIntoCaseRequest(Guid DocumentId, Guid? CaseId);

internal sealed record FiledDocument(Guid DocumentId, Guid CaseFileId, Guid? CaseId);

/// <summary>
/// Files a document into a case after the fact (a caseworker sorts what came in): only the link changes, the
/// document stays as it was; audited (<c>document.case</c>) with the old and the new case. A file handed over or
/// deleted refuses it, and the case must belong to the document's file.
/// </summary>
internal sealed class FileDocumentIntoCase(CasesDbContext db, IAuditTrail audit)
{
    public async Task<FiledDocument> ExecuteAsync(FileDocumentIntoCaseRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var work = await db.BeginWorkAsync(audit, ct);
        var document = await db.Documents.AsNoTracking().Where(d => d.Id == request.DocumentId).Select(d => new { d.CaseFileId, d.CaseId }).SingleOrDefaultAsync(ct)
                       ?? throw CasesProblems.DocumentNotFound(request.DocumentId);
        if (!(await Documents.DocumentWriter.LockActiveFilesAsync(db, [document.CaseFileId], ct)).Contains(document.CaseFileId))
        {
            throw CasesProblems.FileReadOnly(document.CaseFileId);
        }

        if (request.CaseId is { } caseId && !await db.Cases.AnyAsync(c => c.Id == caseId && c.CaseFileId == document.CaseFileId, ct))
        {
            throw CasesProblems.CaseNotInFile("caseId");
        }

        await db.Documents.Where(d => d.Id == request.DocumentId).ExecuteUpdateAsync(s => s.SetProperty(d => d.CaseId, request.CaseId), ct);
        work.Record(new AuditEntry("document.case", "casefile", document.CaseFileId.ToString(),
            $"document {request.DocumentId}: case {document.CaseId?.ToString() ?? "-"} → {request.CaseId?.ToString() ?? "-"}", PersonalData: true));
        await work.CommitAsync(ct);
        return new FiledDocument(request.DocumentId, document.CaseFileId, request.CaseId);
    }
}
