namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>A file in a box, by its number.</summary>
internal sealed record BoxFileView(Guid CaseFileId, string FileNumber, int? Sheets);

/// <summary>A delivery of a box as the box shows it.</summary>
internal sealed record BatchSummary(Guid Id, string QaStatus, DateTimeOffset ReceivedAt, int Documents, decimal QaRate, int SampleSize, decimal? DefectRate,
    DateTimeOffset? DecidedAt);

/// <summary>A box with its files and deliveries, as the API answers it and the box page shows it.</summary>
internal sealed record BoxView(
    Guid Id, string Label, string? Vendor, string Status, DateTimeOffset PackedAt, DateTimeOffset? SentAt, DateTimeOffset? ReturnedAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset? RejectedAt, string? RejectionReason, string CreatedBy, IReadOnlyList<BoxFileView> Files,
    IReadOnlyList<BatchSummary> Batches)
{
    /// <summary>The view of a box without recording a read (for a use case that records its own action).</summary>
    public static async Task<BoxView> LoadAsync(CasesDbContext db, LegacyBox box, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(box);
        var files = await db.LegacyBoxFiles.AsNoTracking().Where(f => f.BoxId == box.Id)
            .Join(db.CaseFiles, f => f.CaseFileId, c => c.Id, (f, c) => new { f.CaseFileId, c.FileNumber, f.Sheets })
            .OrderBy(f => f.FileNumber)
            .Select(f => new BoxFileView(f.CaseFileId, f.FileNumber, f.Sheets))
            .ToListAsync(ct);
        var batches = await db.LegacyScanBatches.AsNoTracking().Where(b => b.BoxId == box.Id).OrderBy(b => b.ReceivedAt)
            .Select(b => new BatchSummary(b.Id, b.QaStatus, b.ReceivedAt, b.Documents, b.QaRate, b.SampleSize, b.DefectRate, b.DecidedAt))
            .ToListAsync(ct);
        return new(box.Id, box.Label, box.Vendor, box.Status, box.PackedAt, box.SentAt, box.ReturnedAt, box.AcceptedAt, box.RejectedAt, box.RejectionReason,
            box.CreatedBy, files, batches);
    }
}

/// <param name="Via">Where the read came from: <see cref="ReadVia"/>.</param>
internal sealed record ReadBoxRequest(Guid Id, string Via);

/// <summary>A box with its files; it names files of persons, so the read is recorded first (<c>legacy.box.read</c>), for the API and the page alike.</summary>
internal sealed class ReadBox(CasesDbContext db, IAuditTrail audit)
{
    public async Task<BoxView> ExecuteAsync(ReadBoxRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var box = await db.LegacyBoxes.AsNoTracking().SingleOrDefaultAsync(b => b.Id == request.Id, ct) ?? throw CasesProblems.BoxNotFound(request.Id);
        await audit.RecordAsync(new AuditEntry("legacy.box.read", "legacy-box", request.Id.ToString(), "via " + request.Via, PersonalData: true), ct);
        return await BoxView.LoadAsync(db, box, ct);
    }
}
