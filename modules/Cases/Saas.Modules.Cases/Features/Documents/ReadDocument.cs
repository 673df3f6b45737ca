namespace Saas.Modules.Cases.Features.Documents;

/// <param name="Via">Where the read came from (<see cref="ReadVia"/>), recorded with it.</param>
internal sealed record ReadDocumentRequest(Guid Id, string Via);

/// <summary>A document with the file it is in and the title of its case, if it is filed into one.</summary>
internal sealed record ReadDocumentResult(CaseDocument Document, CaseFile CaseFile, string? CaseTitle);

/// <summary>
/// One document's details, the read recorded first (<c>document.read</c>, "via api" or "via workbench"): the API
/// and the workbench's document page call this use case and record the same action with the same details.
/// </summary>
internal sealed class ReadDocument(CasesDbContext db, IAuditTrail audit)
{
    public async Task<ReadDocumentResult> ExecuteAsync(ReadDocumentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = await FindAsync(db, request.Id, ct);
        await audit.RecordAsync(new AuditEntry("document.read", "document", request.Id.ToString(), "via " + request.Via, PersonalData: true), ct);
        return found;
    }

    /// <summary>The document and its file without recording a read (for a use case or page that records its own action).</summary>
    internal static async Task<ReadDocumentResult> FindAsync(CasesDbContext db, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw CasesProblems.DocumentNotFound(id);
        var file = await db.CaseFiles.AsNoTracking().SingleAsync(f => f.Id == document.CaseFileId, ct);
        var caseTitle = document.CaseId is { } caseId ? await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Title).SingleOrDefaultAsync(ct) : null;
        return new ReadDocumentResult(document, file, caseTitle);
    }
}

/// <summary>Which bytes are asked for: the document as filed, or (TIFF scans) the PDF the viewer shows.</summary>
internal enum DocumentContentForm
{
    Original,
    Preview,
}

/// <param name="ReadAlreadyRecorded">
/// The workbench's document page recorded this viewing already and its frame's request proves it
/// (Pages/Workbench/ViewerMarker): no second record.
/// </param>
internal sealed record OpenDocumentContentRequest(Guid Id, string Via, DocumentContentForm Form = DocumentContentForm.Original, bool ReadAlreadyRecorded = false);

internal sealed record DocumentContent(Stream Content, string ContentType, string Title);

/// <summary>
/// A document's bytes, the read recorded first (<c>document.read</c>, e.g. "via api, content" or "via workbench,
/// preview") unless the viewer's page recorded it. A preview exists for TIFF scans only.
/// </summary>
internal sealed class OpenDocumentContent(CasesDbContext db, IBlobStore blobs, IAuditTrail audit)
{
    public async Task<DocumentContent> ExecuteAsync(OpenDocumentContentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == request.Id, ct) ?? throw CasesProblems.DocumentNotFound(request.Id);
        if (request.Form == DocumentContentForm.Preview && !IsTiff(document.ContentType))
        {
            throw CasesProblems.NoPreview(document.ContentType);
        }

        if (!request.ReadAlreadyRecorded)
        {
            var what = request.Form == DocumentContentForm.Preview ? "preview" : "content";
            await audit.RecordAsync(new AuditEntry("document.read", "document", request.Id.ToString(), $"via {request.Via}, {what}", PersonalData: true), ct);
        }

        return new DocumentContent(await blobs.OpenReadAsync(document.Sha256, ct), document.ContentType, document.Title);
    }

    internal static bool IsTiff(string contentType) => contentType == "image/tiff";
}
