using Microsoft.AspNetCore.WebUtilities;
using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Pages.Workbench;

/// <summary>
/// The line under a paged list: which rows are shown of how many, and plain links to the first and the next page
/// (no JavaScript; the browser's back button returns to the previous page).
/// </summary>
internal sealed record Pager(string Label, int First, int Last, int Total, string? FirstPageUrl, string? NextUrl, string NextText)
{
    /// <summary>A pager for <paramref name="page"/> of the list at <paramref name="path"/>; <paramref name="query"/> keeps the list's filters.</summary>
    public static Pager For<T>(KeysetPage<T> page, string label, string path, IReadOnlyDictionary<string, string?> query, string nextText)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(query);
        var kept = query.Where(q => !string.IsNullOrEmpty(q.Value)).ToList();
        return new Pager(label, page.First, page.Last, page.Total,
            page.IsFirstPage ? null : QueryHelpers.AddQueryString(path, kept),
            page.Next is { } next ? QueryHelpers.AddQueryString(path, kept.Append(new("after", next.Encode()))) : null,
            nextText);
    }
}
