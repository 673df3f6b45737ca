using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>
/// A generated document (a letter of modules/Letters) enters the file through the upload use case itself, so it is
/// checked by content, refused for a file that is not active or a case of another file, audited as <c>document.add</c>
/// and searchable by its text like any uploaded PDF; row-level security keeps another authority's file out of reach.
/// </summary>
internal sealed class CaseDocuments(UploadDocument upload, OpenDocumentContent open) : ICaseDocuments
{
    public async Task<CaseDocumentContent> OpenAsync(Guid documentId, string via, CancellationToken ct = default)
    {
        var content = await open.ExecuteAsync(new OpenDocumentContentRequest(documentId, via), ct);
        return new CaseDocumentContent(content.Content, content.ContentType, content.Title);
    }

    public async Task CheckAsync(string fileName, string contentType, byte[] bytes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var content = new MemoryStream(bytes, writable: false);
        await upload.CheckAsync(new FormFile(content, 0, bytes.Length, "file", fileName) { Headers = new HeaderDictionary(), ContentType = contentType }, ct);
    }

    public async Task<Guid> AddGeneratedAsync(Guid caseFileId, Guid? caseId, string documentType, string fileName, string contentType, byte[] bytes,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        using var content = new MemoryStream(bytes, writable: false);
        var file = new FormFile(content, 0, bytes.Length, "file", fileName) { Headers = new HeaderDictionary(), ContentType = contentType };
        var added = await upload.ExecuteAsync(new UploadDocumentRequest(caseFileId, [file], caseId, documentType, fileName, PaperOriginal: false), ct);
        return added[0].Document.Id;
    }
}
