namespace Saas.Modules.Cases.Features.Inbox;

internal sealed record RefreshInboxSuggestionsRequest(Guid Id);

/// <summary>Ranks the files an item may belong to again (after new files were created) and stores who is responsible.</summary>
internal sealed class RefreshInboxSuggestions(CasesDbContext db, AssignmentSuggester suggester)
{
    public async Task<IReadOnlyList<AssignmentSuggestion>> ExecuteAsync(RefreshInboxSuggestionsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = await db.InboxItems.SingleOrDefaultAsync(i => i.Id == request.Id, ct) ?? throw CasesProblems.InboxItemNotFound(request.Id);
        var suggestions = await suggester.SuggestAsync(item.Title + "\n" + item.Text, 5, ct);
        AssignmentSuggester.Apply(item, suggestions);
        await db.SaveChangesAsync(ct);
        return suggestions;
    }
}
