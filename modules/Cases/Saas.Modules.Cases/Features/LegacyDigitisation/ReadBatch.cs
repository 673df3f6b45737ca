namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>A sampled document with its finding so far (none yet: not checked).</summary>
internal sealed record SampleView(Guid DocumentId, string Path, string ContentType, string? Result, string? Category, string? Note);

/// <summary>A delivery under check, with its sample.</summary>
internal sealed record BatchView(Guid Id, Guid BoxId, string QaStatus, int Documents, decimal QaRate, string QaRateReason, int SampleSize, decimal MaxDefectRate,
    DateTimeOffset ReceivedAt, int Checked,
    int? Defects, decimal? DefectRate, DateTimeOffset? DecidedAt, string? RejectionReason, IReadOnlyList<SampleView> Sample);

/// <param name="Via">Where the read came from: <see cref="ReadVia"/>.</param>
internal sealed record ReadBatchRequest(Guid Id, string Via);

/// <summary>A delivery and its sample for the check; the read is recorded first (<c>legacy.batch.read</c>), for the API and the page alike.</summary>
internal sealed class ReadBatch(CasesDbContext db, IAuditTrail audit)
{
    public async Task<BatchView> ExecuteAsync(ReadBatchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var batch = await db.LegacyScanBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == request.Id, ct) ?? throw CasesProblems.BatchNotFound(request.Id);
        await audit.RecordAsync(new AuditEntry("legacy.batch.read", "legacy-batch", request.Id.ToString(), "via " + request.Via, PersonalData: true), ct);
        var sample = await db.BatchDocuments.AsNoTracking().Where(d => d.BatchId == request.Id && d.Sampled).OrderBy(d => d.Path)
            .GroupJoin(db.QaFindings, d => d.DocumentId, f => f.DocumentId, (d, f) => new { d, f })
            .SelectMany(x => x.f.DefaultIfEmpty(), (x, f) => new SampleView(x.d.DocumentId, x.d.Path, x.d.ContentType, f == null ? null : f.Result,
                f == null ? null : f.Category, f == null ? null : f.Note))
            .ToListAsync(ct);
        return new BatchView(batch.Id, batch.BoxId, batch.QaStatus, batch.Documents, batch.QaRate, batch.QaRateReason, batch.SampleSize, batch.MaxDefectRate, batch.ReceivedAt,
            sample.Count(s => s.Result is not null), batch.Defects, batch.DefectRate, batch.DecidedAt, batch.RejectionReason, sample);
    }
}
