namespace Saas.Modules.Cases.Contracts;

/// <summary>
/// Documents other modules add to a file: a letter the platform wrote (modules/Letters), later receipts. The call is the
/// e-Akte's upload use case (checked by content, refused for a file that is not active, audited as <c>document.add</c>,
/// its text read by pdftotext and searchable), answered with the e-Akte's problems.
/// </summary>
public interface ICaseDocuments
{
    /// <summary>Adds a generated document to a file (and a case of it); returns the new document's id.</summary>
    /// <summary>
    /// Whether a file would be taken as a document, by the same checks as an upload, storing nothing (the portal
    /// checks evidence when it is uploaded, not only when it is filed); throws the e-Akte's problem when not.
    /// </summary>
    Task CheckAsync(string fileName, string contentType, byte[] bytes, CancellationToken ct = default);

    Task<Guid> AddGeneratedAsync(Guid caseFileId, Guid? caseId, string documentType, string fileName, string contentType, byte[] bytes, CancellationToken ct = default);
}
