using System.Threading.Channels;
using Saas.Modules.Cases.Features.CaseFiles;
using Saas.Modules.Cases.Features.Search;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>
/// Files a caseworker adds to a file (Akte) in one go, with what the caseworker said about them. The title applies
/// when there is one file; with several, each document is titled by its file name.
/// </summary>
internal sealed record UploadDocumentRequest(Guid CaseFileId, IReadOnlyList<IFormFile> Files, Guid? CaseId, string? DocumentType, string? Title, bool PaperOriginal);

/// <summary>A document the upload added, and whether its text is already searchable (<c>done</c>) or being read (<c>pending</c>).</summary>
internal sealed record UploadedDocument(CaseDocument Document, string FileName, string TextStatus);

/// <summary>The upload limits from configuration (<c>Cases:MaxUploadBytes</c>, <c>Cases:MaxUploadPages</c>, <c>Cases:MaxUploadFiles</c>).</summary>
internal sealed record UploadLimits(long MaxBytes, int MaxPages, int MaxFiles, Text.ToolLimits Tools, ImageLimits Images)
{
    public static UploadLimits From(CasesOptions settings) => new(
        settings.MaxUploadBytes, settings.MaxUploadPages, settings.MaxUploadFiles,
        Text.ToolLimits.Of(settings, TimeSpan.FromSeconds(settings.Text.ToolTimeoutSeconds)), ImageLimits.From(settings));

    /// <summary>The largest body a several-files upload accepts: every file at its limit.</summary>
    public long MaxRequestBytes => MaxBytes * MaxFiles;
}

