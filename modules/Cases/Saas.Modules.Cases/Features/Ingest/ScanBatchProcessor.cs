using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.Documents;
using Saas.Modules.Cases.Features.Inbox;
using Saas.Modules.Cases.Features.Text;

namespace Saas.Modules.Cases.Features.Ingest;

/// <summary>
/// Splits a stored scan batch at its cover sheets. Each cover sheet of this authority starts a document for the
/// file and type it names (the cover page itself is not kept); pages before the first cover sheet, after a cover
/// sheet this authority does not know, or after one of another authority go to the inbox with the reason. All
/// documents and inbox items of a batch commit together with the batch's new status; blobs are written first.
/// </summary>
internal sealed class ScanBatchProcessor(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, ICurrentTenant tenant, AssignmentSuggester suggester,
    IOptions<CasesOptions> settings, TimeProvider clock, ILogger<ScanBatchProcessor> logger) : IIntegrationEventHandler<ScanBatchReceived>
{
    private sealed class Group(string? reason, CoverSheet? cover)
    {
        public string? Reason { get; } = reason;

        public CoverSheet? Cover { get; } = cover;

        public List<string> Pages { get; } = [];
    }

    public async Task HandleAsync(ScanBatchReceived integrationEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var batch = await db.ScanBatches.SingleAsync(b => b.Id == integrationEvent.BatchId, ct);
        if (batch.Status != ScanBatchStatus.Received)
        {
            return; // redelivered after it was processed
        }

        var options = IngestOptions.From(settings.Value);
        var tools = new ScanTools(options.Tools);
        var work = Directory.CreateTempSubdirectory("saas-batch-");
        try
        {
            var path = Path.Combine(work.FullName, "batch");
            await using (var source = await blobs.OpenReadAsync(batch.Sha256, ct))
            await using (var target = File.Create(path))
            {
                await source.CopyToAsync(target, ct);
            }

            var groups = new List<Group> { new("no-cover-sheet", null) };
            var pages = await BatchReader.ExpandAsync(path, work.FullName, options, ct);
            foreach (var page in pages)
            {
                var code = (await tools.ReadQrCodesAsync(page, ct)).Select(CoverSheetPdf.Parse).FirstOrDefault(c => c is not null);
                if (code is not { } cover)
                {
                    groups[^1].Pages.Add(page);
                    continue;
                }

                if (cover.TenantKey != tenant.Tenant!.Key)
                {
                    // Quarantined: never routed into a file of this authority, never shown to the other one.
                    logger.LogWarning("Batch {Batch} holds a cover sheet of authority {Other}", batch.Id, cover.TenantKey);
                    groups.Add(new Group("foreign-cover-sheet", null));
                    continue;
                }

                var sheet = await db.CoverSheets.AsNoTracking().SingleOrDefaultAsync(s => s.Id == cover.CoverSheetId, ct);
                var writable = sheet is not null
                    && await db.CaseFiles.AnyAsync(f => f.Id == sheet.CaseFileId && f.Status == "active", ct);
                groups.Add(sheet is null ? new Group("unknown-cover-sheet", null)
                    : writable ? new Group(null, sheet)
                    : new Group("file-read-only", null)); // the file was handed over or deleted since the sheet was printed

            }

            var now = clock.GetUtcNow();
            var routed = new List<(NewDocument Document, string Joined)>();
            var inbox = new List<InboxItem>();
            var extractor = new PageTextExtractor(options.Tools, 5);
            var index = 0;
            foreach (var group in groups.Where(g => g.Pages.Count > 0))
            {
                var joined = await tools.JoinAsync(group.Pages, Path.Combine(work.FullName, $"document-{index++:D4}.pdf"), ct);
                StoredBlob blob;
                await using (var content = File.OpenRead(joined))
                {
                    blob = await blobs.PutAsync(content, ct);
                }

                if (group.Cover is { } sheet)
                {
                    routed.Add((new NewDocument(sheet.CaseFileId, sheet.CaseId, sheet.DocumentType, sheet.Title ?? $"Scan {batch.FileName} ({now:yyyy-MM-dd})",
                        "scan", "application/pdf", blob, PaperOriginal: true, group.Pages.Count, batch.Id), joined));
                    continue;
                }

                inbox.Add(await ToInboxAsync(batch, group.Reason!, joined, blob, group.Pages.Count, extractor, work.FullName, now, ct));
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);

            // The files the cover sheets name stay active until commit. One handed over since the check above sends its
            // pages to the inbox after all; a hand-over that starts now waits and takes the new documents along.
            var active = await DocumentWriter.LockActiveFilesAsync(db, routed.Select(r => r.Document.CaseFileId), ct);
            var documents = 0;
            foreach (var (document, joined) in routed)
            {
                if (active.Contains(document.CaseFileId))
                {
                    DocumentWriter.Add(db, document, batch.ReceivedBy, now);
                    documents++;
                    continue;
                }

                inbox.Add(await ToInboxAsync(batch, "file-read-only", joined, document.Blob, document.Pages!.Value, extractor, work.FullName, now, ct));
            }

            db.InboxItems.AddRange(inbox);
            batch.MarkProcessed(pages.Count, documents, inbox.Count, now);
            await db.SaveChangesAsync(ct);
            await db.AuditAsync(audit, new AuditEntry("scanbatch.process", "scanbatch", batch.Id.ToString(),
                $"{pages.Count} pages, {documents} documents, {inbox.Count} to the inbox", Actor: batch.ReceivedBy), ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
        {
            // A batch that cannot be split is shown as failed with the reason; it can be started again.
            logger.LogWarning(ex, "Scan batch {Batch} failed", batch.Id);
            db.ChangeTracker.Clear();
            await db.ScanBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ScanBatchStatus.Failed).SetProperty(b => b.Error, ex.Message), ct);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Pages that could not be routed, for the inbox: the first pages' text lets it suggest a file.</summary>
    private async Task<InboxItem> ToInboxAsync(ScanBatch batch, string reason, string joined, StoredBlob blob, int pages, PageTextExtractor extractor, string work,
        DateTimeOffset now, CancellationToken ct)
    {
        var text = string.Join('\n', await extractor.ExtractAsync(joined, "application/pdf", work, ct));
        var item = new InboxItem
        {
            Source = "scan",
            Reason = reason,
            Title = $"{batch.FileName}: {pages} Seite(n) / page(s)",
            ContentType = "application/pdf",
            Sha256 = blob.Sha256,
            Length = blob.Length,
            Pages = pages,
            BatchId = batch.Id,
            Text = text,
            ReceivedAt = now,
        };
        AssignmentSuggester.Apply(item, await suggester.SuggestAsync(text, 5, ct));
        return item;
    }
}
