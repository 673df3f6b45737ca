using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>The boxes of one status (all when empty), one page after the cursor.</summary>
internal sealed record ListBoxesRequest(string? Status, string? After, int Size);

/// <summary>A box in the list, with how many files it holds.</summary>
internal sealed record BoxSummary(LegacyBox Box, int Files);

/// <summary>The boxes, most recently packed first, with their number of files; labels and counts only, no person's data: not audited.</summary>
internal sealed class ListBoxes(CasesDbContext db)
{
    public async Task<KeysetPage<BoxSummary>> ExecuteAsync(ListBoxesRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var after = PageCursor.Parse(request.After, "after");
        var query = db.LegacyBoxes.AsNoTracking();
        if (!string.IsNullOrEmpty(request.Status))
        {
            query = query.Where(b => b.Status == request.Status);
        }

        return await Keyset.PageAsync(query, b => b.PackedAt, b => b.Id, newestFirst: true, after, request.Size,
            rows => rows.Select(b => new BoxSummary(b, db.LegacyBoxFiles.Count(f => f.BoxId == b.Id))), r => new PageCursor(r.Box.PackedAt, r.Box.Id), ct);
    }
}