/// <summary>
/// Adds uploaded files to a file. Everything that needs no work is checked first for all files (file exists and is
/// active, type by content, size, document type, case); then the files run through a two-stage pipeline:
/// <list type="number">
/// <item>one file at a time, its PDF text is read (pdftotext; a damaged, encrypted or too long PDF is refused) while
/// its blob is written and verified;</item>
/// <item>the previous file's row and pages (with their search vectors) are written meanwhile, all in one transaction
/// that gets the upload's audit records in one append and is committed after the last file.</item>
/// </list>
/// So the database work of one document overlaps the text extraction of the next (ADR 0010), and a refused file
/// refuses the whole upload: nothing of it becomes visible. Blobs written before a refusal or a crash are
/// unreferenced and removed by the sweeper after its grace period.
/// </summary>
internal sealed class UploadDocument(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, IOptions<CasesOptions> settings, IMetadataStore metadata,
    IDocumentSearch search, ICurrentActor actor, TimeProvider clock)
{
    public async Task<IReadOnlyList<UploadedDocument>> ExecuteAsync(UploadDocumentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = UploadLimits.From(settings.Value);
        var now = clock.GetUtcNow();
        var id = request.CaseFileId;
        if (!await db.CaseFiles.AnyAsync(f => f.Id == id, ct))
        {
            throw CaseFileEndpoints.NotFound(id);
        }

        var files = await CheckFilesAsync(request.Files, limits, ct);
        var documentType = await DocumentTypeCatalogue.EnsureKnownAsync(metadata, string.IsNullOrWhiteSpace(request.DocumentType) ? "sonstiges" : request.DocumentType.Trim(),
            "documentType", ct);
        if (request.CaseId is { } procedure && !await db.Cases.AnyAsync(x => x.Id == procedure && x.CaseFileId == id, ct))
        {
            throw CasesProblems.CaseNotInFile("caseId");
        }

        var scratch = Directory.CreateTempSubdirectory("saas-upload-");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Capacity 1: the extraction runs at most one file ahead of the database.
        var prepared = Channel.CreateBounded<PreparedFile>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => PrepareAsync(files, blobs, limits, scratch.FullName, prepared.Writer, stop.Token), stop.Token);
        try
        {
            var added = new List<UploadedDocument>(files.Count);
            var indexed = new List<IndexedDocument>();
            await using (var unit = await db.BeginWorkAsync(audit, ct))
            {
                // All or nothing anyway: no savepoint round trips around each file's SaveChanges.
                db.Database.AutoSavepointsEnabled = false;
                // Locks the file row until commit, so a hand-over (Features/Transfer) either sees these documents or makes us see its status.
                if (!(await DocumentWriter.LockActiveFilesAsync(db, [id], ct)).Contains(id))
                {
                    throw CasesProblems.FileReadOnly(id);
                }

                await foreach (var file in prepared.Reader.ReadAllAsync(ct))
                {
                    var title = files.Count == 1 && !string.IsNullOrWhiteSpace(request.Title) ? request.Title.Trim() : Path.GetFileName(file.Upload.FileName);
                    var adding = new NewDocument(id, request.CaseId, documentType, title, "upload", file.ContentType, file.Blob,
                        request.PaperOriginal, file.Text?.Count, Text: file.Text);
                    var readNow = DocumentWriter.IsRead(adding);
                    CaseDocument document;
                    if (readNow)
                    {
                        // Row, text status and pages in one round trip, while the producer reads the next file.
                        document = await DocumentWriter.AddReadAsync(db, adding, actor.Id, now, ct);
                        indexed.Add(new IndexedDocument(document.TenantId, document.Id, document.CaseFileId, document.CaseId, document.DocumentType,
                            document.Title, document.CreatedAt, file.Text!));
                    }
                    else
                    {
                        // Scans and images: text extraction in the background, started by the event saved with the row below.
                        document = DocumentWriter.Add(db, adding, actor.Id, now);
                    }

                    added.Add(new UploadedDocument(document, file.Upload.FileName, readNow ? "done" : "pending"));
                }

                // The producer's refusal (unreadable PDF, too many pages) surfaces here, before anything is committed.
                await producer;
                // One append for the whole upload, in upload order, in the same transaction as the documents.
                unit.RecordAll(added.Select(a => new AuditEntry("document.add", "document", a.Document.Id.ToString(),
                    $"file {id}, {a.Document.Length} bytes", PersonalData: true)));
                await unit.CommitAsync(ct);
            }

            foreach (var document in indexed)
            {
                // Read during the upload: hand it to the search index now (a no-op for PostgreSQL, whose page table is the index).
                await search.IndexAsync(document, ct);
            }

            return added;
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await producer;
            }
            catch (Exception) when (!producer.IsCompletedSuccessfully)
            {
                // Already surfaced above, or the upload failed for another reason that is being thrown.
            }

            scratch.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Whether the e-Akte would take the file as a document (another module keeps it first: the portal's evidence):
    /// the same checks as an upload — size, content against the declared type, no script in a PDF, image and page
    /// sizes, a PDF that opens, the page count — and nothing stored. Throws the problem an upload would answer with.
    /// </summary>
    public async Task CheckAsync(IFormFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var limits = UploadLimits.From(settings.Value);
        var (upload, contentType) = (await CheckFilesAsync([file], limits, ct))[0];
        if (contentType != "application/pdf")
        {
            return;
        }

        var scratch = Directory.CreateTempSubdirectory("saas-check-");
        try
        {
            var path = Path.Combine(scratch.FullName, "check.upload");
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await upload.CopyToAsync(target, ct);
            }

            await CheckPdfPagesAsync(path, upload.FileName, limits, ct);
            await ReadPdfAsync(path, upload.FileName, limits, ct);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>The checks that need no tool: count, size and type by content, each refusal naming the file.</summary>
    private static async Task<IReadOnlyList<(IFormFile Upload, string ContentType)>> CheckFilesAsync(IReadOnlyList<IFormFile> uploads, UploadLimits limits, CancellationToken ct)
    {
        if (uploads.Count == 0)
        {
            throw CasesProblems.FileMissing("file");
        }

        if (uploads.Count > limits.MaxFiles)
        {
            throw CasesProblems.TooManyFiles(uploads.Count, limits.MaxFiles);
        }

        var checkedFiles = new List<(IFormFile, string)>(uploads.Count);
        foreach (var upload in uploads)
        {
            if (upload.Length == 0 || upload.Length > limits.MaxBytes)
            {
                throw CasesProblems.FileTooLarge(upload.FileName, limits.MaxBytes);
            }

            var declared = upload.ContentType;
            await using var head = upload.OpenReadStream();
            var sniffed = await ContentSniffer.DetectAsync(head, ct);
            if (sniffed is null || sniffed != declared)
            {
                throw CasesProblems.ContentMismatch(upload.FileName, declared, sniffed);
            }

            if (sniffed == "application/pdf")
            {
                await using var whole = upload.OpenReadStream();
                using var bytes = new MemoryStream((int)upload.Length);
                await whole.CopyToAsync(bytes, ct);
                if (PdfActiveContent.HasJavaScript(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)))
                {
                    throw CasesProblems.PdfWithScript(upload.FileName);
                }
            }

            if (sniffed != "application/pdf")
            {
                // Images: the declared size from the header, so that a decompression bomb is refused before it is stored.
                await using var image = upload.OpenReadStream();
                if (image.CanSeek)
                {
                    limits.Images.CheckImage(image, sniffed, upload.FileName);
                }
                else
                {
                    using var copy = new MemoryStream((int)upload.Length);
                    await image.CopyToAsync(copy, ct);
                    limits.Images.CheckImage(copy, sniffed, upload.FileName);
                }
            }

            checkedFiles.Add((upload, sniffed));
        }

        return checkedFiles;
    }

    /// <summary>
    /// Stage one: one file at a time, copied to a work file from which its blob is stored and verified while pdftotext
    /// reads it (two readers of a private file; the form's own streams are never read concurrently).
    /// </summary>
    private static async Task PrepareAsync(IReadOnlyList<(IFormFile Upload, string ContentType)> files, IBlobStore blobs, UploadLimits limits, string work,
        ChannelWriter<PreparedFile> output, CancellationToken ct)
    {
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                var (upload, contentType) = files[i];
                var path = Path.Combine(work, $"{i}.upload");
                await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                {
                    await upload.CopyToAsync(target, ct);
                }

                if (contentType == "application/pdf")
                {
                    // Page sizes first (one pdfinfo run): a page that would render to a giant bitmap for OCR is refused before its blob is written.
                    await CheckPdfPagesAsync(path, upload.FileName, limits, ct);
                }

                var text = contentType == "application/pdf" ? ReadPdfAsync(path, upload.FileName, limits, ct) : Task.FromResult<IReadOnlyList<string>?>(null);
                StoredBlob blob;
                try
                {
                    await using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
                    blob = await blobs.PutAsync(content, ct);
                }
                catch (Exception)
                {
                    // Let the running pdftotext finish (or be killed by the cancellation) before its work file goes.
                    await Task.WhenAny(text);
                    throw;
                }

                await output.WriteAsync(new PreparedFile(upload, contentType, blob, await text), ct);
                File.Delete(path);
            }
        }
        finally
        {
            output.Complete();
        }
    }

    /// <summary>
    /// Reads the text of every page of a PDF (pdftotext, stopping one page past the limit). Refuses a PDF that cannot
    /// be opened (damaged, password) or has more pages than allowed; pages without a text layer come back empty and
    /// are read by OCR in the background.
    /// </summary>
    private static async Task<IReadOnlyList<string>?> ReadPdfAsync(string path, string fileName, UploadLimits limits, CancellationToken ct)
    {
        IReadOnlyList<string> pages;
        try
        {
            pages = await Text.PageTextExtractor.PdfToTextAsync(path, limits.Tools, ct, limits.MaxPages + 1);
        }
        catch (InvalidOperationException ex)
        {
            throw CasesProblems.PdfUnreadable(fileName, ex.Message);
        }

        return pages.Count <= limits.MaxPages ? pages : throw CasesProblems.TooManyPages(fileName, limits.MaxPages);
    }

    private static async Task CheckPdfPagesAsync(string path, string fileName, UploadLimits limits, CancellationToken ct)
    {
        PdfPageBoxes boxes;
        try
        {
            boxes = await PdfPageBoxes.ReadAsync(path, limits.MaxPages + 1, limits.Tools, ct);
        }
        catch (InvalidOperationException ex)
        {
            throw CasesProblems.PdfUnreadable(fileName, ex.Message);
        }

        limits.Images.CheckPdfPages(boxes, fileName);
    }

    private sealed record PreparedFile(IFormFile Upload, string ContentType, StoredBlob Blob, IReadOnlyList<string>? Text);
}
