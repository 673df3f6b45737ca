namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>
/// Which documents came in a delivery that the quality check rejected: they stay in the file (the record of what
/// was delivered), and wherever the file shows its documents they are marked (Pages/Workbench/Legacy/_RejectedDeliveryMark).
/// One query per file and request; scoped.
/// </summary>
internal sealed class RejectedDeliveries(CasesDbContext db)
{
    private readonly Dictionary<Guid, HashSet<Guid>> byFile = [];

    /// <summary>The documents of a file that came in a rejected delivery.</summary>
    public async Task<IReadOnlySet<Guid>> OfFileAsync(Guid fileId, CancellationToken ct)
    {
        if (!byFile.TryGetValue(fileId, out var documents))
        {
            documents = [.. await db.BatchDocuments.AsNoTracking().Where(d => d.CaseFileId == fileId)
                .Join(db.LegacyScanBatches.Where(b => b.QaStatus == QaStatus.Rejected), d => d.BatchId, b => b.Id, (d, b) => d.DocumentId)
                .ToListAsync(ct)];
            byFile[fileId] = documents;
        }

        return documents;
    }

    /// <summary>Whether a document of the file came in a rejected delivery.</summary>
    public async Task<bool> IsRejectedAsync(Guid fileId, Guid documentId, CancellationToken ct) => (await OfFileAsync(fileId, ct)).Contains(documentId);
}
