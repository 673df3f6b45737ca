namespace Saas.Modules.Letters.Contracts;

/// <summary>
/// What a caller asks for: the authority's letter <paramref name="Letter"/> (the key of a <c>letter</c> document) for a
/// person's file (and a case of it), in the applicant's <paramref name="Language"/> if the letter has its text blocks in
/// it (else German), with the caller's placeholder values already written as text (<c>deadline</c> → <c>15.01.2027</c>).
/// </summary>
public sealed record LetterRequest(string Letter, Guid CaseFileId, Guid? CaseId, string? Language, IReadOnlyDictionary<string, string> Values);

/// <summary>A letter filed into the e-Akte: the document's id, the language it was written in, its file name and page count.</summary>
public sealed record ProducedLetter(Guid DocumentId, string Letter, string Language, string FileName, int Pages);

/// <summary>A letter rendered without filing: its HTML and its PDF/A-2b bytes.</summary>
public sealed record RenderedLetter(string Letter, string Language, string Html, byte[] Pdf);

/// <summary>
/// The letters pipeline (docs/adr/0023): a reviewed Razor template of the authority, the text blocks and placeholders its
/// admins edit in the studio, rendered to HTML and by WeasyPrint to PDF/A-2b. Processes, fees (receipts) and online
/// applications (submission receipts) call it.
/// </summary>
public interface ILetters
{
    /// <summary>
    /// Renders the authority's letter <c>Letter</c> (a <c>letter</c> metadata document key) to PDF and files it into the
    /// e-Akte file (and case, if given) as a document; audited.
    /// </summary>
    Task<ProducedLetter> ProduceAsync(LetterRequest request, CancellationToken ct = default);

    /// <summary>Renders without filing (HTML and PDF bytes) — receipts, previews.</summary>
    Task<RenderedLetter> RenderAsync(LetterRequest request, CancellationToken ct = default);
}
