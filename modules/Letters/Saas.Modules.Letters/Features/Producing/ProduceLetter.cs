using Saas.Modules.Cases.Contracts;
using Saas.Modules.Letters.Features.Rendering;

namespace Saas.Modules.Letters.Features.Producing;

/// <summary>
/// Renders a letter and files it into the person's file (and case) as a document of the letter's type, through the
/// e-Akte's contract: its upload use case checks the file is active and the case belongs to it, audits
/// <c>document.add</c> and reads the PDF's text for the search. The letter's own record, <c>letter.produce</c>
/// (which letter, which language), is appended right after, naming the new document.
/// </summary>
internal sealed class ProduceLetter(RenderLetter render, ICaseDocuments documents, IAuditTrail audit)
{
    public async Task<ProducedLetter> ExecuteAsync(LetterRequest request, CancellationToken ct)
    {
        var letter = await render.ExecuteAsync(request, ct);
        var id = await documents.AddGeneratedAsync(request.CaseFileId, request.CaseId, letter.Definition.DocumentType, letter.FileName, "application/pdf", letter.Pdf, ct);
        await audit.RecordAsync(new AuditEntry("letter.produce", "document", id.ToString(),
            $"letter {letter.Definition.Key}, language {letter.Language}, file {request.CaseFileId}", PersonalData: true), ct);
        return new ProducedLetter(id, letter.Definition.Key, letter.Language, letter.FileName, letter.Pages);
    }
}
