using Saas.Modules.Cases.Features.Search;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>
/// A document goes into another file (<paramref name="FileId"/>), optionally into one of its cases, or into another
/// case of its own file. <paramref name="Version"/> is the row version the caseworker saw.
/// </summary>
internal sealed record MoveDocumentRequest(Guid Id, Guid FileId, Guid? CaseId, uint Version);

internal sealed record MovedDocument(Guid DocumentId, Guid FromFileId, Guid? FromCaseId, Guid FileId, Guid? CaseId);

/// <summary>
/// Moves a document filed in the wrong file (a namesake, a mixed-up scan) to the right one. A document filed into
/// a case of its old file leaves that case, unless a case of the new file is named; that case must be open. Both
/// files must be active (not handed over or deleted) and the old one not on legal hold, whose documents stay where
/// they are. Audited on both files (<c>document.move</c>), so each file's history shows it; of two caseworkers
/// moving or editing the document at once, the second gets 409 and nothing of their move is saved.
/// </summary>
internal sealed class MoveDocument(CasesDbContext db, IAuditTrail audit, IDocumentSearch search)
{
    public async Task<MovedDocument> ExecuteAsync(MoveDocumentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        CaseDocument document;
        MovedDocument moved;
        await using (var work = await db.BeginWorkAsync(audit, ct))
        {
            document = await DocumentRows.FindTrackedAsync(db, request.Id, request.Version, ct);
            var from = document.CaseFileId;
            if (!await db.CaseFiles.AnyAsync(f => f.Id == request.FileId, ct))
            {
                throw CasesProblems.UnknownMoveTarget(request.FileId);
            }

            if (from == request.FileId && document.CaseId == request.CaseId)
            {
                throw CasesProblems.DocumentAlreadyThere();
            }

            // Both files stay active until commit (in id order, no deadlock with another move the other way round).
            var active = await DocumentWriter.LockActiveFilesAsync(db, [from, request.FileId], ct);
            if (new[] { from, request.FileId }.FirstOrDefault(f => !active.Contains(f)) is var inactive && inactive != Guid.Empty)
            {
                throw CasesProblems.FileReadOnly(inactive);
            }

            if (from != request.FileId && await db.LegalHolds.AnyAsync(h => h.CaseFileId == from && h.ReleasedAt == null, ct))
            {
                throw CasesProblems.DocumentOnLegalHold(from);
            }

            if (request.CaseId is { } caseId)
            {
                var target = await db.Cases.AsNoTracking().Where(c => c.Id == caseId && c.CaseFileId == request.FileId).Select(c => new { c.Status })
                                 .SingleOrDefaultAsync(ct) ?? throw CasesProblems.CaseNotInFile("caseId");
                if (target.Status != CaseFiles.CaseStatus.Open)
                {
                    throw CasesProblems.CaseClosed(caseId);
                }
            }

            moved = new MovedDocument(document.Id, from, document.CaseId, request.FileId, request.CaseId);
            document.MoveTo(request.FileId, request.CaseId);
            var details = $"document {document.Id} \"{document.Title}\": file {from} → {request.FileId}, " +
                          $"case {moved.FromCaseId?.ToString() ?? "-"} → {request.CaseId?.ToString() ?? "-"}";
            work.Record(new AuditEntry("document.move", "casefile", from.ToString(), details, PersonalData: true));
            if (from != request.FileId)
            {
                work.Record(new AuditEntry("document.move", "casefile", request.FileId.ToString(), details, PersonalData: true));
            }

            await work.CommitAsync(() => CasesProblems.DocumentChanged(request.Id), ct);
        }

        await DocumentRows.ReindexAsync(db, search, document, ct);
        return moved;
    }
}
