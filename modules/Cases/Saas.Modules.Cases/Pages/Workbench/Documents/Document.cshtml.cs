using Saas.Platform.Web;
using MimeKit;
using Saas.Modules.Cases.Features.Documents;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.Inbox;

namespace Saas.Modules.Cases.Pages.Workbench.Documents;

/// <summary>A mail as the viewer shows it: its headers and its text.</summary>
internal sealed record MailView(string From, string To, string Cc, DateTimeOffset? Date, string Subject, string Text, IReadOnlyList<string> Attachments);

/// <summary>
/// The viewer of one document: a mail's headers and text read here, PDF and images inline from the content handler,
/// TIFF scans as a PDF from the preview handler; below it, correcting the title and type, and moving the document
/// into another file (choose the file by its number or the person's name, then confirm).
/// One viewing is one audit record (document.read "via workbench", by <see cref="ReadDocument"/>, as the API's
/// read): its frame or image fetches the content with a <see cref="ViewerMarker"/> that says so. A download,
/// "open on its own", or a content request without a valid marker records a read of its own. The page binds,
/// calls the use cases the API calls, and redirects.
/// </summary>
internal sealed class DocumentModel(ReadDocument read, OpenDocumentContent open, EditDocumentDetails edit, MoveDocument move, FindMoveTargets findTargets,
    ReadMoveTarget readTarget, IBlobStore blobs, IMetadataStore metadata, ICurrentTenant tenant, ICurrentActor actor, IDataProtectionProvider protection,
    IOptions<CasesOptions> settings, CasesDbContext db) : WorkbenchPage
{
    public CaseDocument Document { get; private set; } = null!;

    /// <summary>The content for this viewing's frame or image (covered by the page's record).</summary>
    public string ViewerContentUrl { get; private set; } = "";

    public CaseFile CaseFile { get; private set; } = null!;

    /// <summary>The title of the case the document is filed into, if any.</summary>
    public string? CaseTitle { get; private set; }

    public MailView? Mail { get; private set; }

    public IReadOnlyList<DocumentTypeOption> DocumentTypes { get; private set; } = [];

    /// <summary>The title the details form shows: what the caseworker typed, or the document's.</summary>
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? DocumentType { get; set; }

    /// <summary>The row version the caseworker saw (details and move forms).</summary>
    [BindProperty]
    public uint Version { get; set; }

    /// <summary>A file number or a person's name to find the target file of a move.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Find { get; set; }

    /// <summary>The file chosen as the target of a move: the page shows the confirmation.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? MoveTo { get; set; }

    [BindProperty]
    public Guid? MoveCaseId { get; set; }

    /// <summary>The files found for <see cref="Find"/>.</summary>
    public IReadOnlyList<CaseFileSummary>? Targets { get; private set; }

    /// <summary>The target of the move being confirmed.</summary>
    public MoveTarget? Target { get; private set; }

    /// <summary>The details someone else saved meanwhile, when this caseworker's change came second (nothing of it was saved).</summary>
    public CaseDocument? ChangedMeanwhile { get; private set; }

    /// <summary>What the previous action did (saved, moved), shown once.</summary>
    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Show(await read.ExecuteAsync(new ReadDocumentRequest(id, ReadVia.Workbench), ct), recorded: true);
        (Title, DocumentType, Version) = (Document.Title, Document.DocumentType, Document.Version);
        await LoadAsync(ct);
        try
        {
            if (MoveTo is { } target)
            {
                Target = await readTarget.ExecuteAsync(new ReadMoveTargetRequest(target), ct);
            }
            else if (!string.IsNullOrWhiteSpace(Find))
            {
                Targets = await findTargets.ExecuteAsync(new FindMoveTargetsRequest(Find, id), ct);
            }
        }
        catch (SaasProblemException problem)
        {
            ShowError("move", problem);
            Response.StatusCode = problem.Status;
        }
    }

    public Task<IActionResult> OnPostDetailsAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("details", async () =>
        {
            try
            {
                await edit.ExecuteAsync(new EditDocumentDetailsRequest(id, Title, DocumentType, Version), ct);
            }
            catch (SaasProblemException problem) when (problem.Code == "document-changed")
            {
                // Shown beside what this caseworker typed, which stays in the form; saving again overwrites knowingly.
                ChangedMeanwhile = (await ReadDocument.FindAsync(db, id, ct)).Document;
                throw;
            }

            Done = L("cases.documents.details-saved");
            return RedirectToPage("/Workbench/Documents/Document", new { id });
        }, () => ReloadAsync(id, keepVersion: false, ct));

    public Task<IActionResult> OnPostMoveAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("move", async () =>
        {
            var target = MoveTo ?? throw CasesProblems.MoveTargetMissing();
            await move.ExecuteAsync(new MoveDocumentRequest(id, target, MoveCaseId, Version), ct);
            var number = (await readTarget.ExecuteAsync(new ReadMoveTargetRequest(target), ct)).File.FileNumber;
            Done = L("cases.documents.moved", ("fileNumber", number));
            return RedirectToPage("/Workbench/Documents/Document", new { id });
        }, async () =>
        {
            await ReloadAsync(id, keepVersion: true, ct);
            try
            {
                // The confirmation again, with the problem above it; a target that does not exist shows the search instead.
                Target = MoveTo is { } target ? await readTarget.ExecuteAsync(new ReadMoveTargetRequest(target), ct) : null;
            }
            catch (SaasProblemException)
            {
                Target = null;
            }
        });

    /// <summary>
    /// The bytes for the viewer: covered by the page's record when the request carries its marker, otherwise recorded
    /// here (same use case and audit record as the API's content endpoint).
    /// </summary>
    public async Task<IActionResult> OnGetContentAsync(Guid id, [FromQuery(Name = ViewerMarker.QueryName)] string? viewing, CancellationToken ct)
    {
        var content = await open.ExecuteAsync(new OpenDocumentContentRequest(id, ReadVia.Workbench, DocumentContentForm.Original, Covered(id, viewing)), ct);
        PersonalContent.Apply(Response, content.Title, content.ContentType);
        return File(content.Content, content.ContentType);
    }

    /// <summary>A TIFF scan as a PDF for the viewer's frame; the read is covered or recorded as for the content.</summary>
    public async Task<IActionResult> OnGetPreviewAsync(Guid id, [FromQuery(Name = ViewerMarker.QueryName)] string? viewing, CancellationToken ct)
    {
        var content = await open.ExecuteAsync(new OpenDocumentContentRequest(id, ReadVia.Workbench, DocumentContentForm.Preview, Covered(id, viewing)), ct);
        PersonalContent.Apply(Response, content.Title, "application/pdf");
        return File(await TiffPreview.ToPdfAsync(content.Content, UploadLimits.From(settings.Value).Tools, ct), "application/pdf");
    }

    private bool Covered(Guid id, string? viewing) => ViewerMarker.Covers(protection, viewing, tenant.Tenant!.Id, ViewerMarker.Document, id, actor.Id);

    /// <summary>
    /// The document on the page. With <paramref name="recorded"/> this request recorded the viewing, and the frame's
    /// content carries the marker that says so; otherwise the frame's request records the read itself.
    /// </summary>
    private void Show(ReadDocumentResult found, bool recorded)
    {
        (Document, CaseFile, CaseTitle) = (found.Document, found.CaseFile, found.CaseTitle);
        var handler = Display.IsTiff(Document.ContentType) ? "preview" : "content";
        ViewerContentUrl = recorded
            ? Url.Page("/Workbench/Documents/Document", handler,
                new { id = Document.Id, viewing = ViewerMarker.Create(protection, tenant.Tenant!.Id, ViewerMarker.Document, Document.Id, actor.Id) })!
            : Url.Page("/Workbench/Documents/Document", handler, new { id = Document.Id })!;
    }

    /// <summary>
    /// The page again after a refused form, without a second read record (this request's form is not a viewing). The
    /// details form keeps what was typed; after a conflict it carries the current version, so saving again is a
    /// decision made seeing the other change. A refused move keeps the version the caseworker saw.
    /// </summary>
    private async Task ReloadAsync(Guid id, bool keepVersion, CancellationToken ct)
    {
        Show(await ReadDocument.FindAsync(db, id, ct), recorded: false);
        if (!keepVersion && ChangedMeanwhile is not null)
        {
            Version = Document.Version;
        }

        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        DocumentTypes = await Workbench.DocumentTypes.ListAsync(metadata, ct);
        if (Display.IsMail(Document.ContentType))
        {
            Mail = await ReadMailAsync(Document.Sha256, ct);
        }
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
