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

/// <summary>A key that triggers the element marked <c>data-shortcut</c> with it (wwwroot/js/inbox-shortcuts.js), and what it does.</summary>
internal sealed record InboxShortcut(string Key, string Text);

/// <summary>The shortcuts each inbox page offers, listed on it under "Tastenkürzel" (texts <c>cases.inbox.shortcuts.*</c>).</summary>
internal static class InboxShortcuts
{
    private static readonly InboxShortcut Help = new("?", "cases.inbox.shortcuts.help");

    public static IReadOnlyList<InboxShortcut> OpenItem { get; } =
    [
        new("z", "cases.inbox.shortcuts.assign"), new("v", "cases.inbox.shortcuts.discard"), new("n", "cases.inbox.shortcuts.next"),
        new("/", "cases.inbox.shortcuts.search"), Help,
    ];

    public static IReadOnlyList<InboxShortcut> ClosedItem { get; } = [new("n", "cases.inbox.shortcuts.next"), Help];

    public static IReadOnlyList<InboxShortcut> List { get; } = [new("n", "cases.inbox.shortcuts.first"), Help];
}
