using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.Paging;
using Saas.Platform.Domain;

namespace Saas.Modules.Cases.Features.Ingest;

/// <summary>
/// The way of a scan batch: received → processed | failed; a failed batch can be started again (failed → received).
/// Changed only by the batch's own methods (<see cref="ScanBatch.MarkProcessed"/>, <see cref="ScanBatch.Retry"/>) and
/// the processor's failure record.
/// </summary>
internal static class ScanBatchStatus
{
    public const string Received = "received";
    public const string Processed = "processed";
    public const string Failed = "failed";

    private static readonly Transitions Moves = new((Received, [Processed, Failed]), (Processed, []), (Failed, [Received]));

    public static bool CanBecome(string from, string to) => Moves.Allows(from, to);

    /// <summary>The 409 for a move the batch's state does not allow (e.g. retrying a batch that was split).</summary>
    public static void EnsureCanBecome(string from, string to)
    {
        if (!CanBecome(from, to))
        {
            throw CasesProblems.ScanBatchNotFailed(from);
        }
    }

    /// <summary>The status as people read it (texts <c>cases.scan-batch.status.{status}</c>).</summary>
    public static LocalizedText Name(string status) => new("cases.scan-batch.status." + status);
}

/// <summary>A scan batch as the API answers it.</summary>
internal sealed record ScanBatchView(
    Guid Id, string FileName, long Length, string Status, int? Pages, int? Documents, int? InboxItems, string? Error, DateTimeOffset ReceivedAt, string ReceivedBy,
    DateTimeOffset? ProcessedAt)
{
    public static ScanBatchView Of(ScanBatch b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new(b.Id, b.FileName, b.Length, b.Status, b.Pages, b.Documents, b.InboxItems, b.Error, b.ReceivedAt, b.ReceivedBy, b.ProcessedAt);
    }
}

/// <summary>A document the batch filed, with the number of the file it went into.</summary>
internal sealed record ScanBatchDocument(Guid Id, Guid CaseFileId, string FileNumber, string DocumentType, string Title, int? Pages);

/// <summary>An inbox item the batch produced (a page group without a usable cover sheet, or for a read-only file).</summary>
internal sealed record ScanBatchInboxItem(Guid Id, string Reason, string Title, int? Pages, string Status);

/// <summary>One batch with where its documents went.</summary>
internal sealed record ScanBatchDetail(ScanBatchView Batch, IReadOnlyList<ScanBatchDocument> Documents, IReadOnlyList<ScanBatchInboxItem> Inbox);

/// <summary>The upload of a batch: its name, size and bytes, from the API's form or the workbench's.</summary>
internal sealed record ReceiveScanBatchRequest(IFormFile? Upload);

/// <summary>
/// The scan center imports a batch: one multi-page PDF or a ZIP of PDFs and images, cover sheet in front of each
/// document. The batch is checked completely before anything is stored (archive safety, types, readable and
/// unencrypted PDFs, page limit) so a bad batch is refused with a message naming the culprit; then it is stored
/// and split at its cover sheets in the background (<see cref="ScanBatchProcessor"/>). Audited (<c>scanbatch.receive</c>).
/// </summary>
internal sealed class ReceiveScanBatch(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, IOptions<CasesOptions> settings, ICurrentActor actor,
    TimeProvider clock)
{
    public async Task<ScanBatch> ExecuteAsync(ReceiveScanBatchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var upload = request.Upload ?? throw CasesProblems.FileMissing("file");
        var options = IngestOptions.From(settings.Value);
        if (upload.Length == 0 || upload.Length > options.MaxBatchBytes)
        {
            throw CasesProblems.ScanBatchTooLarge(upload.FileName, options.MaxBatchBytes);
        }

        var temporary = Directory.CreateTempSubdirectory("saas-batch-");
        try
        {
            var path = Path.Combine(temporary.FullName, "batch");
            await using (var target = File.Create(path))
            {
                await upload.CopyToAsync(target, ct);
            }

            var pages = await BatchReader.ValidateAsync(path, temporary.FullName, options, ct);
            StoredBlob blob;
            await using (var content = File.OpenRead(path))
            {
                blob = await blobs.PutAsync(content, ct);
            }

            var now = clock.GetUtcNow();
            var batch = new ScanBatch
            {
                FileName = Path.GetFileName(upload.FileName),
                Sha256 = blob.Sha256,
                Length = blob.Length,
                Pages = pages,
                ReceivedAt = now,
                ReceivedBy = actor.Id,
            };
            await using var work = await db.BeginWorkAsync(audit, ct);
            db.ScanBatches.Add(batch);
            db.AddIntegrationEvent(new ScanBatchReceived(Guid.NewGuid(), db.CurrentTenantId, now, batch.Id));
            work.Record(new AuditEntry("scanbatch.receive", "scanbatch", batch.Id.ToString(), $"{batch.FileName}, {pages} pages"));
            await work.CommitAsync(ct);
            return batch;
        }
        finally
        {
            temporary.Delete(recursive: true);
        }
    }
}

