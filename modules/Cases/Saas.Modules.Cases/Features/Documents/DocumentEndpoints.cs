using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.CaseFiles;
using Saas.Platform.Outbox;
using Saas.Platform.Audit;
using Saas.Platform.Errors;
using Saas.Platform.Identity;
using Saas.Platform.Metadata;
using Saas.Platform.Storage;
using Saas.Modules.Cases.Features.Search;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>An uploaded file for a file (Akte), with what the caseworker said about it.</summary>
internal sealed record UploadRequest(Guid CaseFileId, IFormFile File, Guid? ProcedureId, string? DocumentType, string? Title, bool PaperOriginal);

/// <summary>
/// A caseworker adds a document to a file. The declared type must match the bytes; the blob is written and
/// verified first, and only then the row (with its audit record) is committed — a crash in between leaves an
/// unreferenced blob for the sweeper, never a document without its content.
/// </summary>
internal static class DocumentEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases").WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);

        group.MapPost("/files/{id:guid}/documents", async (Guid id, HttpRequest request, CasesDbContext db, IBlobStore blobs, IAuditTrail audit,
            IConfiguration configuration, IMetadataStore metadata, IDocumentSearch search, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            if (!await db.CaseFiles.AnyAsync(f => f.Id == id, ct).ConfigureAwait(false))
            {
                throw CaseFileEndpoints.NotFound(id);
            }

            if (!request.HasFormContentType)
            {
                throw Invalid("form-expected", "Bitte die Datei als multipart/form-data senden.", "Please send the file as multipart/form-data.");
            }

            var form = await request.ReadFormAsync(ct).ConfigureAwait(false);
            var upload = form.Files.GetFile("file") ?? throw Invalid("file-missing", "Die Datei fehlt.", "The file is missing.");
            var document = await AddAsync(db, blobs, audit, configuration, metadata, search, new UploadRequest(id, upload,
                Guid.TryParse(form["procedureId"], out var p) ? p : null, form["documentType"].ToString(), form["title"].ToString(), form["paperOriginal"] == "true"),
                user.FindFirst(SaasClaims.Subject)?.Value ?? "unknown", clock.GetUtcNow(), ct).ConfigureAwait(false);
            return Results.Created($"/api/cases/documents/{document.Id}", new { document.Id, document.Sha256, document.Length, document.ContentType });
        }).DisableAntiforgery();

        group.MapGet("/documents/{id:guid}/content", async (Guid id, CasesDbContext db, IBlobStore blobs, IAuditTrail audit, CancellationToken ct) =>
        {
            var (content, contentType) = await OpenContentAsync(db, blobs, audit, id, null, ct).ConfigureAwait(false);
            return Results.Stream(content, contentType);
        });
    }

    /// <summary>A document's bytes, the read recorded first. Used by the API and the workbench's viewer.</summary>
    internal static async Task<(Stream Content, string ContentType)> OpenContentAsync(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, Guid id, string? details,
        CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct).ConfigureAwait(false)
                       ?? throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
                           Problems.Text("Dieses Dokument gibt es bei dieser Behörde nicht.", "This document does not exist at this authority."), id.ToString());
        await audit.RecordAsync(new AuditEntry("document.read", "document", id.ToString(), details, PersonalData: true), ct).ConfigureAwait(false);
        return (await blobs.OpenReadAsync(document.Sha256, ct).ConfigureAwait(false), document.ContentType);
    }

    /// <summary>
    /// Checks an uploaded file (type by its bytes, size, readable PDF, page limit), stores the blob and then commits the
    /// row with its audit record. Used by the API and the workbench's upload form.
    /// </summary>
    internal static async Task<CaseDocument> AddAsync(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, IConfiguration configuration,
        IMetadataStore metadata, IDocumentSearch search, UploadRequest request, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var (id, upload) = (request.CaseFileId, request.File);
        if (!await db.CaseFiles.AnyAsync(f => f.Id == id, ct).ConfigureAwait(false))
        {
            throw CaseFileEndpoints.NotFound(id);
        }

        var maxBytes = configuration.GetValue("Cases:MaxUploadBytes", 50L * 1024 * 1024);
        if (upload.Length == 0 || upload.Length > maxBytes)
        {
            throw new SaasProblemException(StatusCodes.Status413PayloadTooLarge, "file-too-large",
                Problems.Text($"Die Datei ist leer oder größer als {maxBytes / 1024 / 1024} MB.", $"The file is empty or larger than {maxBytes / 1024 / 1024} MB."), upload.FileName);
        }

        var declared = upload.ContentType;
        await using (var head = upload.OpenReadStream())
        {
            var sniffed = await ContentSniffer.DetectAsync(head, ct).ConfigureAwait(false);
            if (sniffed is null || sniffed != declared)
            {
                throw new SaasProblemException(StatusCodes.Status415UnsupportedMediaType, "content-mismatch",
                    Problems.Text("Der Inhalt der Datei passt nicht zum angegebenen Typ (erlaubt: PDF, TIFF, JPEG, PNG).",
                        "The file's content does not match its declared type (allowed: PDF, TIFF, JPEG, PNG)."),
                    $"declared {declared}, found {sniffed ?? "unknown"}");
            }
        }

        var documentType = await DocumentTypes.EnsureKnownAsync(metadata, string.IsNullOrWhiteSpace(request.DocumentType) ? "sonstiges" : request.DocumentType.Trim(),
            "documentType", ct).ConfigureAwait(false);
        IReadOnlyList<string>? text = null;
        if (declared == "application/pdf")
        {
            text = await ReadPdfAsync(upload, configuration, ct).ConfigureAwait(false);
        }

        if (request.ProcedureId is { } procedure && !await db.Procedures.AnyAsync(x => x.Id == procedure && x.CaseFileId == id, ct).ConfigureAwait(false))
        {
            throw new SaasProblemException(StatusCodes.Status422UnprocessableEntity, "unknown-procedure",
                Problems.Text("Diesen Vorgang gibt es in dieser Akte nicht.", "This case does not exist in this file."), "procedureId");
        }

        StoredBlob blob;
        await using (var content = upload.OpenReadStream())
        {
            blob = await blobs.PutAsync(content, ct).ConfigureAwait(false);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);

        // Locks the file row until commit, so a hand-over (Features/Transfer) either sees this document or makes us see its status.
        var locked = await db.Database.SqlQuery<string>($"SELECT status AS \"Value\" FROM cases.case_files WHERE id = {id} FOR SHARE")
            .SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (locked != "active")
        {
            throw ReadOnly(id);
        }

        var document = DocumentWriter.Add(db, new NewDocument(
            id,
            request.ProcedureId,
            documentType,
            string.IsNullOrWhiteSpace(request.Title) ? Path.GetFileName(upload.FileName) : request.Title.Trim(),
            "upload",
            declared,
            blob,
            request.PaperOriginal,
            text?.Count,
            Text: text), actor, now);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        var readNow = text is not null && text.All(DocumentWriter.HasText);
        if (readNow)
        {
            await DocumentWriter.SavePagesAsync(db, document.Id, text!, replace: false, ct).ConfigureAwait(false);
        }

        await db.AuditAsync(audit, new AuditEntry("document.add", "document", document.Id.ToString(), $"file {id}, {blob.Length} bytes", PersonalData: true), ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        if (readNow)
        {
            // Read during the upload: hand it to the search index now (a no-op for PostgreSQL, whose page table is the index).
            await search.IndexAsync(new IndexedDocument(document.TenantId, document.Id, document.CaseFileId, document.ProcedureId,
                document.DocumentType, document.Title, document.CreatedAt, text!), ct).ConfigureAwait(false);
        }

        return document;
    }

    /// <summary>
    /// Reads the text of every page of an uploaded PDF (pdftotext, stopping one page past the limit). Refuses a PDF
    /// that cannot be opened (damaged, password) or has more pages than allowed; pages without a text layer come
    /// back empty and are read by OCR in the background.
    /// </summary>
    private static async Task<IReadOnlyList<string>> ReadPdfAsync(IFormFile upload, IConfiguration configuration, CancellationToken ct)
    {
        var maxPages = configuration.GetValue("Cases:MaxUploadPages", 2000);
        var work = Directory.CreateTempSubdirectory("saas-upload-");
        try
        {
            var path = Path.Combine(work.FullName, "upload.pdf");
            await using (var target = File.Create(path))
            {
                await upload.CopyToAsync(target, ct).ConfigureAwait(false);
            }

            IReadOnlyList<string> pages;
            try
            {
                pages = await Text.PageTextExtractor.PdfToTextAsync(path, TimeSpan.FromSeconds(configuration.GetValue("Cases:Text:ToolTimeoutSeconds", 120)), ct, maxPages + 1).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                throw new SaasProblemException(StatusCodes.Status422UnprocessableEntity, "pdf-unreadable",
                    Problems.Text("Das PDF kann nicht gelesen werden (beschädigt oder mit Passwort verschlüsselt).",
                        "The PDF cannot be read (damaged or encrypted with a password)."), $"{upload.FileName}: {ex.Message}");
            }

            return pages.Count <= maxPages ? pages : throw new SaasProblemException(StatusCodes.Status413PayloadTooLarge, "too-many-pages",
                Problems.Text($"Das PDF hat mehr als {maxPages} Seiten.", $"The PDF has more than {maxPages} pages."), $"{upload.FileName}: more than {maxPages} pages");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static SaasProblemException ReadOnly(Guid id) =>
        new(StatusCodes.Status409Conflict, "file-read-only",
            Problems.Text("Diese Akte wurde abgegeben oder gelöscht und kann nicht mehr geändert werden.", "This file was handed over or deleted and can no longer be changed."), id.ToString());

    private static SaasProblemException Invalid(string code, string german, string english) =>
        new(StatusCodes.Status400BadRequest, code, Problems.Text(german, english), null);
}

/// <summary>Recognises the allowed formats by their first bytes, whatever the name or declared type says.</summary>
internal static class ContentSniffer
{
    public static async Task<string?> DetectAsync(Stream stream, CancellationToken ct)
    {
        var head = new byte[8];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        var bytes = head.AsSpan(0, read);
        return bytes switch
        {
            [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] => "image/png",
            [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
            [0x49, 0x49, 0x2A, 0x00, ..] or [0x4D, 0x4D, 0x00, 0x2A, ..] => "image/tiff",
            _ => null,
        };
    }
}
