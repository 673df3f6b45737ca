using Saas.Modules.Workflows.Features.Definitions;
using Saas.Modules.Workflows.Features.Instances;

namespace Saas.Modules.Workflows.Features.Diagram;

internal enum DiagramNodeKind
{
    Start,
    Task,
    UserTask,
    Gateway,
    Timer,
    End,
}

/// <summary>One BPMN flow node of a process version; <see cref="Lane"/> is the index of its swimlane (its unit).</summary>
internal sealed class DiagramNode(string id, DiagramNodeKind kind, string? name, int order)
{
    public string Id { get; } = id;

    public DiagramNodeKind Kind { get; } = kind;

    public string? Name { get; } = name;

    /// <summary>Where the node comes in the definition (states in their order, the start first), for a layout that does not move when nothing changed.</summary>
    public int Order { get; } = order;

    public int Lane { get; set; } = -1;

    public string? StateKey { get; init; }

    public IReadOnlyList<string> Documentation { get; init; } = [];

    /// <summary>The task a timer sits on (a boundary event).</summary>
    public DiagramNode? AttachedTo { get; init; }

    /// <summary>A timer's ISO 8601 duration, when the deadline is a constant (<c>4 weeks</c> → <c>P4W</c>).</summary>
    public string? Duration { get; init; }

    public List<DiagramFlow> Incoming { get; } = [];

    public List<DiagramFlow> Outgoing { get; } = [];
}

/// <summary>A sequence flow: a transition from one of its states (through the state's gateway or timer), or a flow the mapping adds.</summary>
internal sealed record DiagramFlow(string Id, string? Name, DiagramNode Source, DiagramNode Target, string? Condition, IReadOnlyList<string> Documentation,
    string? TransitionKey);

/// <summary>A swimlane: the unit whose queue the tasks of its states join.</summary>
internal sealed record DiagramLane(string Id, string Unit, string Name);

/// <summary>
/// A process version as BPMN sees it (docs/adr/0025): the start event leads to the initial state; a state is a user
/// task when it gives tasks, a task when the case waits in it, an end event when final; transitions are sequence flows,
/// through an exclusive gateway where several leave a state; a deadline whose expiry takes a transition is a timer on
/// each state that transition leaves. Ids are NCNames (a prefix and the key), unique within the document.
/// </summary>
internal sealed class ProcessGraph
{
    private readonly Ids ids = new();

    private ProcessGraph(ProcessDefinition definition)
    {
        Definition = definition;
    }

    public ProcessDefinition Definition { get; }

    public List<DiagramNode> Nodes { get; } = [];

    public List<DiagramFlow> Flows { get; } = [];

    public List<DiagramLane> Lanes { get; } = [];

    public string Id(string candidate) => ids.Add(candidate);

