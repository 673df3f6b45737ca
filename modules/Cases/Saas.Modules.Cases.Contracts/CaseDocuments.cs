namespace Saas.Modules.Cases.Contracts;

/// <summary>A document's content as stored (its SHA-256 checked on opening), its type and title.</summary>
public sealed record CaseDocumentContent(Stream Content, string ContentType, string Title);

/// <summary>
/// Documents other modules add to a file: a letter the platform wrote (modules/Letters), later receipts. The call is the
/// e-Akte's upload use case (checked by content, refused for a file that is not active, audited as <c>document.add</c>,
/// its text read by pdftotext and searchable), answered with the e-Akte's problems.
/// </summary>
public interface ICaseDocuments
{
    /// <summary>
    /// A document's bytes for another module that holds its id (the portal's receipt of a submission it filed), the
    /// read recorded as <c>document.read</c> "via {via}". The caller disposes the stream.
    /// </summary>
    Task<CaseDocumentContent> OpenAsync(Guid documentId, string via, CancellationToken ct = default);

    /// <summary>Adds a generated document to a file (and a case of it); returns the new document's id.</summary>
    /// <summary>
    /// Whether a file would be taken as a document, by the same checks as an upload, storing nothing (the portal
    /// checks evidence when it is uploaded, not only when it is filed); throws the e-Akte's problem when not.
    /// </summary>
    Task CheckAsync(string fileName, string contentType, byte[] bytes, CancellationToken ct = default);

    Task<Guid> AddGeneratedAsync(Guid caseFileId, Guid? caseId, string documentType, string fileName, string contentType, byte[] bytes, CancellationToken ct = default);
}
