using Saas.Modules.Cases.Features.Inbox;

namespace Saas.Modules.Cases.Pages.Workbench.Inbox;

/// <summary>
/// One inbox item: its content, the ranked suggestions with one button each, a file by its number, or discard.
/// One viewing is one audit record (inbox.read): the page records it, and its frame or image fetches the content
/// with a <see cref="ViewerMarker"/> that says so. A download, "open on its own", or a content request without a
/// valid marker records a read of its own (inbox.content).
/// </summary>
internal sealed class ItemModel(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, IOptions<CasesOptions> settings, IMetadataStore metadata, TimeProvider clock,
    ICurrentTenant tenant, IDataProtectionProvider protection)
    : WorkbenchPage
{
    public InboxItem Item { get; private set; } = null!;

    public IReadOnlyList<AssignmentSuggestion> Suggestions { get; private set; } = [];

    public IReadOnlyList<DocumentTypeOption> DocumentTypes { get; private set; } = [];

    /// <summary>The content for this viewing's frame or image (covered by the page's record).</summary>
    public string ViewerContentUrl { get; private set; } = "";

    [BindProperty]
    public string? FileNumber { get; set; }

    [BindProperty]
    public string? DocumentType { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await audit.RecordAsync(new AuditEntry("inbox.read", "inbox", id.ToString(), "workbench viewer", PersonalData: true), ct);
        ViewerContentUrl = $"{Base}/workbench/inbox/{id}/content?{ViewerMarker.QueryName}="
                           + Uri.EscapeDataString(ViewerMarker.Create(protection, tenant.Tenant!.Id, ViewerMarker.InboxItem, id, Actor));
    }

    public Task<IActionResult> OnPostAssignAsync(Guid id, Guid fileId, CancellationToken ct) =>
        SubmitAsync("assign", () => AssignAsync(id, fileId, ct), () => LoadAsync(id, ct));

    public Task<IActionResult> OnPostAssignByNumberAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("by-number", async () =>
        {
            var number = FileNumber?.Trim() ?? "";
            var fileId = await db.CaseFiles.AsNoTracking().Where(f => f.FileNumber == number).Select(f => (Guid?)f.Id).SingleOrDefaultAsync(ct)
                         ?? throw new SaasProblemException(StatusCodes.Status422UnprocessableEntity, "unknown-file-number",
                             new LocalizedText("problem.unknown-file-number"), number);
            return await AssignAsync(id, fileId, ct);
        }, () => LoadAsync(id, ct));

    public Task<IActionResult> OnPostDiscardAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("assign", async () =>
        {
            await InboxEndpoints.DiscardAsync(db, audit, id, Actor, clock.GetUtcNow(), ct);
            return Redirect($"{Base}/workbench/inbox");
        }, () => LoadAsync(id, ct));

    /// <summary>
    /// The item's bytes: covered by the page's record when the request carries its marker, otherwise recorded here
    /// (same code and audit record as the API's content endpoint).
    /// </summary>
    public async Task<IActionResult> OnGetContentAsync(Guid id, [FromQuery(Name = ViewerMarker.QueryName)] string? viewing, CancellationToken ct)
    {
        var (content, contentType) = ViewerMarker.Covers(protection, viewing, tenant.Tenant!.Id, ViewerMarker.InboxItem, id, Actor)
            ? await InboxEndpoints.OpenRecordedContentAsync(db, blobs, id, ct)
            : await InboxEndpoints.OpenContentAsync(db, blobs, audit, id, "workbench content", ct);
        return File(content, contentType);
    }

    private async Task<IActionResult> AssignAsync(Guid id, Guid fileId, CancellationToken ct)
    {
        await InboxEndpoints.AssignAsync(db, metadata, blobs, audit, settings.Value, id, new AssignRequest(fileId, DocumentType, null, null), Actor, clock.GetUtcNow(), ct)
            ;
        return Redirect($"{Base}/workbench/files/{fileId}");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Item = await InboxEndpoints.FindAsync(db, id, ct);
        Suggestions = InboxView.Suggestions(Item);
        DocumentTypes = await Workbench.DocumentTypes.ListAsync(metadata, ct);
    }
}
