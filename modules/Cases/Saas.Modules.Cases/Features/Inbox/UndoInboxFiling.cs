using Saas.Modules.Cases.Features.Documents;

namespace Saas.Modules.Cases.Features.Inbox;

internal sealed record UndoInboxFilingRequest(Guid Id);

internal sealed record UndoInboxFilingResult(Guid FileId, IReadOnlyList<Guid> Withdrawn);

/// <summary>
/// Takes back a wrong filing: the documents the filing created are withdrawn from the file (kept with their bytes,
/// text and history, no longer listed, see <see cref="DocumentWithdrawal"/>) and the item is open again, audited
/// as one action. Limits, each a 409 that names it: the file must still be active (not handed over or deleted),
/// not under a legal hold, and every document of the filing still where the filing put it (same file, same case,
/// not withdrawn or deleted), in a case that is still open. Of two caseworkers acting on the item, one wins.
/// </summary>
internal sealed class UndoInboxFiling(CasesDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider clock, Search.IDocumentSearch search)
{
    public async Task<UndoInboxFilingResult> ExecuteAsync(UndoInboxFilingRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var work = await db.BeginWorkAsync(audit, ct);
        var item = await db.InboxItems.SingleOrDefaultAsync(i => i.Id == request.Id, ct) ?? throw CasesProblems.InboxItemNotFound(request.Id);
        if (item.Status != InboxItemStatus.Assigned || item.AssignedFileId is not { } fileId)
        {
            throw CasesProblems.InboxItemNotUndoable(item.Status);
        }

        // The file stays active until commit: a hand-over that came first is seen here, one that comes later waits.
        if (!(await DocumentWriter.LockActiveFilesAsync(db, [fileId], ct)).Contains(fileId))
        {
            throw CasesProblems.FileReadOnly(fileId);
        }

        if (await db.LegalHolds.AnyAsync(h => h.CaseFileId == fileId && h.ReleasedAt == null, ct))
        {
            throw CasesProblems.InboxFilingUnderHold(fileId);
        }

        // The filing's documents were written with the item's assignment time (AssignInboxItem, one unit of work).
        var assignedAt = item.AssignedAt;
        var caseId = item.AssignedCaseId;
        var documents = await db.Documents.IgnoreQueryFilters([DocumentWithdrawal.FilterName])
            .Where(d => d.InboxItemId == item.Id && d.CreatedAt == assignedAt)
            .Select(d => new { d.Id, d.CaseFileId, d.CaseId, Withdrawn = EF.Property<DateTimeOffset?>(d, DocumentWithdrawal.At) })
            .ToListAsync(ct);
        if (documents.Count == 0 || documents.Any(d => d.CaseFileId != fileId || d.CaseId != caseId || d.Withdrawn is not null))
        {
            throw CasesProblems.InboxFilingChanged();
        }

        if (caseId is { } filedInto && await db.Cases.AnyAsync(c => c.Id == filedInto && c.Status != CaseFiles.CaseStatus.Open, ct))
        {
            throw CasesProblems.InboxFilingCaseClosed(filedInto);
        }

        var now = clock.GetUtcNow();
        var ids = documents.Select(d => d.Id).ToList();

        // Conditional: a document moved into another case meanwhile (it waits for this row lock or wins it) is not withdrawn.
        var withdrawn = await db.Documents
            .Where(d => ids.Contains(d.Id) && d.CaseFileId == fileId && d.CaseId == caseId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => EF.Property<DateTimeOffset?>(d, DocumentWithdrawal.At), now)
                .SetProperty(d => EF.Property<string?>(d, DocumentWithdrawal.By), actor.Id), ct);
        if (withdrawn != ids.Count)
        {
            throw CasesProblems.InboxFilingChanged();
        }

        item.Reopen();
        work.Record(new AuditEntry("inbox.undo-filing", "casefile", fileId.ToString(),
            $"inbox {item.Id}, {ids.Count} document(s) withdrawn: {string.Join(' ', ids)}", PersonalData: true));
        await work.CommitAsync(CasesProblems.InboxItemChanged, ct);
        // The PostgreSQL search skips withdrawn documents by itself (migration 0019); an external index forgets them.
        foreach (var id in ids)
        {
            await search.RemoveAsync(db.CurrentTenantId, id, ct);
        }

        return new UndoInboxFilingResult(fileId, ids);
    }
}
