using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Features.Inbox;

/// <param name="Status">open (default), assigned or discarded.</param>
/// <param name="View">mine, unassigned or all; <paramref name="DefaultView"/> when not given (and "all" instead of an empty "mine").</param>
/// <param name="After">The cursor of the page before (keyset paging).</param>
internal sealed record ListInboxRequest(string? Status, string? View, string? After, int PageSize, InboxScope DefaultView, string Via);

internal sealed record InboxListResult(KeysetPage<InboxItem> Page, string Status, InboxScope Scope, InboxCounts? Counts);

/// <summary>
/// A page of the inbox, oldest first, for the signed-in caseworker's view; the list names persons, so its read is
/// recorded (<c>inbox.list</c>) with the same details from the API and the workbench.
/// </summary>
internal sealed class ListInbox(CasesDbContext db, IAuditTrail audit, ICurrentActor actor)
{
    public async Task<InboxListResult> ExecuteAsync(ListInboxRequest request, bool withCounts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = InboxItemStatus.Parse(request.Status, "status");
        var scope = InboxList.ParseScope(request.View, request.DefaultView);
        var cursor = PageCursor.Parse(request.After, "after");
        var counts = withCounts || (request.View is null && scope == InboxScope.Mine) ? await InboxList.CountsAsync(db, actor.Identities, ct) : null;
        if (request.View is null && scope == InboxScope.Mine && counts is { Mine: 0, All: > 0 })
        {
            // Nothing of one's own (an authority without surname ranges, a new caseworker): the whole inbox is the useful default.
            scope = InboxScope.All;
        }

        var page = await InboxList.PageAsync(db, status, scope, actor.Identities, cursor, request.PageSize, ct);
        await audit.RecordAsync(new AuditEntry("inbox.list", "inbox", null,
            $"{status}, {InboxList.Name(scope)}: {page.First}-{page.Last} of {page.Total} via {request.Via}", PersonalData: true), ct);
        return new InboxListResult(page, status, scope, counts);
    }
}
