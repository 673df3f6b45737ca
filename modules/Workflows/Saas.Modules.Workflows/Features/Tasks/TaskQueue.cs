using Saas.Modules.Cases.Contracts;
using Saas.Modules.Organization.Contracts;
using Saas.Modules.Workflows.Features.Definitions;
using Saas.Modules.Workflows.Features.Instances;

namespace Saas.Modules.Workflows.Features.Tasks;

/// <summary>
/// A task as a queue shows it: the case's person and file, the process and state, whose it is, when it is due, how old
/// the case is, and whether the file is complete for the state's next step (<see cref="Missing"/> names what is not).
/// </summary>
internal sealed record QueueTask(Guid Id, Guid CaseId, Guid CaseFileId, string FileNumber, string Person, string Key, string Name, string Process,
    string ProcessName, string State, string StateName, string? Unit, string? Specialisation, string? Assignee, DateOnly? DueOn, DateTimeOffset CreatedAt,
    int AgeDays, bool Complete, IReadOnlyList<string> Missing, bool Escalation);

/// <summary>
/// What the queues share: reading tasks with their cases' persons, processes and evidence in a few bulk reads, and
/// the order of a queue (docs/adr/0026):
/// <list type="number">
/// <item><b>complete first</b>: a task's case is complete when its file holds every document type a guard of one
/// of the transitions leaving the task's state requires (the step forward with the fewest missing documents
/// counts; a state whose ways out require no document counts as complete) — so a complete application is
/// decided at once and needs no provisional certificate;</item>
/// <item>then the earliest due date (tasks without one after those with one);</item>
/// <item>then the oldest case (the process's start), then the oldest task.</item>
/// </list>
/// </summary>
internal sealed class TaskQueue(WorkflowsDbContext db, ProcessCatalogue catalogue, ICaseFileDirectory files, ICaseRecords cases, TimeProvider clock)
{
    /// <summary>A queue considers at most this many open tasks (a unit's whole backlog, the 2,534 old cases included).</summary>
    public const int MaxCandidates = 5_000;

    public const int DefaultLimit = 100;

    public const int MaxLimit = 500;

    public static int Limit(int? limit) => limit is null ? DefaultLimit : limit is >= 1 and <= MaxLimit ? limit.Value : throw TasksProblems.LimitRefused(MaxLimit);

    /// <summary>The persons of the tasks' files, by file id (one bulk read).</summary>
    public async Task<IReadOnlyDictionary<Guid, CaseFileSummary>> PersonsAsync(IEnumerable<WorkTask> tasks, CancellationToken ct)
    {
        var ids = tasks.Select(t => t.CaseFileId).Distinct().ToList();
        return ids.Count == 0 ? new Dictionary<Guid, CaseFileSummary>() : (await files.FindManyAsync(ids, ct)).ToDictionary(f => f.Id);
    }

    /// <summary>The tasks as a queue shows them, in the queue's order.</summary>
    public async Task<IReadOnlyList<QueueTask>> ViewAsync(IReadOnlyList<WorkTask> tasks, IReadOnlyDictionary<Guid, CaseFileSummary>? persons, CancellationToken ct)
    {
        if (tasks.Count == 0)
        {
            return [];
        }

        persons ??= await PersonsAsync(tasks, ct);
        var instanceIds = tasks.Select(t => t.InstanceId).Distinct().ToList();
        var instances = await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.ProcessKey, i.ProcessVersion, i.StartedAt }).ToDictionaryAsync(i => i.Id, ct);
        var processes = new Dictionary<(string, int), CompiledProcess?>();
        foreach (var (key, version) in instances.Values.Select(i => (i.ProcessKey, i.ProcessVersion)).Distinct())
        {
            processes[(key, version)] = await catalogue.VersionAsync(key, version, ct);
        }

        var documents = await cases.DocumentTypesOfFilesAsync([.. tasks.Select(t => t.CaseFileId).Distinct()], ct);
        var today = ProcessFacts.Today(clock);
        var views = new List<(QueueTask View, DateTimeOffset Started)>();
        foreach (var task in tasks)
        {
            var instance = instances[task.InstanceId];
            var process = processes[(instance.ProcessKey, instance.ProcessVersion)];
            var definition = process?.Definition;
            var missing = definition is null ? [] : Missing(definition, task.State, documents.GetValueOrDefault(task.CaseFileId) ?? []);
            var person = persons.GetValueOrDefault(task.CaseFileId);
            var state = definition?.State(task.State);
            views.Add((new QueueTask(task.Id, task.CaseId, task.CaseFileId, person?.FileNumber ?? "", person is null ? "" : $"{person.Surname}, {person.GivenNames}".TrimEnd(' ', ','),
                task.Key, definition is null ? task.Key : ReadCaseProcess.TaskName(definition, task), instance.ProcessKey,
                definition is null ? instance.ProcessKey : Names.Of(definition.Name, definition.NameEn), task.State,
                state is null ? task.State : Names.Of(state.Name, state.NameEn), task.Unit, task.Specialisation, task.Assignee, task.DueOn, task.CreatedAt,
                today.DayNumber - ProcessFacts.DateOf(instance.StartedAt).DayNumber, missing.Count == 0, missing, task.IsEscalation), instance.StartedAt));
        }

        return [.. views.OrderByDescending(v => v.View.Complete)
            .ThenBy(v => v.View.DueOn ?? DateOnly.MaxValue)
            .ThenBy(v => v.Started)
            .ThenBy(v => v.View.CreatedAt)
            .ThenBy(v => v.View.Id)
            .Select(v => v.View)];
    }

    /// <summary>
    /// What the file lacks for the state's next step: of the transitions a caseworker may take from the state that
    /// require documents, the one with the fewest missing; nothing when one has all, or when none requires any.
    /// </summary>
    public static IReadOnlyList<string> Missing(ProcessDefinition definition, string state, IReadOnlyList<string> present)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var requiring = definition.Transitions
            .Where(t => t.From.Contains(state, StringComparer.Ordinal) && !t.IsAutomatic && t.Guard.Documents.Count > 0)
            .Select(t => t.Guard.Documents.Where(d => !present.Contains(d, StringComparer.Ordinal)).ToList())
            .ToList();
        return requiring.Count == 0 ? [] : requiring.OrderBy(m => m.Count).First();
    }

    /// <summary>
    /// Whether an unassigned task of one of the person's units is theirs to take (docs/adr/0026): a task naming a
    /// specialisation goes to those who have it; any other to the person whose surname range in the task's unit
    /// covers the case's person — or to every qualified member where nobody in the unit has a range (front office).
    /// A trainee has no range: only tasks of their specialisations.
    /// </summary>
    public static bool IsFor(StaffMember me, WorkTask task, string? surname, IReadOnlyList<StaffMember> staff)
    {
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(staff);
        if (task.Unit is null || !me.Units.Any(u => u.Key == task.Unit))
        {
            return false;
        }

        if (task.Specialisation is { } specialisation)
        {
            return me.Specialisations.Contains(specialisation, StringComparer.Ordinal);
        }

        if (me.Stage == TrainingStage.Trainee)
        {
            return false;
        }

        var ranges = me.SurnameRanges.Where(r => r.UnitKey == task.Unit).ToList();
        if (ranges.Count > 0)
        {
            return surname is not null && ranges.Any(r => r.Covers(surname));
        }

        return !staff.Any(s => s.SurnameRanges.Any(r => r.UnitKey == task.Unit));
    }
}
