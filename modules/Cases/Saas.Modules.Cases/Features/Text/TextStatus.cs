using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.Text;

/// <summary>The states of a document's text extraction: pending until the background job has run, then done or failed.</summary>
internal static class TextExtractionState
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>Where text extraction of a document stands.</summary>
internal sealed record TextStatus(string Status, int? Pages, string? Error, int Attempts)
{
    public static TextStatus NotYet { get; } = new(TextExtractionState.Pending, null, null, 0);
}

/// <summary>The text status of one document, or of several at once (the file page's timeline); none yet means pending.</summary>
internal sealed class ReadTextStatus(CasesDbContext db)
{
    public async Task<TextStatus> ExecuteAsync(Guid documentId, CancellationToken ct)
    {
        var statuses = await ForDocumentsAsync([documentId], ct);
        if (statuses[documentId] == TextStatus.NotYet && !await db.Documents.AnyAsync(d => d.Id == documentId, ct))
        {
            throw CasesProblems.DocumentNotFound(documentId);
        }

        return statuses[documentId];
    }

    public async Task<IReadOnlyDictionary<Guid, TextStatus>> ForDocumentsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var tenant = db.CurrentTenantId;
        var list = ids.Distinct().ToArray();
        var rows = await db.Database.SqlQuery<DocumentTextStatus>(
            $"SELECT document_id, status, pages, error, attempts FROM cases.text_extractions WHERE tenant_id = {tenant} AND document_id = ANY({list})")
            .ToListAsync(ct);
        var found = rows.ToDictionary(r => r.DocumentId, r => new TextStatus(r.Status, r.Pages, r.Error, r.Attempts));
        return list.ToDictionary(id => id, id => found.TryGetValue(id, out var status) ? status : TextStatus.NotYet);
    }

    private sealed record DocumentTextStatus(Guid DocumentId, string Status, int? Pages, string? Error, int Attempts);
}

/// <summary>A retry of one document's text extraction; <see cref="FileId"/>, when given, must be the document's file (the page's own check).</summary>
internal sealed record RetryTextExtractionRequest(Guid DocumentId, Guid? FileId = null);

/// <summary>
/// Starts the text extraction of a document again, after it failed or while it is still pending (a lost job): the same
/// event the upload raised goes to the outbox again, recorded as <c>document.text-retry</c>. A document whose text is
/// extracted already is refused (409 <c>text-already-extracted</c>), so a double click does not run OCR twice.
/// </summary>
internal sealed class RetryTextExtraction(CasesDbContext db, ReadTextStatus statuses, IAuditTrail audit, TimeProvider clock)
{
    public async Task ExecuteAsync(RetryTextExtractionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == request.DocumentId, ct);
        if (document is null || (request.FileId is { } file && document.CaseFileId != file))
        {
            throw CasesProblems.DocumentNotFound(request.DocumentId);
        }

        if ((await statuses.ExecuteAsync(document.Id, ct)).Status == TextExtractionState.Done)
        {
            throw CasesProblems.TextAlreadyExtracted(document.Id);
        }

        await using var work = await db.BeginWorkAsync(audit, ct);
        db.AddIntegrationEvent(new DocumentAdded(Guid.NewGuid(), db.CurrentTenantId, clock.GetUtcNow(), document.Id, document.CaseFileId, document.ContentType));
        work.Record(new AuditEntry("document.text-retry", "casefile", document.CaseFileId.ToString(), document.Id.ToString()));
        await work.CommitAsync(ct);
    }
}
