using Saas.Modules.Cases.Contracts;
using Saas.Platform.Outbox;
using Saas.Platform.Storage;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>A document about to be added to a file; its bytes are already stored and verified.</summary>
internal sealed record NewDocument(
    Guid CaseFileId,
    Guid? ProcedureId,
    string DocumentType,
    string Title,
    string Source,
    string ContentType,
    StoredBlob Blob,
    bool PaperOriginal,
    int? Pages = null,
    Guid? BatchId = null,
    Guid? InboxItemId = null);

/// <summary>
/// The one way a document enters a file, whatever its source (upload, scan, mail, transfer, digitisation): the
/// row and the event that starts text extraction go into the caller's transaction together.
/// </summary>
internal static class DocumentWriter
{
    public static CaseDocument Add(CasesDbContext db, NewDocument document, string actor, DateTimeOffset now)
    {
        var row = new CaseDocument
        {
            CaseFileId = document.CaseFileId,
            ProcedureId = document.ProcedureId,
            DocumentType = document.DocumentType,
            Title = document.Title,
            Source = document.Source,
            ContentType = document.ContentType,
            Sha256 = document.Blob.Sha256,
            Length = document.Blob.Length,
            PaperOriginal = document.PaperOriginal,
            Pages = document.Pages,
            BatchId = document.BatchId,
            InboxItemId = document.InboxItemId,
            CreatedAt = now,
            CreatedBy = actor,
        };
        db.Documents.Add(row);
        db.AddIntegrationEvent(new DocumentAdded(Guid.NewGuid(), db.CurrentTenantId, now, row.Id, row.CaseFileId, row.ContentType));
        return row;
    }
}
