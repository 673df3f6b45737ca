using Saas.Platform.Web;
using Saas.Modules.Cases.Features.Search;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>
/// A caseworker adds one document (<c>file</c>) or several (<c>files</c>, <c>/bulk</c>) to a file, and reads a
/// document's bytes. The checks and the write are in <see cref="DocumentUpload"/>: the blob is written and verified
/// first, and only then the row (with its audit record) is committed — a crash in between leaves an unreferenced
/// blob for the sweeper, never a document without its content.
/// </summary>
internal static class DocumentEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases").WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);

        group.MapPost("/files/{id:guid}/documents", async (Guid id, HttpRequest request, CasesDbContext db, IBlobStore blobs, IAuditTrail audit,
            IOptions<CasesOptions> settings, IMetadataStore metadata, IDocumentSearch search, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var form = await ReadFormAsync(request, UploadLimits.From(settings.Value).MaxBytes, ct);
            var upload = form.Files.GetFile("file") ?? throw Invalid("file-missing");
            var added = await DocumentUpload.AddAllAsync(db, blobs, audit, settings.Value, metadata, search, Request(id, [upload], form), Actor(user),
                clock.GetUtcNow(), ct);
            return Results.Created($"/api/cases/documents/{added[0].Document.Id}", View(added[0]));
        }).DisableAntiforgery();

        // Several files at once (a caseworker's drag and drop, a scan station): all or none are added (DocumentUpload).
        group.MapPost("/files/{id:guid}/documents/bulk", async (Guid id, HttpRequest request, CasesDbContext db, IBlobStore blobs, IAuditTrail audit,
            IOptions<CasesOptions> settings, IMetadataStore metadata, IDocumentSearch search, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var form = await ReadFormAsync(request, UploadLimits.From(settings.Value).MaxRequestBytes, ct);
            var added = await DocumentUpload.AddAllAsync(db, blobs, audit, settings.Value, metadata, search, Request(id, form.Files.GetFiles("files"), form), Actor(user),
                clock.GetUtcNow(), ct);
            return Results.Created($"/api/cases/files/{id}", new { Documents = added.Select(View).ToList() });
        }).DisableAntiforgery();

        group.MapGet("/documents/{id:guid}/content", async (Guid id, HttpResponse response, CasesDbContext db, IBlobStore blobs, IAuditTrail audit, CancellationToken ct) =>
        {
            var (content, contentType, title) = await OpenContentAsync(db, blobs, audit, id, null, ct);
            PersonalContent.Apply(response, title, contentType);
            return Results.Stream(content, contentType);
        });
    }

    /// <summary>A document's bytes, the read recorded first. Used by the API and the workbench's viewer.</summary>
    internal static async Task<(Stream Content, string ContentType, string Title)> OpenContentAsync(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, Guid id, string? details,
        CancellationToken ct)
    {
        var document = await FindAsync(db, id, ct);
        await audit.RecordAsync(new AuditEntry("document.read", "document", id.ToString(), details, PersonalData: true), ct);
        return (await blobs.OpenReadAsync(document.Sha256, ct), document.ContentType, document.Title);
    }

    /// <summary>
    /// A document's bytes for a read its caller has recorded already: only the workbench's viewer, whose page recorded
    /// this viewing and whose content request proves it (Pages/Workbench/ViewerMarker).
    /// </summary>
    internal static async Task<(Stream Content, string ContentType, string Title)> OpenRecordedContentAsync(CasesDbContext db, IBlobStore blobs, Guid id, CancellationToken ct)
    {
        var document = await FindAsync(db, id, ct);
        return (await blobs.OpenReadAsync(document.Sha256, ct), document.ContentType, document.Title);
    }

    internal static async Task<CaseDocument> FindAsync(CasesDbContext db, Guid id, CancellationToken ct) =>
        await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct)
        ?? throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
            new LocalizedText("problem.not-found.documents"), id.ToString());

    /// <summary>Reads the multipart form, allowing a body as large as the upload limits (Kestrel's default is 30 MB).</summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, long maxFileBytes, CancellationToken ct)
    {
        var maxBody = maxFileBytes + (1024L * 1024);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBody;
        }

        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = maxBody }));
        if (!request.HasFormContentType)
        {
            throw Invalid("form-expected");
        }

        return await request.ReadFormAsync(ct);
    }

    private static UploadRequest Request(Guid id, IReadOnlyList<IFormFile> files, IFormCollection form) =>
        new(id, files, Guid.TryParse(form["caseId"], out var p) ? p : null, form["documentType"].ToString(), form["title"].ToString(), form["paperOriginal"] == "true");

    private static string Actor(ClaimsPrincipal user) => user.FindFirst(SaasClaims.Subject)?.Value ?? "unknown";

    private static object View(UploadedDocument added) => new
    {
        added.Document.Id,
        added.Document.Sha256,
        added.Document.Length,
        added.Document.ContentType,
        added.Document.Title,
        added.FileName,
        added.Document.Pages,
        Text = added.TextStatus,
    };

    internal static SaasProblemException ReadOnly(Guid id) =>
        new(StatusCodes.Status409Conflict, "file-read-only",
            new LocalizedText("problem.file-read-only"), id.ToString());

    private static SaasProblemException Invalid(string code, params (string Name, object? Value)[] arguments) =>
        Problem.BadRequest(code, null, arguments);
}

/// <summary>Recognises the allowed formats by their first bytes, whatever the name or declared type says.</summary>
internal static class ContentSniffer
{
    public static async Task<string?> DetectAsync(Stream stream, CancellationToken ct)
    {
        var head = new byte[8];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
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
