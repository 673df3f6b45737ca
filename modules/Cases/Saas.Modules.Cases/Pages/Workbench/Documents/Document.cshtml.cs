using Saas.Platform.Web;
using MimeKit;
using Saas.Modules.Cases.Features.Documents;
using Saas.Modules.Cases.Features.Inbox;

namespace Saas.Modules.Cases.Pages.Workbench.Documents;

/// <summary>A mail as the viewer shows it: its headers and its text.</summary>
internal sealed record MailView(string From, string To, string Cc, DateTimeOffset? Date, string Subject, string Text, IReadOnlyList<string> Attachments);

/// <summary>
/// The viewer of one document: a mail's headers and text read here, PDF and images inline from the content handler,
/// TIFF scans as a PDF from the preview handler.
/// One viewing is one audit record (document.read): the page records it, and its frame or image fetches the content
/// with a <see cref="ViewerMarker"/> that says so. A download, "open on its own", or a content request without a
/// valid marker records a read of its own.
/// </summary>
internal sealed class DocumentModel(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, IMetadataStore metadata, ICurrentTenant tenant,
    IDataProtectionProvider protection, IOptions<CasesOptions> settings) : WorkbenchPage
{
    public CaseDocument Document { get; private set; } = null!;

    /// <summary>The content for this viewing's frame or image (covered by the page's record).</summary>
    public string ViewerContentUrl { get; private set; } = "";

    public CaseFile CaseFile { get; private set; } = null!;

    public MailView? Mail { get; private set; }

    public IReadOnlyList<DocumentTypeOption> DocumentTypes { get; private set; } = [];

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct)
                   ?? throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
                       new LocalizedText("problem.not-found.workbench-documents"), id.ToString());
        CaseFile = await db.CaseFiles.AsNoTracking().SingleAsync(f => f.Id == Document.CaseFileId, ct);
        DocumentTypes = await Workbench.DocumentTypes.ListAsync(metadata, ct);
        await audit.RecordAsync(new AuditEntry("document.read", "document", id.ToString(), "workbench viewer", PersonalData: true), ct);
        var handler = Display.IsTiff(Document.ContentType) ? "preview" : "content";
        ViewerContentUrl = $"{Base}/workbench/documents/{id}/{handler}?{ViewerMarker.QueryName}="
                           + Uri.EscapeDataString(ViewerMarker.Create(protection, tenant.Tenant!.Id, ViewerMarker.Document, id, Actor));
        if (Display.IsMail(Document.ContentType))
        {
            Mail = await ReadMailAsync(Document.Sha256, ct);
        }
    }

    /// <summary>
    /// The bytes for the viewer: covered by the page's record when the request carries its marker, otherwise recorded
    /// here (same code and audit record as the API's content endpoint).
    /// </summary>
    public async Task<IActionResult> OnGetContentAsync(Guid id, [FromQuery(Name = ViewerMarker.QueryName)] string? viewing, CancellationToken ct)
    {
        var (content, contentType, title) = ViewerMarker.Covers(protection, viewing, tenant.Tenant!.Id, ViewerMarker.Document, id, Actor)
            ? await DocumentEndpoints.OpenRecordedContentAsync(db, blobs, id, ct)
            : await DocumentEndpoints.OpenContentAsync(db, blobs, audit, id, "workbench content", ct);
        PersonalContent.Apply(Response, title, contentType);
        return File(content, contentType);
    }

    /// <summary>A TIFF scan as a PDF for the viewer's frame; the read is covered or recorded as for the content.</summary>
    public async Task<IActionResult> OnGetPreviewAsync(Guid id, [FromQuery(Name = ViewerMarker.QueryName)] string? viewing, CancellationToken ct)
    {
        var document = await DocumentEndpoints.FindAsync(db, id, ct);
        if (!Display.IsTiff(document.ContentType))
        {
            throw new SaasProblemException(StatusCodes.Status404NotFound, "no-preview",
                new LocalizedText("problem.no-preview"),
                document.ContentType);
        }

        var (content, _, title) = ViewerMarker.Covers(protection, viewing, tenant.Tenant!.Id, ViewerMarker.Document, id, Actor)
            ? await DocumentEndpoints.OpenRecordedContentAsync(db, blobs, id, ct)
            : await DocumentEndpoints.OpenContentAsync(db, blobs, audit, id, "workbench preview", ct);
        PersonalContent.Apply(Response, title, "application/pdf");
        return File(await TiffPreview.ToPdfAsync(content, UploadLimits.From(settings.Value).ToolTimeout, ct), "application/pdf");
    }

    private async Task<MailView> ReadMailAsync(string sha256, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("saas-viewer-");
        try
        {
            var path = Path.Combine(work.FullName, "message.eml");
            await using (var source = await blobs.OpenReadAsync(sha256, ct))
            await using (var target = System.IO.File.Create(path))
            {
                await source.CopyToAsync(target, ct);
            }

            var message = await MailIngest.LoadAsync(path, ct);
            var text = message.TextBody ?? System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(message.HtmlBody ?? "", "<[^>]+>", " "));
            return new MailView(message.From.ToString(), message.To.ToString(), message.Cc.ToString(),
                message.Date == DateTimeOffset.MinValue ? null : message.Date, message.Subject ?? "", text,
                message.Attachments.OfType<MimePart>().Select(p => p.FileName ?? L("cases.workbench.documents.no-name")).ToList());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
