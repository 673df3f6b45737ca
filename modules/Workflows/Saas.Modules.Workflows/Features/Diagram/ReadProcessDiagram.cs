using Saas.Modules.Organization.Contracts;
using Saas.Modules.Workflows.Features.Definitions;
using Saas.Modules.Workflows.Features.Instances;

namespace Saas.Modules.Workflows.Features.Diagram;

internal sealed record ReadProcessDiagramRequest(string Key, int? Version);

internal sealed record DiagramVersion(int Version, DateTimeOffset PublishedAt, bool Current);

internal sealed record DiagramStateView(string Key, string Name, string Kind, string? Unit, string? Outcome, IReadOnlyList<string> Tasks);

/// <param name="Expiry">The deadline whose expiry takes this transition (its name and duration), or null.</param>
internal sealed record DiagramTransitionView(string Key, string Name, IReadOnlyList<string> From, string To, IReadOnlyList<string> Conditions, string? Expiry);

/// <summary>What the admin page shows of a process version: the list beside the diagram (readable without script) and the versions to pick.</summary>
internal sealed record ProcessDiagramView(string Key, string Name, int Version, IReadOnlyList<DiagramVersion> Versions,
    IReadOnlyList<DiagramStateView> States, IReadOnlyList<DiagramTransitionView> Transitions);

/// <summary>
/// A process version for the admin area's diagram page: its states and transitions in the reader's language, and every
/// version that was published (from the document's history), the one published now marked. Tenant-scoped like the
/// export (<see cref="ExportProcessBpmn.FindAsync"/>).
/// </summary>
internal sealed class ReadProcessDiagram(ProcessCatalogue catalogue, IMetadataStore store, IOrganizationDirectory organization)
{
    public async Task<ProcessDiagramView> ExecuteAsync(ReadProcessDiagramRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var process = await ExportProcessBpmn.FindAsync(catalogue, request.Key, request.Version, ct);
        var current = (await store.GetPublishedAsync(ProcessKind.Name, request.Key, ct))?.Version;
        var versions = (await store.GetHistoryAsync(ProcessKind.Name, request.Key, ct))
            .Where(d => d.PublishedAt is not null).OrderByDescending(d => d.Version)
            .Select(d => new DiagramVersion(d.Version, d.PublishedAt!.Value, d.Version == current)).ToList();
        var units = (await organization.GetUnitsAsync(ct)).ToDictionary(u => u.Key, u => Names.Of(u.Name, u.NameEn), StringComparer.Ordinal);
        var definition = process.Definition;
        string StateName(string key) => definition.State(key) is { } s ? Names.Of(s.Name, s.NameEn) : key;
        string? Unit(string? key) => key is null ? null : units.GetValueOrDefault(key) ?? key;

        var states = definition.States.DistinctBy(s => s.Key).Select(s => new DiagramStateView(s.Key, Names.Of(s.Name, s.NameEn),
            s.Final ? "end" : s.Key == definition.Initial ? "initial" : s.Tasks.Count > 0 ? "user-task" : "task", Unit(s.Unit), s.Outcome,
            [.. s.Tasks.Select(t => Names.Of(t.Name, t.NameEn))])).ToList();
        var transitions = definition.Transitions.Select(t =>
        {
            var deadline = definition.Deadlines.FirstOrDefault(d => d.OnExpiry == t.Key);
            var expiry = deadline is null ? null : TextCatalog.Shared.Format(LocalizedText.Of("workflows.diagram.page.expiry",
                ("deadline", Names.Of(deadline.Name, deadline.NameEn)), ("after", deadline.After ?? deadline.Until)));
            return new DiagramTransitionView(t.Key, Names.Of(t.Name, t.NameEn), [.. t.From.Select(StateName)], StateName(t.To), ProcessGraph.GuardText(t), expiry);
        }).ToList();
        return new ProcessDiagramView(definition.Key, Names.Of(definition.Name, definition.NameEn), process.Version, versions, states, transitions);
    }
}