/// <summary>The batches, newest first, one keyset page; file names and counts only, no person's data, so not audited.</summary>
internal sealed class ListScanBatches(CasesDbContext db)
{
    public Task<KeysetPage<ScanBatch>> ExecuteAsync(string? after, int size, CancellationToken ct) =>
        Keyset.PageAsync(db.ScanBatches.AsNoTracking(), b => b.ReceivedAt, b => b.Id, newestFirst: true, PageCursor.Parse(after, "after"), size, rows => rows,
            b => new PageCursor(b.ReceivedAt, b.Id), ct);
}

internal sealed record ReadScanBatchRequest(Guid Id, string Via);

/// <summary>
/// One batch and where its documents went (files with their numbers, inbox items). It names files and documents of
/// persons, so the read is recorded (<c>scanbatch.read</c>, "via …") for the API and the workbench alike.
/// </summary>
internal sealed class ReadScanBatch(CasesDbContext db, IAuditTrail audit)
{
    public async Task<ScanBatchDetail> ExecuteAsync(ReadScanBatchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var batch = await db.ScanBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == request.Id, ct) ?? throw NotFound(request.Id);
        var documents = await db.Documents.AsNoTracking().Where(d => d.BatchId == request.Id).OrderBy(d => d.CreatedAt)
            .Join(db.CaseFiles, d => d.CaseFileId, f => f.Id, (d, f) => new ScanBatchDocument(d.Id, d.CaseFileId, f.FileNumber, d.DocumentType, d.Title, d.Pages))
            .ToListAsync(ct);
        var inbox = await db.InboxItems.AsNoTracking().Where(i => i.BatchId == request.Id).OrderBy(i => i.ReceivedAt)
            .Select(i => new ScanBatchInboxItem(i.Id, i.Reason, i.Title, i.Pages, i.Status)).ToListAsync(ct);
        await audit.RecordAsync(new AuditEntry("scanbatch.read", "scanbatch", request.Id.ToString(), $"via {request.Via}: {documents.Count} documents",
            PersonalData: true), ct);
        return new ScanBatchDetail(ScanBatchView.Of(batch), documents, inbox);
    }

    internal static SaasProblemException NotFound(Guid id) => CasesProblems.ScanBatchNotFound(id);
}

/// <summary>
/// Starts a failed batch again (a tool timed out, a disk was full): it goes back to received and is split anew in the
/// background. Only a failed batch can be retried; audited (<c>scanbatch.retry</c>); a race with another retry → 409.
/// </summary>
internal sealed class RetryScanBatch(CasesDbContext db, IAuditTrail audit, TimeProvider clock)
{
    public async Task<ScanBatch> ExecuteAsync(Guid id, CancellationToken ct)
    {
        var batch = await db.ScanBatches.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw ReadScanBatch.NotFound(id);
        await using var work = await db.BeginWorkAsync(audit, ct);
        batch.Retry();
        db.AddIntegrationEvent(new ScanBatchReceived(Guid.NewGuid(), db.CurrentTenantId, clock.GetUtcNow(), batch.Id));
        work.Record(new AuditEntry("scanbatch.retry", "scanbatch", batch.Id.ToString(), batch.FileName));
        await work.CommitAsync(() => CasesProblems.ScanBatchChanged(id), ct);
        return batch;
    }
}
