using Saas.Modules.Cases.Features.Inbox;
using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Pages.Workbench.Inbox;

/// <summary>
/// The open inbox items with their best suggestion (as <c>GET /api/cases/inbox</c>, through the same use case), 50
/// per page, oldest first. "Mein Posteingang" holds the items in the signed-in caseworker's surname ranges; "nicht
/// zugeordnet" those nobody is responsible for; "alle" the whole authority's. Without a view chosen, the page opens
/// on "mine", or on "all" when the caseworker has no items of their own (an authority without surname ranges).
/// </summary>
internal sealed class IndexModel(ListInbox list) : WorkbenchPage
{
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>What the last item's action did (the caseworker comes here when it was the last open item).</summary>
    [TempData]
    public string? Done { get; set; }

    [TempData]
    public Guid? DoneFile { get; set; }

    public InboxScope Scope { get; private set; }

    public InboxCounts Counts { get; private set; } = new(0, 0, 0);

    public IReadOnlyList<(InboxItem Item, AssignmentSuggestion? Top)> Items { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var result = await list.ExecuteAsync(new ListInboxRequest(null, View, After, Keyset.PageSize, InboxScope.Mine, ReadVia.Workbench), withCounts: true, ct);
        Scope = result.Scope;
        Counts = result.Counts!;
        Items = result.Page.Items.Select(i => (i, InboxView.Suggestions(i).FirstOrDefault())).ToList();
        Pager = Pager.For(result.Page, L("cases.workbench.inbox.inbox-pages"), Url.Page("/Workbench/Inbox/Index")!,
            new Dictionary<string, string?> { ["view"] = InboxList.Name(Scope) }, L("cases.workbench.inbox.more-items"));
    }

    public string ViewUrl(InboxScope scope) => Url.Page("/Workbench/Inbox/Index", new { view = InboxList.Name(scope) })!;
}
