using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Features.Ingest;

/// <summary>
/// The scan center imports a batch: one multi-page PDF or a ZIP of PDFs and images, cover sheet in front of each
/// document. The batch is checked completely before anything is stored (archive safety, types, readable and
/// unencrypted PDFs, page limit) so a bad batch is refused with a message naming the culprit; then it is stored
/// and split at its cover sheets in the background.
/// </summary>
internal static class ScanBatchEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases/scan-batches").WithTags("e-Akte: scan center").RequireAuthorization(SaasPolicies.Staff);

        group.MapPost("", async (HttpRequest request, CasesDbContext db, IBlobStore blobs, IAuditTrail audit, IOptions<CasesOptions> settings,
            ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
            {
                throw new SaasProblemException(StatusCodes.Status400BadRequest, "form-expected",
                    new LocalizedText("problem.form-expected"), null);
            }

            var form = await request.ReadFormAsync(ct);
            var upload = form.Files.GetFile("file") ?? throw new SaasProblemException(StatusCodes.Status400BadRequest, "file-missing",
                new LocalizedText("problem.file-missing.ingest"), "file");
            var batch = await ReceiveAsync(db, blobs, audit, settings.Value, upload, user.FindFirst(SaasClaims.Subject)?.Value ?? "unknown", clock.GetUtcNow(), ct);
            return Results.Accepted($"/api/cases/scan-batches/{batch.Id}", View(batch));
        }).DisableAntiforgery();

        // Newest first, up to 100 per request; a Link header (rel="next") names the next page.
        group.MapGet("", async (string? after, HttpContext http, CasesDbContext db, CancellationToken ct) =>
        {
            var page = await PageAsync(db, PageCursor.Parse(after, "after"), 100, ct);
            Keyset.Describe(http, page, new Dictionary<string, string?>());
            return Results.Ok(page.Items.Select(View));
        });

        group.MapGet("/{id:guid}", async (Guid id, CasesDbContext db, CancellationToken ct) =>
        {
            var batch = await db.ScanBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct)
                        ?? throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
                            new LocalizedText("problem.not-found.ingest-2"), id.ToString());
            var documents = await db.Documents.AsNoTracking().Where(d => d.BatchId == id).OrderBy(d => d.CreatedAt)
                .Select(d => new { d.Id, d.CaseFileId, d.DocumentType, d.Title, d.Pages }).ToListAsync(ct);
            var inbox = await db.InboxItems.AsNoTracking().Where(i => i.BatchId == id).OrderBy(i => i.ReceivedAt)
                .Select(i => new { i.Id, i.Reason, i.Title, i.Pages, i.Status }).ToListAsync(ct);
            return Results.Ok(new { Batch = View(batch), Documents = documents, Inbox = inbox });
        });
    }

    /// <summary>
    /// Checks a batch completely (archive safety, types, readable and unencrypted PDFs, page limit), stores it and
    /// queues its split. Used by the API and the workbench's upload form.
    /// </summary>
    internal static async Task<ScanBatch> ReceiveAsync(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, CasesOptions settings,
        IFormFile upload, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var options = IngestOptions.From(settings);
        if (upload.Length == 0 || upload.Length > options.MaxBatchBytes)
        {
            throw new SaasProblemException(StatusCodes.Status413PayloadTooLarge, "file-too-large",
                LocalizedText.Of("problem.file-too-large.ingest", ("value", options.MaxBatchBytes / 1024 / 1024)), upload.FileName);
        }

        var work = Directory.CreateTempSubdirectory("saas-batch-");
        try
        {
            var path = Path.Combine(work.FullName, "batch");
            await using (var target = File.Create(path))
            {
                await upload.CopyToAsync(target, ct);
            }

            var pages = await BatchReader.ValidateAsync(path, work.FullName, options, ct);
            StoredBlob blob;
            await using (var content = File.OpenRead(path))
            {
                blob = await blobs.PutAsync(content, ct);
            }

            var batch = new ScanBatch
            {
                FileName = Path.GetFileName(upload.FileName),
                Sha256 = blob.Sha256,
                Length = blob.Length,
                Pages = pages,
                ReceivedAt = now,
                ReceivedBy = actor,
            };
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ScanBatches.Add(batch);
            db.AddIntegrationEvent(new ScanBatchReceived(Guid.NewGuid(), db.CurrentTenantId, now, batch.Id));
            await db.SaveChangesAsync(ct);
            await db.AuditAsync(audit, new AuditEntry("scanbatch.receive", "scanbatch", batch.Id.ToString(), $"{batch.FileName}, {pages} pages"), ct);
            await tx.CommitAsync(ct);
            return batch;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The batches, newest first, one page by (received_at, id).</summary>
    internal static Task<KeysetPage<ScanBatch>> PageAsync(CasesDbContext db, PageCursor? after, int size, CancellationToken ct) =>
        Keyset.PageAsync(db.ScanBatches.AsNoTracking(), b => b.ReceivedAt, b => b.Id, newestFirst: true, after, size, rows => rows, b => new PageCursor(b.ReceivedAt, b.Id), ct);

    private static object View(ScanBatch b) => new { b.Id, b.FileName, b.Status, b.Pages, b.Documents, b.InboxItems, b.Error, b.ReceivedAt, b.ReceivedBy, b.ProcessedAt };
}

/// <summary>Limits of the scan path, from configuration (Cases:Ingest:…).</summary>
internal sealed record IngestOptions(long MaxBatchBytes, int MaxEntries, long MaxUnpackedBytes, int MaxPages, TimeSpan ToolTimeout)
{
    public static IngestOptions From(CasesOptions settings) => new(
        settings.Ingest.MaxBatchBytes, settings.Ingest.MaxEntries, settings.Ingest.MaxUnpackedBytes, settings.Ingest.MaxPages,
        TimeSpan.FromSeconds(settings.Ingest.ToolTimeoutSeconds));

    public ZipLimits Zip => new(MaxEntries, MaxUnpackedBytes);
}
