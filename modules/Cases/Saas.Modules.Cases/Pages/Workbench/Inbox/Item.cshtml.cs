using Saas.Platform.Web;
using Saas.Modules.Cases.Features.Inbox;

namespace Saas.Modules.Cases.Pages.Workbench.Inbox;

/// <summary>
/// One inbox item: its content beside the ranked suggestions with one button each, a file by its number, or discard.
/// After an assignment or a discard the caseworker goes on to the next open item of the same view. One viewing is
/// one audit record (inbox.read, by <see cref="ReadInboxItem"/>): its frame or image fetches the content with a
/// <see cref="ViewerMarker"/> that says so; a download, "open on its own", or a request without a valid marker
/// records a read of its own (inbox.content). The page binds, calls the use cases the API calls, and redirects.
/// </summary>
internal sealed class ItemModel(CasesDbContext db, ReadInboxItem read, OpenInboxContent open, AssignInboxItem assign, DiscardInboxItem discard,
    IMetadataStore metadata, ICurrentTenant tenant, ICurrentActor actor, IDataProtectionProvider protection)
    : WorkbenchPage
{
    public InboxItem Item { get; private set; } = null!;

    public IReadOnlyList<AssignmentSuggestion> Suggestions { get; private set; } = [];

    public IReadOnlyList<DocumentTypeOption> DocumentTypes { get; private set; } = [];

    /// <summary>The content for this viewing's frame or image (covered by the page's record).</summary>
    public string ViewerContentUrl { get; private set; } = "";

    /// <summary>The view the caseworker came from (mine, unassigned, all): "next item" stays in it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty]
    public string? FileNumber { get; set; }

    [BindProperty]
    public string? DocumentType { get; set; }

    /// <summary>What the previous item's action did, shown on this one (the next item).</summary>
    [TempData]
    public string? Done { get; set; }

    /// <summary>The file the previous item went into (a link beside <see cref="Done"/>).</summary>
    [TempData]
    public Guid? DoneFile { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Item = await read.ExecuteAsync(new ReadInboxItemRequest(id, ReadVia.Workbench), ct);
        await LoadAsync(ct);
        ViewerContentUrl = Url.Page("/Workbench/Inbox/Item", "content", new { id, viewing = ViewerMarker.Create(protection, tenant.Tenant!.Id, ViewerMarker.InboxItem, id, actor.Id) })!;
    }

    public Task<IActionResult> OnPostAssignAsync(Guid id, Guid fileId, CancellationToken ct) =>
        SubmitAsync("assign", () => AssignAsync(id, fileId, ct), () => ReloadAsync(id, ct));

    public Task<IActionResult> OnPostAssignByNumberAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("by-number", async () =>
        {
            var number = FileNumber?.Trim() ?? "";
            var fileId = await db.CaseFiles.AsNoTracking().Where(f => f.FileNumber == number).Select(f => (Guid?)f.Id).SingleOrDefaultAsync(ct)
                         ?? throw CasesProblems.UnknownFileNumber(number);
            return await AssignAsync(id, fileId, ct);
        }, () => ReloadAsync(id, ct));

    public Task<IActionResult> OnPostDiscardAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("discard", async () =>
        {
            var item = await ReadInboxItem.FindAsync(db, id, ct);
            await discard.ExecuteAsync(new DiscardInboxItemRequest(id), ct);
            Done = L("cases.workbench.inbox.discarded-title", ("title", item.Title));
            return await NextAsync(item, ct);
        }, () => ReloadAsync(id, ct));

    /// <summary>
    /// The item's bytes: covered by the page's record when the request carries its marker, otherwise recorded here
    /// (same use case and audit record as the API's content endpoint).
    /// </summary>
    public async Task<IActionResult> OnGetContentAsync(Guid id, [FromQuery(Name = ViewerMarker.QueryName)] string? viewing, CancellationToken ct)
    {
        var covered = ViewerMarker.Covers(protection, viewing, tenant.Tenant!.Id, ViewerMarker.InboxItem, id, actor.Id);
        var content = await open.ExecuteAsync(new OpenInboxContentRequest(id, ReadVia.Workbench, covered), ct);
        PersonalContent.Apply(Response, content.Title, content.ContentType);
        return File(content.Content, content.ContentType);
    }

    private async Task<IActionResult> AssignAsync(Guid id, Guid fileId, CancellationToken ct)
    {
        var item = await ReadInboxItem.FindAsync(db, id, ct);
        await assign.ExecuteAsync(new AssignInboxItemRequest(id, fileId, DocumentType), ct);
        var number = await db.CaseFiles.AsNoTracking().Where(f => f.Id == fileId).Select(f => f.FileNumber).SingleAsync(ct);
        Done = L("cases.workbench.inbox.assigned-title-to-file", ("title", item.Title), ("fileNumber", number));
        DoneFile = fileId;
        return await NextAsync(item, ct);
    }

    /// <summary>The next open item of the same view after this one (oldest first), or the list when there is none.</summary>
    private async Task<IActionResult> NextAsync(InboxItem current, CancellationToken ct)
    {
        var scope = InboxList.ParseScope(View, InboxScope.Mine);
        var next = await InboxList.NextOpenAsync(db, scope, actor.Identities, current, ct);
        return next is { } nextId
            ? RedirectToPage("/Workbench/Inbox/Item", new { id = nextId, view = InboxList.Name(scope) })
            : RedirectToPage("/Workbench/Inbox/Index", new { view = InboxList.Name(scope) });
    }

    private async Task ReloadAsync(Guid id, CancellationToken ct)
    {
        Item = await ReadInboxItem.FindAsync(db, id, ct);
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Suggestions = InboxView.Suggestions(Item);
        DocumentTypes = await Workbench.DocumentTypes.ListAsync(metadata, ct);
    }
}
