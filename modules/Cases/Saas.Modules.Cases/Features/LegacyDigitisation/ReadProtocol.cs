namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <param name="Via">Where the read came from: <see cref="ReadVia"/>.</param>
internal sealed record ReadProtocolRequest(Guid BatchId, string Via);

/// <summary>A delivery's record for auditors and the grant report: the batch, its box, its manifest by path and the findings.</summary>
internal sealed record ScanProtocolRecord(LegacyScanBatch Batch, LegacyBox Box, IReadOnlyList<BatchDocument> Manifest, IReadOnlyList<QaFinding> Findings)
{
    public IReadOnlyDictionary<Guid, QaFinding> FindingsByDocument { get; } = Findings.ToDictionary(f => f.DocumentId);
}

/// <summary>The scan protocol of a delivery; it names files of persons, so the read is recorded (<c>legacy.protocol.read</c>), for the API and the page alike.</summary>
internal sealed class ReadProtocol(CasesDbContext db, IAuditTrail audit)
{
    public async Task<ScanProtocolRecord> ExecuteAsync(ReadProtocolRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.BatchId;
        var batch = await db.LegacyScanBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw CasesProblems.BatchNotFound(id);
        var box = await db.LegacyBoxes.AsNoTracking().SingleAsync(b => b.Id == batch.BoxId, ct);
        var manifest = await db.BatchDocuments.AsNoTracking().Where(d => d.BatchId == id).OrderBy(d => d.Path).ToListAsync(ct);
        var findings = await db.QaFindings.AsNoTracking().Where(f => f.BatchId == id).ToListAsync(ct);
        await audit.RecordAsync(new AuditEntry("legacy.protocol.read", "legacy-batch", id.ToString(), "via " + request.Via, PersonalData: true), ct);
        return new ScanProtocolRecord(batch, box, manifest, findings);
    }
}
