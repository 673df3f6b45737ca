using Saas.Modules.Workflows.Features.Definitions;
using Saas.Modules.Workflows.Features.Tasks;

namespace Saas.Modules.Workflows.Features.Instances;

internal sealed record ReadCaseProcessRequest(Guid CaseId);

/// <summary>A transition as the caseworker sees it now: open or closed, and every reason (in the reader's language).</summary>
internal sealed record TransitionView(string Key, string Name, string To, bool Open, bool CoSign, IReadOnlyList<string> Inputs, IReadOnlyList<GuardPartView> Guard);

internal sealed record GuardPartView(string Part, bool Holds, string Reason);

internal sealed record TaskView(Guid Id, string Key, string Name, string State, string? Unit, string? Assignee, DateOnly? DueOn, string Status, DateTimeOffset CreatedAt);

/// <param name="Escalations">The names of the deadline's escalations in order (the first <paramref name="Escalated"/> of them are raised).</param>
internal sealed record DeadlineView(string Key, string Name, DateOnly StartedOn, DateOnly DueOn, string Status, int Escalated, IReadOnlyList<string> Escalations);

/// <param name="Actions">What the step did, as the runner names it (<c>letter:bescheid</c>, <c>start-deadline:nachweise:2027-01-31</c>).</param>
/// <param name="Inputs">The inputs the step was taken or proposed with.</param>
internal sealed record StepView(string Kind, string? Transition, string? From, string? To, int Version, DateTimeOffset At, string By,
    IReadOnlyList<string> Actions, JsonObject Inputs);

/// <summary>A case's process: where it stands, what may be done now and why not the rest, its tasks, deadlines and history.</summary>
/// <param name="StateNames">Every state of the version by key, in the reader's language (for transitions' targets and the history).</param>
/// <param name="TransitionNames">Every transition of the version by key, in the reader's language.</param>
/// <param name="VariableTypes">The declared variables' types by name, as the definition writes them (<c>date</c>, <c>money&lt;EUR&gt;</c>): what an input form asks for.</param>
internal sealed record CaseProcessView(Guid InstanceId, Guid CaseId, Guid CaseFileId, string Process, string ProcessName, int Version, string State,
    string StateName, bool Finished, string? LegalBasis, string? PendingTransition, string? PendingBy, uint RowVersion, JsonObject Variables,
    IReadOnlyList<TransitionView> Transitions, IReadOnlyList<TaskView> Tasks, IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<StepView> Steps,
    IReadOnlyDictionary<string, string> StateNames, IReadOnlyDictionary<string, string> TransitionNames, IReadOnlyDictionary<string, string> VariableTypes);

