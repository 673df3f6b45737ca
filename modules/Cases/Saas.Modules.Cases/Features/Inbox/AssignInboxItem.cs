using Saas.Modules.Cases.Features.Documents;

namespace Saas.Modules.Cases.Features.Inbox;

/// <summary>Assigning an inbox item to a file (one click on a suggestion, or a file chosen by hand).</summary>
/// <param name="CaseId">The case (Vorgang) in the file the documents belong to, if any.</param>
/// <param name="Title">The document's title; the item's title when empty.</param>
internal sealed record AssignInboxItemRequest(Guid Id, Guid FileId, string? DocumentType = null, Guid? CaseId = null, string? Title = null);

internal sealed record AssignInboxItemResult(Guid FileId, IReadOnlyList<Guid> Documents);

/// <summary>
/// An open item goes into a file: its content (and each attachment of a mail) becomes a document there, audited
/// in the same unit of work. Race-safe: of two caseworkers who assign or discard the same item, one wins and the
/// other gets 409 (the item's row version); a file handed over meanwhile refuses it (the file's row lock).
/// </summary>
internal sealed class AssignInboxItem(CasesDbContext db, IMetadataStore metadata, IBlobStore blobs, IAuditTrail audit, IOptions<CasesOptions> settings,
    ICurrentActor actor, TimeProvider clock)
{
    public async Task<AssignInboxItemResult> ExecuteAsync(AssignInboxItemRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = await db.InboxItems.SingleOrDefaultAsync(i => i.Id == request.Id, ct) ?? throw CasesProblems.InboxItemNotFound(request.Id);
        InboxItemStatus.EnsureCanBecome(item.Status, InboxItemStatus.Assigned);
        var status = await db.CaseFiles.Where(f => f.Id == request.FileId).Select(f => f.Status).SingleOrDefaultAsync(ct)
                     ?? throw CaseFiles.CaseFileEndpoints.NotFound(request.FileId);
        if (status != "active")
        {
            throw CasesProblems.FileReadOnly(request.FileId); // early, before a mail's attachments are stored; checked again under the lock below
        }

        if (request.CaseId is { } caseId && !await db.Cases.AnyAsync(p => p.Id == caseId && p.CaseFileId == request.FileId, ct))
        {
            throw CasesProblems.CaseNotInFile("caseId");
        }

        var documentType = await DocumentTypeCatalogue.EnsureKnownAsync(metadata,
            string.IsNullOrWhiteSpace(request.DocumentType) ? (item.Source == "mail" ? "schriftverkehr" : "sonstiges") : request.DocumentType.Trim(), "documentType", ct);
        var title = string.IsNullOrWhiteSpace(request.Title) ? item.Title : request.Title.Trim();
        var documents = new List<NewDocument>
        {
            new(request.FileId, request.CaseId, documentType, title, item.Source, item.ContentType, new StoredBlob(item.Sha256, item.Length),
                PaperOriginal: item.Source == "scan", item.Pages, item.BatchId, item.Id),
        };
        if (item.Source == "mail")
        {
            // Each attachment of an allowed type becomes a document of its own, next to the mail.
            foreach (var attachment in await MailIngest.StoreAttachmentsAsync(blobs, item, settings.Value, ct))
            {
                documents.Add(new(request.FileId, request.CaseId, documentType, attachment.Name, "mail", attachment.ContentType, attachment.Blob,
                    PaperOriginal: false, InboxItemId: item.Id));
            }
        }

        await using var work = await db.BeginWorkAsync(audit, ct);

        // The file stays active until commit: a hand-over that came first is seen here, one that comes later waits
        // and takes these documents along (Features/Transfer).
        if (!(await DocumentWriter.LockActiveFilesAsync(db, [request.FileId], ct)).Contains(request.FileId))
        {
            throw CasesProblems.FileReadOnly(request.FileId);
        }

        var now = clock.GetUtcNow();
        item.AssignTo(request.FileId, actor.Id, now, request.CaseId);
        var created = documents.Select(d => DocumentWriter.Add(db, d, actor.Id, now)).ToList();
        work.Record(new AuditEntry("inbox.assign", "casefile", request.FileId.ToString(), $"inbox {item.Id}, {created.Count} document(s)", PersonalData: true));
        await work.CommitAsync(CasesProblems.InboxItemClosed, ct);
        return new AssignInboxItemResult(request.FileId, [.. created.Select(d => d.Id)]);
    }
}