    /// <param name="unitNames">The authority's units by key (their names in the reader's language); a unit not named there is shown by its key.</param>
    public static ProcessGraph Of(ProcessDefinition definition, IReadOnlyDictionary<string, string> unitNames)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(unitNames);
        var graph = new ProcessGraph(definition);
        graph.Build(unitNames);
        return graph;
    }

    private void Build(IReadOnlyDictionary<string, string> unitNames)
    {
        var definition = Definition;
        var lanes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var unit in definition.States.Select(s => s.Unit).OfType<string>())
        {
            if (!lanes.ContainsKey(unit))
            {
                lanes[unit] = Lanes.Count;
                Lanes.Add(new DiagramLane(Id("Lane_" + unit), unit, unitNames.GetValueOrDefault(unit) ?? unit));
            }
        }

        var start = Add(new DiagramNode(Id("Start_" + definition.Key), DiagramNodeKind.Start, Text("workflows.diagram.start"), 0));
        var states = new Dictionary<string, DiagramNode>(StringComparer.Ordinal);
        foreach (var (i, state) in definition.States.DistinctBy(s => s.Key).Index())
        {
            var name = Names.Of(state.Name, state.NameEn);
            var kind = state.Final ? DiagramNodeKind.End : state.Tasks.Count > 0 ? DiagramNodeKind.UserTask : DiagramNodeKind.Task;
            var node = Add(new DiagramNode(Id("State_" + state.Key), kind,
                state.Final && state.Outcome is { } outcome ? Text("workflows.diagram.end-outcome", ("name", name), ("outcome", outcome)) : name, i + 1)
            {
                StateKey = state.Key,
                Documentation = [.. state.Tasks.Select(t => TaskText(t, unitNames))],
                Lane = state.Unit is { } unit ? lanes[unit] : -1,
            });
            states[state.Key] = node;
        }

        if (states.TryGetValue(definition.Initial, out var initial))
        {
            Connect(Id("Flow_start"), null, start, initial, null, [], null);
        }

        var expiring = definition.Deadlines.Where(d => d.OnExpiry is not null).ToLookup(d => d.OnExpiry!, StringComparer.Ordinal);
        foreach (var state in definition.States.DistinctBy(s => s.Key).Where(s => !s.Final))
        {
            var source = states[state.Key];
            var leaving = definition.Transitions.Where(t => t.From.Contains(state.Key, StringComparer.Ordinal) && states.ContainsKey(t.To)).ToList();
            var ordinary = leaving.Where(t => !(t.IsAutomatic && expiring.Contains(t.Key))).ToList();
            var from = source;
            if (ordinary.Count > 1)
            {
                var gateway = Add(new DiagramNode(Id("Gateway_" + state.Key), DiagramNodeKind.Gateway, null, source.Order) { StateKey = state.Key, Lane = source.Lane });
                Connect(Id("Split_" + state.Key), null, source, gateway, null, [], null);
                from = gateway;
            }

            foreach (var transition in ordinary)
            {
                Connect(Id($"Flow_{transition.Key}_{state.Key}"), Names.Of(transition.Name, transition.NameEn), from, states[transition.To],
                    transition.Guard.When, TransitionText(transition), transition.Key);
            }

            foreach (var transition in leaving.Where(t => expiring.Contains(t.Key)))
            {
                foreach (var deadline in expiring[transition.Key])
                {
                    var timer = Add(new DiagramNode(Id($"Timer_{deadline.Key}_{state.Key}"), DiagramNodeKind.Timer, Names.Of(deadline.Name, deadline.NameEn), source.Order)
                    {
                        StateKey = state.Key,
                        Lane = source.Lane,
                        AttachedTo = source,
                        Duration = deadline.After is { } after ? IsoDuration(after) : null,
                        Documentation = DeadlineText(deadline, unitNames),
                    });
                    Connect(Id($"Expiry_{deadline.Key}_{state.Key}"), Names.Of(transition.Name, transition.NameEn), timer, states[transition.To],
                        transition.Guard.When, TransitionText(transition), transition.Key);
                }
            }
        }

        AssignLanes(start);
    }

    /// <summary>A node without a unit joins the lane of whatever leads to it first (the start: the initial state's), else the first lane.</summary>
    private void AssignLanes(DiagramNode start)
    {
        if (Lanes.Count == 0)
        {
            return;
        }

        if (start.Lane < 0 && start.Outgoing.FirstOrDefault()?.Target is { Lane: >= 0 } first)
        {
            start.Lane = first.Lane;
        }

        start.Lane = Math.Max(start.Lane, 0);
        var queue = new Queue<DiagramNode>([start]);
        var seen = new HashSet<DiagramNode> { start };
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in node.Outgoing.Select(f => f.Target).Concat(Nodes.Where(n => n.AttachedTo == node)))
            {
                if (next.Lane < 0)
                {
                    next.Lane = node.Lane;
                }

                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        foreach (var node in Nodes.Where(n => n.Lane < 0))
        {
            node.Lane = 0;
        }
    }

    private DiagramNode Add(DiagramNode node)
    {
        Nodes.Add(node);
        return node;
    }

    private void Connect(string id, string? name, DiagramNode source, DiagramNode target, string? condition, IReadOnlyList<string> documentation, string? transition)
    {
        var flow = new DiagramFlow(id, name, source, target, condition, documentation, transition);
        Flows.Add(flow);
        source.Outgoing.Add(flow);
        target.Incoming.Add(flow);
    }

    /// <summary>A constant duration of the expression language (<c>4 weeks</c>, <c>18 months</c>, <c>1 year</c>) as ISO 8601; null for anything else.</summary>
    public static string? IsoDuration(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parts = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || parts[0].Length > 6 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var designator = parts[1] switch
        {
            "day" or "days" => "D",
            "week" or "weeks" => "W",
            "month" or "months" => "M",
            "year" or "years" => "Y",
            _ => null,
        };
        return designator is null ? null : string.Create(CultureInfo.InvariantCulture, $"P{amount}{designator}");
    }

    private static string TaskText(ProcessTaskTemplate task, IReadOnlyDictionary<string, string> unitNames)
    {
        var text = Text("workflows.diagram.doc.task", ("name", Names.Of(task.Name, task.NameEn)));
        if (task.Unit is { } unit)
        {
            text += " · " + Text("workflows.diagram.doc.task-unit", ("unit", unitNames.GetValueOrDefault(unit) ?? unit));
        }

        if (task.Specialisation is { } specialisation)
        {
            text += " · " + Text("workflows.diagram.doc.task-specialisation", ("specialisation", specialisation));
        }

        if (task.Due is { } due)
        {
            text += " · " + Text("workflows.diagram.doc.task-due", ("due", due));
        }

        return text;
    }

    /// <summary>What BPMN has no element for: the guard's parts, the inputs and the actions, as documentation of the flow.</summary>
    private static IReadOnlyList<string> TransitionText(ProcessTransition transition)
    {
        var lines = GuardText(transition);
        if (transition.Inputs.Count > 0)
        {
            lines.Add(Text("workflows.diagram.doc.inputs", ("inputs", string.Join(", ", transition.Inputs))));
        }

        foreach (var action in transition.Actions)
        {
            lines.Add(action.Argument is { } argument
                ? Text("workflows.diagram.doc.action", ("verb", action.Verb), ("argument", argument))
                : Text("workflows.diagram.doc.action-plain", ("verb", action.Verb)));
        }

        return lines;
    }

    /// <summary>Who may take a transition and when, in the reader's language: the platform only, roles, signing, four eyes, evidence, the condition.</summary>
    public static List<string> GuardText(ProcessTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var lines = new List<string>();
        var guard = transition.Guard;
        if (transition.IsAutomatic)
        {
            lines.Add(Text("workflows.diagram.doc.automatic"));
        }
        else if (guard.Roles.Count > 0)
        {
            lines.Add(Text("workflows.diagram.doc.roles", ("roles", string.Join(", ", guard.Roles))));
        }

        if (guard.Signing)
        {
            lines.Add(Text("workflows.diagram.doc.signing"));
        }

        if (guard.CoSign)
        {
            lines.Add(Text("workflows.diagram.doc.co-sign"));
        }

        if (guard.Documents.Count > 0)
        {
            lines.Add(Text("workflows.diagram.doc.documents", ("documents", string.Join(", ", guard.Documents))));
        }

        if (guard.When is { } when)
        {
            lines.Add(Text("workflows.diagram.doc.when", ("condition", when)));
        }

        return lines;
    }

    private static IReadOnlyList<string> DeadlineText(ProcessDeadline deadline, IReadOnlyDictionary<string, string> unitNames)
    {
        var lines = new List<string>
        {
            deadline.After is { } after
                ? Text("workflows.diagram.doc.deadline-after", ("name", Names.Of(deadline.Name, deadline.NameEn)), ("after", after))
                : Text("workflows.diagram.doc.deadline-until", ("name", Names.Of(deadline.Name, deadline.NameEn)), ("until", deadline.Until)),
        };
        lines.AddRange(deadline.Escalations.Select(e => Text("workflows.diagram.doc.escalation", ("after", e.After),
            ("name", Names.Of(e.Name, e.NameEn)), ("unit", e.Unit is null ? "–" : unitNames.GetValueOrDefault(e.Unit) ?? e.Unit))));
        return lines;
    }

    private static string Text(string key, params (string Name, object? Value)[] arguments) =>
        TextCatalog.Shared.Format(LocalizedText.Of(key, arguments));

    /// <summary>Ids as xsd:ID wants them (NCName: a letter first, then letters, digits, <c>-</c>, <c>_</c>, <c>.</c>), each once.</summary>
    private sealed class Ids
    {
        private readonly HashSet<string> taken = new(StringComparer.Ordinal);

        public string Add(string candidate)
        {
            var chars = candidate.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray();
            var id = chars.Length > 0 && char.IsAsciiLetter(chars[0]) ? new string(chars) : "Id_" + new string(chars);
            var unique = id;
            for (var n = 2; !taken.Add(unique); n++)
            {
                unique = string.Create(CultureInfo.InvariantCulture, $"{id}_{n}");
            }

            return unique;
        }
    }
}
