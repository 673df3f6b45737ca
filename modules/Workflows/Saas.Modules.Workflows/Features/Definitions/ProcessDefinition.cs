namespace Saas.Modules.Workflows.Features.Definitions;

/// <summary>
/// One version of a process as an authority describes it (kind <c>process</c>, docs/adr/0024): states, transitions
/// with their guards and actions, deadlines with escalations. Read from a document that passed the kind's schema;
/// <see cref="ProcessCompiler"/> turns its expressions into compiled ones.
/// </summary>
internal sealed record ProcessDefinition(
    string Key,
    string Name,
    string? NameEn,
    string CaseKind,
    IReadOnlyList<string> LegalBases,
    IReadOnlyList<(string Name, string Type)> Variables,
    string Initial,
    IReadOnlyList<ProcessState> States,
    IReadOnlyList<ProcessTransition> Transitions,
    IReadOnlyList<ProcessDeadline> Deadlines,
    IReadOnlyList<ProcessAction> StartActions)
{
    public ProcessState? State(string key) => States.FirstOrDefault(s => s.Key == key);

    public ProcessTransition? Transition(string key) => Transitions.FirstOrDefault(t => t.Key == key);

    public ProcessDeadline? Deadline(string key) => Deadlines.FirstOrDefault(d => d.Key == key);

    /// <summary>Reads a spec that holds to <see cref="ProcessKind"/>'s schema (unknown parts are left out, never guessed).</summary>
    public static ProcessDefinition Read(string key, JsonNode spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var variables = (spec["variables"] as JsonObject ?? [])
            .Select(p => (p.Key, p.Value?.GetValue<string>() ?? "")).ToList();
        var states = Items(spec["states"]).Select((s, i) => new ProcessState(
            Text(s, "key"), Text(s, "name"), Maybe(s, "nameEn"), s["final"]?.GetValue<bool>() == true, Maybe(s, "outcome"), Maybe(s, "unit"), Maybe(s, "applicantStatus"),
            Items(s["tasks"]).Select((t, j) => new ProcessTaskTemplate(Text(t, "key"), Text(t, "name"), Maybe(t, "nameEn"), Maybe(t, "unit"),
                Maybe(t, "specialisation"), Maybe(t, "due"), $"$.states[{i}].tasks[{j}]")).ToList(),
            $"$.states[{i}]")).ToList();
        var transitions = Items(spec["transitions"]).Select((t, i) => new ProcessTransition(
            Text(t, "key"), Text(t, "name"), Maybe(t, "nameEn"), Strings(t["from"]), Text(t, "to"),
            ReadGuard(t["guard"]), Strings(t["inputs"]),
            Items(t["actions"]).Select((a, j) => ReadAction(a, $"$.transitions[{i}].actions[{j}]")).ToList(),
            $"$.transitions[{i}]")).ToList();
        var deadlines = Items(spec["deadlines"]).Select((d, i) => new ProcessDeadline(
            Text(d, "key"), Text(d, "name"), Maybe(d, "nameEn"), Maybe(d, "after"), Maybe(d, "until"), Maybe(d, "onExpiry"),
            Items(d["escalations"]).Select((e, j) => new ProcessEscalation(Text(e, "after"), Maybe(e, "unit"), Text(e, "name"), Maybe(e, "nameEn"),
                $"$.deadlines[{i}].escalations[{j}]")).ToList(),
            $"$.deadlines[{i}]")).ToList();
        var startActions = Items(spec["startActions"]).Select((a, j) => ReadAction(a, $"$.startActions[{j}]")).ToList();
        return new ProcessDefinition(key, Text(spec, "name"), Maybe(spec, "nameEn"), Text(spec, "caseKind"), Strings(spec["legalBases"]),
            variables, Text(spec, "initial"), states, transitions, deadlines, startActions);
    }

    private static ProcessGuard ReadGuard(JsonNode? guard) => guard is null
        ? ProcessGuard.None
        : new ProcessGuard(Strings(guard["roles"]), guard["signing"]?.GetValue<bool>() == true, Strings(guard["documents"]), Maybe(guard, "when"),
            guard["coSign"]?.GetValue<bool>() == true);

    private static ProcessAction ReadAction(JsonNode action, string path)
    {
        var values = (action["values"] as JsonObject ?? []).Select(p => (p.Key, p.Value?.GetValue<string>() ?? "")).ToList();
        // order-card: false orders nothing, so it is no verb (and an action with nothing else is refused as verbless).
        var verbs = ProcessAction.Verbs.Where(v => action[v] is not null && !(v == ProcessAction.OrderCard && action[v] is JsonValue flag && flag.TryGetValue<bool>(out var order) && !order)).ToList();
        var verb = verbs.Count == 1 ? verbs[0] : "";
        var argument = action[verb] switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            _ => null,
        };
        return new ProcessAction(verb, argument, values, Maybe(action, "validUntil"), Strings(action["conditions"]), path);
    }

    private static IEnumerable<JsonNode> Items(JsonNode? node) => (node as JsonArray ?? []).Where(n => n is not null).Select(n => n!);

    private static string Text(JsonNode node, string name) => node[name]?.GetValue<string>() ?? "";

    private static string? Maybe(JsonNode node, string name) => node[name]?.GetValue<string>();

    private static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => n?.GetValue<string>() ?? "").ToList(),
        JsonValue value when value.TryGetValue<string>(out var one) => [one],
        _ => [],
    };
}

