using Saas.Modules.Cases.Features.Inbox;
using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Pages.Workbench.Inbox;

/// <summary>
/// The open inbox items with their best suggestion (as <c>GET /api/cases/inbox</c>), 50 per page, oldest first.
/// "Mein Posteingang" holds the items in the signed-in caseworker's surname ranges; "nicht zugeordnet" those nobody
/// is responsible for; "alle" the whole authority's (team leads). The list names persons: its read is audited.
/// </summary>
internal sealed class IndexModel(CasesDbContext db, IAuditTrail audit) : WorkbenchPage
{
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public InboxScope Scope { get; private set; }

    public InboxCounts Counts { get; private set; } = new(0, 0, 0);

    public IReadOnlyList<(InboxItem Item, AssignmentSuggestion? Top)> Items { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scope = InboxList.ParseScope(View, InboxScope.Mine);
        var after = PageCursor.Parse(After, "after");
        Counts = await InboxList.CountsAsync(db, InboxList.Identities(User), ct);
        var page = await InboxList.PageAsync(db, "open", Scope, InboxList.Identities(User), after, Keyset.PageSize, ct);
        await audit.RecordAsync(new AuditEntry("inbox.list", "inbox", null, $"open, {InboxList.Name(Scope)}: {page.First}-{page.Last} of {page.Total} (workbench)",
            PersonalData: true), ct);
        Items = page.Items.Select(i => (i, InboxView.Suggestions(i).FirstOrDefault())).ToList();
        Pager = Pager.For(page, L("cases.workbench.inbox.inbox-pages"), $"{Base}/workbench/inbox",
            new Dictionary<string, string?> { ["view"] = InboxList.Name(Scope) }, L("cases.workbench.inbox.more-items"));
    }

    public string ViewUrl(InboxScope scope) => $"{Base}/workbench/inbox?view={InboxList.Name(scope)}";
}
