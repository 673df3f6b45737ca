using Saas.Modules.Cases.Features.Search;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>A document's new title and type; <paramref name="Version"/> is the row version the caseworker saw.</summary>
internal sealed record EditDocumentDetailsRequest(Guid Id, string? Title, string? DocumentType, uint Version);

/// <summary>
/// Corrects a filed document's title and type (a scan titled by its file name, a letter filed as "sonstiges"). The
/// type comes from the authority's catalogue. Audited on the document's file (<c>document.details</c>) with the
/// values before and after. Of two caseworkers editing or moving the document at once, the second gets 409
/// (<c>document-changed</c>) and nothing of their change is saved; a file handed over or deleted refuses it.
/// </summary>
internal sealed class EditDocumentDetails(CasesDbContext db, IAuditTrail audit, IMetadataStore metadata, IDocumentSearch search)
{
    public async Task<CaseDocument> ExecuteAsync(EditDocumentDetailsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var title = request.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            throw CasesProblems.DocumentTitleMissing();
        }

        if (title.Length > CaseDocument.MaxTitle)
        {
            throw CasesProblems.DocumentTitleTooLong(CaseDocument.MaxTitle);
        }

        var type = request.DocumentType?.Trim() ?? "";
        if (type.Length == 0)
        {
            throw CasesProblems.DocumentTypeMissing();
        }

        type = await DocumentTypeCatalogue.EnsureKnownAsync(metadata, type, "documentType", ct);
        CaseDocument document;
        await using (var work = await db.BeginWorkAsync(audit, ct))
        {
            document = await DocumentRows.FindTrackedAsync(db, request.Id, request.Version, ct);
            // The file stays active until commit: a hand-over that came first refuses this change (Features/Transfer).
            if (!(await DocumentWriter.LockActiveFilesAsync(db, [document.CaseFileId], ct)).Contains(document.CaseFileId))
            {
                throw CasesProblems.FileReadOnly(document.CaseFileId);
            }

            var (oldTitle, oldType) = (document.Title, document.DocumentType);
            if (oldTitle == title && oldType == type)
            {
                return document;
            }

            document.ChangeDetails(title, type);
            work.Record(new AuditEntry("document.details", "casefile", document.CaseFileId.ToString(),
                $"document {document.Id}: title \"{oldTitle}\" → \"{title}\", type {oldType} → {type}", PersonalData: true));
            await work.CommitAsync(() => CasesProblems.DocumentChanged(request.Id), ct);
        }

        await DocumentRows.ReindexAsync(db, search, document, ct);
        return document;
    }
}

/// <summary>What the document use cases that change a row share.</summary>
internal static class DocumentRows
{
    /// <summary>
    /// The document, tracked, with the row version the caseworker saw as the one its update must find: a change
    /// or move by someone else since then makes the commit fail (→ <c>document-changed</c>).
    /// </summary>
    public static async Task<CaseDocument> FindTrackedAsync(CasesDbContext db, Guid id, uint version, CancellationToken ct)
    {
        var document = await db.Documents.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw CasesProblems.DocumentNotFound(id);
        if (document.Version != version)
        {
            throw CasesProblems.DocumentChanged(id);
        }

        db.Entry(document).Property(d => d.Version).OriginalValue = version;
        return document;
    }

    /// <summary>
    /// Hands a document whose text is read to the search index again, with its new title, type, file or case
    /// (a no-op for PostgreSQL, which reads these from the document row; Elasticsearch keeps a copy).
    /// </summary>
    public static async Task ReindexAsync(CasesDbContext db, IDocumentSearch search, CaseDocument document, CancellationToken ct)
    {
        var pages = await db.Pages.AsNoTracking().Where(p => p.DocumentId == document.Id).OrderBy(p => p.Page).Select(p => p.Text).ToListAsync(ct);
        if (pages.Count > 0)
        {
            await search.IndexAsync(new IndexedDocument(document.TenantId, document.Id, document.CaseFileId, document.CaseId, document.DocumentType,
                document.Title, document.CreatedAt, pages), ct);
        }
    }
}
