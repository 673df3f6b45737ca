using Saas.Modules.Cases.Features.Inbox;

namespace Saas.Modules.Cases.Pages.Workbench.Inbox;

/// <summary>The suggestions stored with an inbox item (JSON, as the suggester wrote them).</summary>
internal static class InboxView
{
    public static IReadOnlyList<AssignmentSuggestion> Suggestions(InboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return JsonSerializer.Deserialize<List<AssignmentSuggestion>>(item.Suggestions, AssignmentSuggester.Json) ?? [];
    }
}
