using Microsoft.EntityFrameworkCore;
using Saas.Modules.Cases.Features.Inbox;

namespace Saas.Modules.Cases.Pages.Workbench.Inbox;

/// <summary>The open inbox items with their best suggestion (as <c>GET /api/cases/inbox</c>).</summary>
internal sealed class IndexModel(CasesDbContext db) : WorkbenchPage
{
    public IReadOnlyList<(InboxItem Item, AssignmentSuggestion? Top)> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var items = await db.InboxItems.AsNoTracking().Where(i => i.Status == "open").OrderBy(i => i.ReceivedAt).Take(200).ToListAsync(ct).ConfigureAwait(false);
        Items = items.Select(i => (i, InboxView.Suggestions(i).FirstOrDefault())).ToList();
    }
}
