using Saas.Platform.Web;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.Inbox;

namespace Saas.Modules.Cases.Pages.Workbench.Inbox;

/// <summary>
/// One inbox item: its content beside the ranked suggestions with one button each, a file by its number, or discard.
/// After an assignment or a discard the caseworker goes on to the next open item of the same view. One viewing is
/// one audit record (inbox.read, by <see cref="ReadInboxItem"/>): its frame or image fetches the content with a
/// <see cref="ViewerMarker"/> that says so; a download, "open on its own", or a request without a valid marker
/// records a read of its own (inbox.content). The page binds, calls the use cases the API calls, and redirects.
/// It also splits a PDF item at its pages, takes a filing or a discard back after a confirmation step, finds a file by
/// the person's name, and preselects a file just created for this item (<c>?file=</c>, from Files/New).
/// </summary>
internal sealed class ItemModel(CasesDbContext db, ReadInboxItem read, OpenInboxContent open, AssignInboxItem assign, DiscardInboxItem discard,
    SplitInboxItem split, UndoInboxFiling undoFiling, UndoInboxDiscard undoDiscard, FindFilesForInboxItem findFiles, ICaseFileDirectory directory,
    IMetadataStore metadata, ICurrentTenant tenant, ICurrentActor actor, IDataProtectionProvider protection)
    : WorkbenchPage
{
    /// <summary>The undo whose confirmation the page asks for (<c>?confirm=</c>).</summary>
    public const string ConfirmFiling = "undo-filing";

    public const string ConfirmDiscard = "undo-discard";

    /// <summary>The parts of a split item, or the item this part came from.</summary>
    public IReadOnlyList<InboxItem> Parts { get; private set; } = [];

    public InboxItem? SplitFrom { get; private set; }

    /// <summary>The file the caseworker chose before (<c>?file=</c>, e.g. just created for this item): the first assignment target.</summary>
    public CaseFileSummary? ChosenFile { get; private set; }

    /// <summary>The files the person search found (null: not searched).</summary>
    public IReadOnlyList<CaseFileSummary>? Found { get; private set; }

    /// <summary>The next open item of the same view (the shortcut "next item").</summary>
    public Guid? NextId { get; private set; }

    [BindProperty(SupportsGet = true, Name = "file")]
    public Guid? ChosenFileId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Confirm { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? PersonName { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? PersonBirthDate { get; set; }

    [BindProperty]
    public string? Ranges { get; set; }

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
        if (PersonName is not null && Item.IsOpen)
        {
            try
            {
                Found = await findFiles.ExecuteAsync(new FindFilesForInboxItemRequest(id, PersonName, PersonBirthDate), ct);
            }
            catch (SaasProblemException problem)
            {
                ShowError("person-search", problem);
                Response.StatusCode = problem.Status;
            }
        }

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

    public Task<IActionResult> OnPostSplitAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("split", async () =>
        {
            var result = await split.ExecuteAsync(new SplitInboxItemRequest(id, Ranges), ct);
            Done = L("cases.inbox.split.done", ("count", result.Parts.Count));
            return RedirectToPage("/Workbench/Inbox/Item", new { id, view = View });
        }, () => ReloadAsync(id, ct));

    public Task<IActionResult> OnPostUndoFilingAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("undo", async () =>
        {
            var result = await undoFiling.ExecuteAsync(new UndoInboxFilingRequest(id), ct);
            Done = L("cases.inbox.undo.filing-done", ("count", result.Withdrawn.Count));
            return RedirectToPage("/Workbench/Inbox/Item", new { id, view = View });
        }, () => ReloadAsync(id, ct));

    public Task<IActionResult> OnPostUndoDiscardAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("undo", async () =>
        {
            await undoDiscard.ExecuteAsync(new UndoInboxDiscardRequest(id), ct);
            Done = L("cases.inbox.undo.discard-done");
            return RedirectToPage("/Workbench/Inbox/Item", new { id, view = View });
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
        Parts = await ReadInboxItem.PartsAsync(db, Item.Id, ct);
        SplitFrom = Item.SplitFromId is { } from ? await ReadInboxItem.FindAsync(db, from, ct) : null;
        ChosenFile = ChosenFileId is { } chosen && Item.IsOpen ? await directory.FindAsync(chosen, ct) : null;
        NextId = await InboxList.NextOpenAsync(db, InboxList.ParseScope(View, InboxScope.Mine), actor.Identities, Item, ct);
    }
}
