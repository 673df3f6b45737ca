using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Applications.Features.Intake;

/// <summary>
/// The Eingangsbestätigung of a submission for the applicant (docs/adr/0042): whether the intake has filed it, and its
/// PDF from the e-Akte (the read recorded there as "via portal"). Only the submission's own receipt document is reached.
/// </summary>
internal sealed class ReadReceiptLetter(ApplicationsDbContext db, ICaseDocuments documents)
{
    public async Task<bool> HasAsync(Guid submissionId, CancellationToken ct) =>
        await db.Submissions.AsNoTracking().AnyAsync(s => s.Id == submissionId && s.ReceiptDocumentId != null, ct);

    public async Task<(Stream Content, string FileName)> OpenAsync(Guid submissionId, CancellationToken ct)
    {
        var row = await db.Submissions.AsNoTracking().Where(s => s.Id == submissionId).Select(s => new { s.ReceiptDocumentId, s.ReceiptNumber }).SingleOrDefaultAsync(ct);
        if (row?.ReceiptDocumentId is not { } document)
        {
            throw ApplicationsProblems.ReceiptLetterNotReady();
        }

        var content = await documents.OpenAsync(document, "portal", ct);
        return (content.Content, $"Eingangsbestaetigung-{row.ReceiptNumber}.pdf");
    }
}
