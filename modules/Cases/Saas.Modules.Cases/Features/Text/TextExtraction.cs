using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.Search;

namespace Saas.Modules.Cases.Features.Text;

/// <summary>
/// Extracts the text of each page of a new document and stores it for search: pdftotext for PDFs with a text
/// layer, tesseract (German) for images and for PDF pages without text (scans). Runs from the outbox after the
/// upload committed, each tool with a time limit; a failure is recorded as the document's text status (visible,
/// retryable) and the outbox retries with back-off.
/// </summary>
internal sealed class TextExtractionHandler(CasesDbContext db, IBlobStore blobs, IDocumentSearch search, IOptions<CasesOptions> settings,
    ILogger<TextExtractionHandler> logger) : IIntegrationEventHandler<DocumentAdded>
{
    public async Task HandleAsync(DocumentAdded integrationEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == integrationEvent.DocumentId, ct);
        if (document is null)
        {
            return; // withdrawn from its file or deleted before its text was read: nothing left to extract
        }

        var work = Directory.CreateTempSubdirectory("saas-text-");
        try
        {
            var file = Path.Combine(work.FullName, "document" + Extension(document.ContentType));
            await using (var source = await blobs.OpenReadAsync(document.Sha256, ct))
            await using (var target = File.Create(file))
            {
                await source.CopyToAsync(target, ct);
            }

            var extractor = new PageTextExtractor(ToolLimits.Of(settings.Value, TimeSpan.FromSeconds(settings.Value.Text.ToolTimeoutSeconds)), settings.Value.Text.MaxOcrPages);
            var pages = await extractor.ExtractAsync(file, document.ContentType, work.FullName, ct);
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                // Idempotent: a redelivered event replaces the pages instead of adding them twice.
                await Documents.DocumentWriter.SavePagesAsync(db, document.Id, pages, replace: true, ct);
                await tx.CommitAsync(ct);
            }

            await search.IndexAsync(new IndexedDocument(document.TenantId, document.Id, document.CaseFileId, document.CaseId,
                document.DocumentType, document.Title, document.CreatedAt, pages), ct);
            await SetStatusAsync(document, TextExtractionState.Done, pages.Count, null, ct);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException or HttpRequestException)
        {
            logger.LogWarning(ex, "Text extraction of document {Document} failed", integrationEvent.DocumentId);
            await SetStatusAsync(document, TextExtractionState.Failed, null, ex.Message, ct);
            throw;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Extension(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/tiff" => ".tif",
        "message/rfc822" => ".eml",
        _ => ".bin",
    };

    private async Task SetStatusAsync(CaseDocument document, string status, int? pages, string? error, CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO cases.text_extractions (tenant_id, document_id, status, attempts, pages, error, updated_at)
            VALUES ({document.TenantId}, {document.Id}, {status}, 1, {pages}, {error}, now())
            ON CONFLICT (document_id) DO UPDATE SET status = excluded.status, attempts = cases.text_extractions.attempts + 1,
                pages = excluded.pages, error = excluded.error, updated_at = now()
            """, ct);
}

/// <summary>The text of each page of a PDF or image file, with OCR where there is no text layer.</summary>
internal sealed class PageTextExtractor(ToolLimits toolLimit, int maxOcrPages)
{
    public async Task<IReadOnlyList<string>> ExtractAsync(string file, string contentType, string workDirectory, CancellationToken ct)
    {
        if (contentType == "message/rfc822")
        {
            var message = await Inbox.MailIngest.LoadAsync(file, ct);
            return [await Inbox.MailIngest.TextOfAsync(message, workDirectory, toolLimit, ct)];
        }

        if (contentType != "application/pdf")
        {
            // Tesseract reads PNG, JPEG and (multi-page) TIFF and separates pages with a form feed.
            return SplitPages(await OcrAsync(file, ct));
        }

        var pages = (await PdfToTextAsync(file, toolLimit, ct)).ToArray();
        var ocrPages = 0;
        for (var i = 0; i < pages.Length; i++)
        {
            // A page with (almost) no text layer is a scan: render it at 300 dpi and read it.
            if (Documents.DocumentWriter.HasText(pages[i]))
            {
                continue;
            }

            if (++ocrPages > maxOcrPages)
            {
                throw new InvalidOperationException($"The document has more than {maxOcrPages} scanned pages to recognise (Cases:Text:MaxOcrPages).");
            }

            var prefix = Path.Combine(workDirectory, $"page-{i + 1}");
            var render = await ExternalTool.RunAsync("pdftoppm", ["-r", $"{Documents.ImageLimits.RenderDpi}", "-gray", "-png", "-singlefile", "-f", $"{i + 1}", "-l", $"{i + 1}", file, prefix], toolLimit, ct);
            if (render.ExitCode != 0)
            {
                throw new InvalidOperationException($"Page {i + 1} could not be rendered: {render.Errors.Trim()}");
            }

            pages[i] = (await OcrAsync(prefix + ".png", ct)).Trim('\f');
            File.Delete(prefix + ".png");
        }

        return pages;
    }

    private async Task<string> OcrAsync(string image, CancellationToken ct)
    {
        var result = await ExternalTool.RunAsync("tesseract", [image, "stdout", "-l", "deu", "--psm", "3"], toolLimit, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("The image could not be read: " + result.Errors.Trim());
        }

        return Clean(result.Output);
    }

    /// <summary>pdftotext writes a form feed after each page.</summary>
    internal static async Task<IReadOnlyList<string>> PdfToTextAsync(string file, ToolLimits limit, CancellationToken ct, int? lastPage = null)
    {
        string[] arguments = lastPage is { } last ? ["-enc", "UTF-8", "-layout", "-l", $"{last}", file, "-"] : ["-enc", "UTF-8", "-layout", file, "-"];
        var result = await ExternalTool.RunAsync("pdftotext", arguments, limit, ct);
        if (result.ExitCode != 0)
        {
            var message = result.Errors.Trim();
            throw new InvalidOperationException(message.Contains("Incorrect password", StringComparison.Ordinal)
                ? "The PDF is encrypted and cannot be read without its password."
                : "The PDF could not be read: " + message);
        }

        return SplitPages(Clean(result.Output));
    }

    private static List<string> SplitPages(string text)
    {
        var pages = text.Split('\f').ToList();
        if (pages.Count > 1 && string.IsNullOrWhiteSpace(pages[^1]))
        {
            pages.RemoveAt(pages.Count - 1);
        }

        return pages;
    }

    private static string Clean(string text) => text.Replace("\0", "", StringComparison.Ordinal);
}