/// <summary>Reads a case's process for the workbench and the API; audited (<c>process.read</c>), since it shows personal facts.</summary>
internal sealed class ReadCaseProcess(WorkflowsDbContext db, ProcessCatalogue catalogue, ProcessFacts facts, GuardCheck guards, IAuditTrail audit,
    ICurrentActor actor, TimeProvider clock)
{
    public async Task<CaseProcessView> ExecuteAsync(ReadCaseProcessRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.CaseId == request.CaseId, ct) ?? throw WorkflowsProblems.CaseNotFound(request.CaseId);
        var process = await catalogue.VersionAsync(instance.ProcessKey, instance.ProcessVersion, ct)
            ?? throw WorkflowsProblems.VersionNotFound(instance.ProcessKey, instance.ProcessVersion);
        var deadlines = await db.Deadlines.AsNoTracking().Where(d => d.InstanceId == instance.Id).OrderBy(d => d.DueOn).ToListAsync(ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instance.Id).OrderBy(t => t.CreatedAt).ThenBy(t => t.Key).ToListAsync(ct);
        var steps = await db.Steps.AsNoTracking().Where(s => s.InstanceId == instance.Id).OrderBy(s => s.Seq).ToListAsync(ct);
        var definition = process.Definition;
        var transitions = new List<TransitionView>();
        if (!instance.IsFinished)
        {
            var known = await facts.ReadAsync(instance.CaseId, instance.CaseFileId, ct);
            var values = ProcessFacts.Values(process, instance, known, deadlines);
            var today = ProcessFacts.Today(clock);
            foreach (var transition in definition.Transitions.Where(t => t.From.Contains(instance.State, StringComparer.Ordinal) && !t.IsAutomatic))
            {
                var coSigning = instance.PendingTransition == transition.Key;
                var parts = await guards.CheckAsync(process, transition, instance, values, known.DocumentTypes, today, !transition.Guard.CoSign || coSigning, ct);
                var list = parts.Select(p => new GuardPartView(p.Part, p.Holds, TextCatalog.Shared.Format(p.Reason))).ToList();
                if (instance.PendingTransition is { } pending && pending != transition.Key)
                {
                    list.Add(new GuardPartView("pending", false, TextCatalog.Shared.Format(LocalizedText.Of("workflows.guard.other-pending", ("transition", pending)))));
                }

                if (coSigning && actor.Identities.Contains(instance.PendingBy ?? "", StringComparer.Ordinal))
                {
                    list.Add(new GuardPartView("four-eyes", false, TextCatalog.Shared.Format(new LocalizedText("workflows.guard.co-sign-by-self"))));
                }

                transitions.Add(new TransitionView(transition.Key, Names.Of(transition.Name, transition.NameEn), transition.To, list.All(p => p.Holds),
                    transition.Guard.CoSign, coSigning ? [] : transition.Inputs, list));
            }
        }

        await audit.RecordAsync(new AuditEntry("process.read", "casefile", instance.CaseFileId.ToString(), instance.ProcessKey, PersonalData: true), ct);
        var state = definition.State(instance.State);
        return new CaseProcessView(instance.Id, instance.CaseId, instance.CaseFileId, definition.Key, Names.Of(definition.Name, definition.NameEn), instance.ProcessVersion,
            instance.State, state is null ? instance.State : Names.Of(state.Name, state.NameEn), instance.IsFinished, instance.LegalBasis, instance.PendingTransition,
            instance.PendingBy, instance.RowVersion, instance.Variables(), transitions,
            [.. tasks.Select(t => new TaskView(t.Id, t.Key, TaskName(definition, t), t.State, t.Unit, t.Assignee, t.DueOn, t.Status, t.CreatedAt))],
            [.. deadlines.Select(d => new DeadlineView(d.Key, definition.Deadline(d.Key) is { } pd ? Names.Of(pd.Name, pd.NameEn) : d.Key, d.StartedOn, d.DueOn, d.Status, d.Escalated,
                [.. definition.Deadline(d.Key)?.Escalations.Select(e => Names.Of(e.Name, e.NameEn)) ?? []]))],
            [.. steps.Select(Step)],
            definition.States.DistinctBy(s => s.Key).ToDictionary(s => s.Key, s => Names.Of(s.Name, s.NameEn), StringComparer.Ordinal),
            definition.Transitions.DistinctBy(t => t.Key).ToDictionary(t => t.Key, t => Names.Of(t.Name, t.NameEn), StringComparer.Ordinal),
            process.Schema.Variables.Where(v => !ProcessCompiler.IsReserved(v.Name)).ToDictionary(v => v.Name, v => v.Type.ToString(), StringComparer.Ordinal));
    }

    private static StepView Step(ProcessStep step)
    {
        var detail = JsonNode.Parse(step.Detail) as JsonObject ?? [];
        var actions = (detail["actions"] as JsonArray ?? []).Select(a => a is JsonValue v && v.TryGetValue<string>(out var text) ? text : null).OfType<string>().ToList();
        return new StepView(step.Kind, step.TransitionKey, step.FromState, step.ToState, step.ProcessVersion, step.At, step.By, actions,
            detail["inputs"] is JsonObject inputs ? (JsonObject)inputs.DeepClone() : []);
    }

    internal static string TaskName(ProcessDefinition definition, WorkTask task)
    {
        if (task.DeadlineKey is { } deadline && definition.Deadline(deadline) is { } pd)
        {
            var escalation = pd.Escalations.FirstOrDefault(e => e.Path.EndsWith($"[{task.Key.Split('#').Last()}]", StringComparison.Ordinal));
            return escalation is null ? Names.Of(pd.Name, pd.NameEn) : Names.Of(escalation.Name, escalation.NameEn);
        }

        return definition.State(task.State)?.Tasks.FirstOrDefault(t => t.Key == task.Key) is { } template ? Names.Of(template.Name, template.NameEn) : task.Key;
    }
}

/// <summary>A name a definition gives in German and, optionally, English, chosen for the reader's language.</summary>
internal static class Names
{
    public static string Of(string german, string? english) =>
        english is not null && !CultureInfo.CurrentUICulture.TwoLetterISOLanguageName.Equals("de", StringComparison.Ordinal) ? english : german;
}
