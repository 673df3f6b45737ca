using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Saas.Modules.Cases.Contracts;
using Saas.Platform.Outbox;
using Saas.Platform.Storage;

namespace Saas.Modules.Cases.Features.Text;

/// <summary>
/// Extracts the text of each page of a new document (pdftotext from poppler-utils, run as a process with a time
/// limit) and stores it for search. Runs from the outbox after the upload committed; a failure is recorded as
/// the document's text status (visible, retryable) and the outbox retries with back-off.
/// </summary>
internal sealed class TextExtractionHandler(CasesDbContext db, IBlobStore blobs, ILogger<TextExtractionHandler> logger) : IIntegrationEventHandler<DocumentAdded>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public async Task HandleAsync(DocumentAdded integrationEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (integrationEvent.ContentType != "application/pdf")
        {
            await SetStatusAsync(integrationEvent.DocumentId, "failed", null, "OCR of images is not available yet.", ct).ConfigureAwait(false);
            return;
        }

        var document = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == integrationEvent.DocumentId, ct).ConfigureAwait(false);
        var file = Path.Combine(Path.GetTempPath(), "saas-text-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            await using (var source = await blobs.OpenReadAsync(document.Sha256, ct).ConfigureAwait(false))
            await using (var target = File.Create(file))
            {
                await source.CopyToAsync(target, ct).ConfigureAwait(false);
            }

            var pages = await PdfToTextAsync(file, ct).ConfigureAwait(false);
            await using (var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false))
            {
                // Idempotent: a redelivered event replaces the pages instead of adding them twice.
                await db.Pages.Where(p => p.DocumentId == document.Id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                db.Pages.AddRange(pages.Select((text, i) => new DocumentPage { DocumentId = document.Id, Page = i + 1, Text = text.Replace("\0", "", StringComparison.Ordinal) }));
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
            }

            await SetStatusAsync(document.Id, "done", pages.Count, null, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException)
        {
            logger.LogWarning(ex, "Text extraction of document {Document} failed", integrationEvent.DocumentId);
            await SetStatusAsync(integrationEvent.DocumentId, "failed", null, ex.Message, ct).ConfigureAwait(false);
            throw;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>pdftotext writes a form feed between pages.</summary>
    internal static async Task<IReadOnlyList<string>> PdfToTextAsync(string file, CancellationToken ct)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-enc", "UTF-8", "-layout", file, "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext could not be started (install poppler-utils).");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pdftotext took longer than {Limit.TotalSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            var message = (await errors.ConfigureAwait(false)).Trim();
            throw new InvalidOperationException(message.Contains("Incorrect password", StringComparison.Ordinal)
                ? "The PDF is encrypted."
                : "The PDF could not be read: " + message);
        }

        var text = await output.ConfigureAwait(false);
        var pages = text.Split('\f').ToList();
        if (pages.Count > 1 && string.IsNullOrWhiteSpace(pages[^1]))
        {
            pages.RemoveAt(pages.Count - 1);
        }

        return pages;
    }

    private async Task SetStatusAsync(Guid documentId, string status, int? pages, string? error, CancellationToken ct)
    {
        var tenant = await db.Documents.AsNoTracking().Where(d => d.Id == documentId).Select(d => d.TenantId).SingleAsync(ct).ConfigureAwait(false);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO cases.text_extractions (tenant_id, document_id, status, attempts, pages, error, updated_at)
            VALUES ({tenant}, {documentId}, {status}, 1, {pages}, {error}, now())
            ON CONFLICT (document_id) DO UPDATE SET status = excluded.status, attempts = cases.text_extractions.attempts + 1,
                pages = excluded.pages, error = excluded.error, updated_at = now()
            """, ct).ConfigureAwait(false);
    }
}