/// <summary>
/// A state; <see cref="Unit"/> is whose queue its tasks join (front office, back office, a task force).
/// <see cref="ApplicantStatus"/> is what the applicant's timeline shows when the case enters it (one of
/// <see cref="ApplicantStatuses.All"/>); a state without one is internal and leaves the timeline as it was.
/// </summary>
internal sealed record ProcessState(string Key, string Name, string? NameEn, bool Final, string? Outcome, string? Unit, string? ApplicantStatus,
    IReadOnlyList<ProcessTaskTemplate> Tasks, string Path);

/// <summary>A task the state gives someone when a case enters it; closed when the case leaves the state.</summary>
internal sealed record ProcessTaskTemplate(string Key, string Name, string? NameEn, string? Unit, string? Specialisation, string? Due, string Path);

internal sealed record ProcessTransition(string Key, string Name, string? NameEn, IReadOnlyList<string> From, string To, ProcessGuard Guard,
    IReadOnlyList<string> Inputs, IReadOnlyList<ProcessAction> Actions, string Path)
{
    /// <summary>Taken only by the platform itself (a deadline ran out), never offered to a caseworker.</summary>
    public bool IsAutomatic => Guard.Roles.Count == 1 && Guard.Roles[0] == ICurrentActor.SystemRole;
}

/// <summary>What must hold before a transition may be taken; every part must hold.</summary>
/// <param name="Roles">Any of these roles (empty: any member of staff).</param>
/// <param name="Signing">The acting person must hold signing authority for the case's legal basis (staff configuration).</param>
/// <param name="Documents">Document types that must be in the case's file.</param>
/// <param name="When">An expression of the platform's language over the case, its person and the process's variables.</param>
/// <param name="CoSign">A second person must co-sign before the transition takes effect (four eyes).</param>
internal sealed record ProcessGuard(IReadOnlyList<string> Roles, bool Signing, IReadOnlyList<string> Documents, string? When, bool CoSign)
{
    public static ProcessGuard None { get; } = new([], false, [], null, false);
}

/// <summary>One thing a transition does, by its verb; <see cref="Argument"/> is the verb's value (a deadline, a letter, an outcome, an event name).</summary>
internal sealed record ProcessAction(string Verb, string? Argument, IReadOnlyList<(string Name, string Expression)> Values, string? ValidUntil,
    IReadOnlyList<string> Conditions, string Path)
{
    public const string StartDeadline = "start-deadline";
    public const string CancelDeadline = "cancel-deadline";
    public const string Letter = "letter";
    public const string Notify = "notify";
    public const string Decision = "decision";
    public const string OrderCard = "order-card";
    public const string Emit = "emit";

    public static IReadOnlyList<string> Verbs { get; } = [StartDeadline, CancelDeadline, Letter, Notify, Decision, OrderCard, Emit];
}

/// <summary>A deadline: due <see cref="After"/> (a duration) from when it starts, or <see cref="Until"/> (a date); on expiry the
/// platform takes <see cref="OnExpiry"/>; each escalation gives a unit a task once its duration has passed since the
/// deadline started (before the end: a reminder; beyond it: the case is overdue).</summary>
internal sealed record ProcessDeadline(string Key, string Name, string? NameEn, string? After, string? Until, string? OnExpiry,
    IReadOnlyList<ProcessEscalation> Escalations, string Path);

internal sealed record ProcessEscalation(string After, string? Unit, string Name, string? NameEn, string Path);
