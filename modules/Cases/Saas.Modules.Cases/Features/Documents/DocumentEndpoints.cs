using Saas.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>A document the upload added, as the API answers it; <c>text</c> is <c>done</c> (searchable) or <c>pending</c>.</summary>
internal sealed record UploadedDocumentView(Guid Id, string Sha256, long Length, string ContentType, string Title, string FileName, int? Pages, string Text)
{
    public static UploadedDocumentView Of(UploadedDocument added)
    {
        ArgumentNullException.ThrowIfNull(added);
        var d = added.Document;
        return new(d.Id, d.Sha256, d.Length, d.ContentType, d.Title, added.FileName, d.Pages, added.TextStatus);
    }
}

internal sealed record UploadedDocumentsView(IReadOnlyList<UploadedDocumentView> Documents);

/// <summary>A document's details as the API answers them; <c>version</c> goes with a change (details, move).</summary>
internal sealed record DocumentView(
    Guid Id, Guid CaseFileId, Guid? CaseId, string DocumentType, string Title, string Source, string ContentType, string Sha256, long Length,
    bool PaperOriginal, int? Pages, DateTimeOffset CreatedAt, string CreatedBy, uint Version)
{
    public static DocumentView Of(CaseDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.CaseFileId, d.CaseId, d.DocumentType, d.Title, d.Source, d.ContentType, d.Sha256, d.Length, d.PaperOriginal, d.Pages,
            d.CreatedAt, d.CreatedBy, d.Version);
    }
}

/// <summary>The body of <c>PUT /api/cases/documents/{id}/details</c>; the version may come as <c>If-Match</c> instead.</summary>
internal sealed record DocumentDetailsBody(string? Title, string? DocumentType, long? Version);

/// <summary>The body of <c>POST /api/cases/documents/{id}/move</c>: the target file, optionally one of its cases.</summary>
internal sealed record MoveDocumentBody(Guid FileId, Guid? CaseId, long? Version);

internal sealed record MovedDocumentView(Guid DocumentId, Guid FromFileId, Guid? FromCaseId, Guid FileId, Guid? CaseId)
{
    public static MovedDocumentView Of(MovedDocument m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.DocumentId, m.FromFileId, m.FromCaseId, m.FileId, m.CaseId);
    }
}

/// <summary>
/// A caseworker adds one document (<c>file</c>) or several (<c>files</c>, <c>/bulk</c>) to a file, reads a
/// document's details or bytes, corrects its title and type, or moves it to another file or case. Each endpoint
/// maps HTTP to its use case and back (docs/adr/0012); the workbench's pages call the same use cases.
/// </summary>
internal static class DocumentEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases").WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);

        group.MapPost("/files/{id:guid}/documents", async Task<Created<UploadedDocumentView>> (Guid id, HttpRequest request, UploadDocument upload,
            IOptions<CasesOptions> settings, CancellationToken ct) =>
        {
            var form = await ReadFormAsync(request, UploadLimits.From(settings.Value).MaxBytes, ct);
            var file = form.Files.GetFile("file") ?? throw CasesProblems.FileMissing("file");
            var added = await upload.ExecuteAsync(Request(id, [file], form), ct);
            return TypedResults.Created($"/api/cases/documents/{added[0].Document.Id}", UploadedDocumentView.Of(added[0]));
        }).DisableAntiforgery();

        // Several files at once (a caseworker's drag and drop, a scan station): all or none are added (UploadDocument).
        group.MapPost("/files/{id:guid}/documents/bulk", async Task<Created<UploadedDocumentsView>> (Guid id, HttpRequest request, UploadDocument upload,
            IOptions<CasesOptions> settings, CancellationToken ct) =>
        {
            var form = await ReadFormAsync(request, UploadLimits.From(settings.Value).MaxRequestBytes, ct);
            var added = await upload.ExecuteAsync(Request(id, form.Files.GetFiles("files"), form), ct);
            return TypedResults.Created($"/api/cases/files/{id}", new UploadedDocumentsView([.. added.Select(UploadedDocumentView.Of)]));
        }).DisableAntiforgery();

        group.MapGet("/documents/{id:guid}", async Task<Ok<DocumentView>> (Guid id, ReadDocument read, CancellationToken ct) =>
            TypedResults.Ok(DocumentView.Of((await read.ExecuteAsync(new ReadDocumentRequest(id, ReadVia.Api), ct)).Document)));

        group.MapGet("/documents/{id:guid}/content", async Task<FileStreamHttpResult> (Guid id, HttpResponse response, OpenDocumentContent open, CancellationToken ct) =>
        {
            var content = await open.ExecuteAsync(new OpenDocumentContentRequest(id, ReadVia.Api), ct);
            PersonalContent.Apply(response, content.Title, content.ContentType);
            return TypedResults.Stream(content.Content, content.ContentType);
        });

        group.MapPut("/documents/{id:guid}/details", async Task<Ok<DocumentView>> (Guid id, DocumentDetailsBody body, HttpRequest request,
            EditDocumentDetails edit, CancellationToken ct) =>
        {
            var version = VersionOf(body.Version, request);
            return TypedResults.Ok(DocumentView.Of(await edit.ExecuteAsync(new EditDocumentDetailsRequest(id, body.Title, body.DocumentType, version), ct)));
        });

        group.MapPost("/documents/{id:guid}/move", async Task<Ok<MovedDocumentView>> (Guid id, MoveDocumentBody body, HttpRequest request,
            MoveDocument move, CancellationToken ct) =>
        {
            var version = VersionOf(body.Version, request);
            return TypedResults.Ok(MovedDocumentView.Of(await move.ExecuteAsync(new MoveDocumentRequest(id, body.FileId, body.CaseId, version), ct)));
        });
    }

    /// <summary>
    /// The row version the caller saw: the body's <c>version</c>, or an <c>If-Match: "42"</c> header. Without
    /// either the change is refused (400): a change must say what it changes.
    /// </summary>
    private static uint VersionOf(long? version, HttpRequest request)
    {
        var given = version ?? (long.TryParse(request.Headers.IfMatch.ToString().Trim().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var tag)
            ? tag : null);
        return given switch
        {
            null => throw CasesProblems.VersionMissing(),
            < 0 or > uint.MaxValue => throw CasesProblems.VersionMissing(),
            _ => (uint)given.Value,
        };
    }

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
            throw CasesProblems.FormExpected();
        }

        return await request.ReadFormAsync(ct);
    }

    private static UploadDocumentRequest Request(Guid id, IReadOnlyList<IFormFile> files, IFormCollection form) =>
        new(id, files, Guid.TryParse(form["caseId"], out var p) ? p : null, form["documentType"].ToString(), form["title"].ToString(), form["paperOriginal"] == "true");
}
