using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Features.Inbox;

/// <summary>Which open items a caseworker looks at.</summary>
internal enum InboxScope
{
    /// <summary>Items whose best suggestion's surname falls into one of the caseworker's surname ranges.</summary>
    Mine,

    /// <summary>Items nobody is responsible for (no file suggested, or a surname no range covers).</summary>
    Unassigned,

    /// <summary>The whole authority's open items (team leads, stand-ins).</summary>
    All,
}

/// <summary>How many open items each view holds.</summary>
internal sealed record InboxCounts(int Mine, int Unassigned, int All);

/// <summary>
/// The open inbox, oldest first, in pages by (received_at, id): the workbench's list and <c>GET /api/cases/inbox</c>.
/// The responsible caseworkers are stored with each item when it arrives, so each view is one indexed filter.
/// </summary>
internal static class InboxList
{
    public static InboxScope ParseScope(string? value, InboxScope fallback) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => fallback,
        "mine" => InboxScope.Mine,
        "unassigned" => InboxScope.Unassigned,
        "all" => InboxScope.All,
        _ => throw CasesProblems.InvalidInboxView("view"),
    };

    public static string Name(InboxScope scope) => scope switch
    {
        InboxScope.Mine => "mine",
        InboxScope.Unassigned => "unassigned",
        _ => "all",
    };

    /// <summary>The items of one status in one view; <paramref name="caseworker"/> are the signed-in person's <see cref="Identities"/>.</summary>
    public static IQueryable<InboxItem> Query(CasesDbContext db, string status, InboxScope scope, IReadOnlyList<string> caseworker)
    {
        ArgumentNullException.ThrowIfNull(db);
        // 'open' is written into the SQL rather than sent as a parameter, so the partial indexes on open items apply.
        var items = status == "open" ? db.InboxItems.AsNoTracking().Where(i => i.Status == "open") : db.InboxItems.AsNoTracking().Where(i => i.Status == status);
        var identities = caseworker.ToArray();
        return scope switch
        {
            // responsible_caseworkers && @identities: an operator the GIN index answers (= ANY() would read every open item).
            InboxScope.Mine => items.Where(i => i.ResponsibleCaseworkers.Any(c => identities.Contains(c))),
            InboxScope.Unassigned => items.Where(i => i.ResponsibleCaseworkers.Count == 0),
            _ => items,
        };
    }

    public static Task<KeysetPage<InboxItem>> PageAsync(CasesDbContext db, string status, InboxScope scope, IReadOnlyList<string> caseworker, PageCursor? after, int size,
        CancellationToken ct) =>
        Keyset.PageAsync(Query(db, status, scope, caseworker), i => i.ReceivedAt, i => i.Id, newestFirst: false, after, size, rows => rows,
            i => new PageCursor(i.ReceivedAt, i.Id), ct);

    /// <summary>The open item after <paramref name="current"/> in the view (oldest first), wrapping to the oldest; null when it was the last.</summary>
    public static async Task<Guid?> NextOpenAsync(CasesDbContext db, InboxScope scope, IReadOnlyList<string> caseworker, InboxItem current, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(current);
        var open = Query(db, InboxItemStatus.Open, scope, caseworker).Where(i => i.Id != current.Id);
        var after = await open.Where(i => i.ReceivedAt > current.ReceivedAt || (i.ReceivedAt == current.ReceivedAt && i.Id.CompareTo(current.Id) > 0))
            .OrderBy(i => i.ReceivedAt).ThenBy(i => i.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        return after ?? await open.OrderBy(i => i.ReceivedAt).ThenBy(i => i.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
    }

    public static async Task<InboxCounts> CountsAsync(CasesDbContext db, IReadOnlyList<string> caseworker, CancellationToken ct) => new(
        await Query(db, "open", InboxScope.Mine, caseworker).CountAsync(ct),
        await Query(db, "open", InboxScope.Unassigned, caseworker).CountAsync(ct),
        await Query(db, "open", InboxScope.All, caseworker).CountAsync(ct));
}
