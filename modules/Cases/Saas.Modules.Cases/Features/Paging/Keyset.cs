using System.Linq.Expressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore.Query;

namespace Saas.Modules.Cases.Features.Paging;

/// <summary>
/// Where a page of a list ordered by (time, id) ended: the last row shown. The next page starts strictly after it,
/// so rows that arrive or leave meanwhile (an item assigned by a colleague) neither repeat a row nor skip one, and
/// every page is one range scan of the list's index however deep it is. In links as <c>{UTC ticks}.{id}</c>.
/// </summary>
internal readonly record struct PageCursor(DateTimeOffset At, Guid Id)
{
    public string Encode() => At.UtcTicks.ToString(CultureInfo.InvariantCulture) + "." + Id.ToString("N");

    /// <summary>No cursor for an empty parameter (the first page); a 400 for one that was not written by <see cref="Encode"/>.</summary>
    public static PageCursor? Parse(string? text, string parameter)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split('.');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && Guid.TryParseExact(parts[1], "N", out var id))
        {
            return new PageCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        }

        throw CasesProblems.InvalidCursor(parameter);
    }
}

/// <summary>One page of a list: its rows, how many the whole list has, how many came before, and where the next page starts.</summary>
internal sealed record KeysetPage<T>(IReadOnlyList<T> Items, int Total, int Before, PageCursor? Next)
{
    /// <summary>Position of the first row shown (1-based), 0 on an empty page.</summary>
    public int First => Items.Count == 0 ? 0 : Before + 1;

    public int Last => Before + Items.Count;

    public bool IsFirstPage => Before == 0;
}

internal static class Keyset
{
    /// <summary>Rows per page in the workbench.</summary>
    public const int PageSize = 50;

    /// <summary>
    /// One page of <paramref name="query"/> ordered by (<paramref name="at"/>, <paramref name="id"/>), oldest or newest
    /// first, starting strictly after <paramref name="after"/>: the list's size, how many rows came before the cursor,
    /// and <paramref name="size"/> + 1 rows (projected by <paramref name="project"/>) to know whether there is more.
    /// The row comparisons are PostgreSQL row-value comparisons, which the (time, id) index answers.
    /// </summary>
    public static async Task<KeysetPage<TResult>> PageAsync<T, TResult>(IQueryable<T> query, Expression<Func<T, DateTimeOffset>> at, Expression<Func<T, Guid>> id,
        bool newestFirst, PageCursor? after, int size, Func<IQueryable<T>, IQueryable<TResult>> project, Func<TResult, PageCursor> key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(project);
        var total = await query.CountAsync(ct);
        var before = 0;
        if (after is { } cursor)
        {
            before = await query.CountAsync(Compare(at, id, cursor, newestFirst ? ExpressionType.GreaterThanOrEqual : ExpressionType.LessThanOrEqual), ct)
                ;
            query = query.Where(Compare(at, id, cursor, newestFirst ? ExpressionType.LessThan : ExpressionType.GreaterThan));
        }

        var ordered = newestFirst ? query.OrderByDescending(at).ThenByDescending(id) : query.OrderBy(at).ThenBy(id);
        var rows = await project(ordered.Take(size + 1)).ToListAsync(ct);
        return Cut(rows, size, key, total, before);
    }

    /// <summary>Cuts the <paramref name="size"/> + 1 rows read down to a page; the extra row only says that there is more.</summary>
    public static KeysetPage<T> Cut<T>(IReadOnlyList<T> rows, int size, Func<T, PageCursor> key, int total, int before)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(key);
        var items = rows.Take(size).ToList();
        return new KeysetPage<T>(items, Math.Max(total, before + items.Count), before, rows.Count > size ? key(items[^1]) : null);
    }

    // (at, id) <op> (cursor.At, cursor.Id) as EF.Functions' row-value comparison, written once per operator as the
    // compiler writes it (the cursor captured, so its values go in as parameters), with the row's columns put in.
    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, DateTimeOffset>> at, Expression<Func<T, Guid>> id, PageCursor cursor, ExpressionType op)
    {
        Expression<Func<DateTimeOffset, Guid, bool>> template = op switch
        {
            ExpressionType.GreaterThan => (a, i) => EF.Functions.GreaterThan(ValueTuple.Create(a, i), ValueTuple.Create(cursor.At, cursor.Id)),
            ExpressionType.GreaterThanOrEqual => (a, i) => EF.Functions.GreaterThanOrEqual(ValueTuple.Create(a, i), ValueTuple.Create(cursor.At, cursor.Id)),
            ExpressionType.LessThan => (a, i) => EF.Functions.LessThan(ValueTuple.Create(a, i), ValueTuple.Create(cursor.At, cursor.Id)),
            ExpressionType.LessThanOrEqual => (a, i) => EF.Functions.LessThanOrEqual(ValueTuple.Create(a, i), ValueTuple.Create(cursor.At, cursor.Id)),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
        var row = at.Parameters[0];
        var body = ReplacingExpressionVisitor.Replace(template.Parameters[0], at.Body, template.Body);
        body = ReplacingExpressionVisitor.Replace(template.Parameters[1], ReplacingExpressionVisitor.Replace(id.Parameters[0], row, id.Body), body);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    /// <summary>For the API: <c>X-Total-Count</c>, and a <c>Link</c> header (rel="next") to the next page with the same <paramref name="query"/>.</summary>
    public static void Describe<T>(HttpContext http, KeysetPage<T> page, IDictionary<string, string?> query)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(query);
        http.Response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
        if (page.Next is { } next)
        {
            var parameters = new Dictionary<string, string?>(query, StringComparer.Ordinal) { ["after"] = next.Encode() };
            http.Response.Headers.Link = $"<{QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path, parameters)}>; rel=\"next\"";
        }
    }
}
