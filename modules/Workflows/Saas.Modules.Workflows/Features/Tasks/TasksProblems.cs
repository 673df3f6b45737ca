namespace Saas.Modules.Workflows.Features.Tasks;

/// <summary>
/// The work queues' problem catalogue (docs/adr/0012, 0026): one factory per code; the title is the text
/// <c>problem.{code}</c> in <c>Features/Tasks/Texts/workflows.tasks.texts.*.json</c>.
/// </summary>
internal static class TasksProblems
{
    /// <summary>No task of this authority has the id (another authority's ids are not found either).</summary>
    public static SaasProblemException TaskNotFound(Guid id) => Problem.NotFound("task-not-found", id.ToString());

    public static SaasProblemException UnitNotFound(string unit) => Problem.NotFound("task-unit-not-found", unit, ("unit", unit));

    /// <summary>Someone else took the task first (of two claims at once, one wins); nothing of this claim was applied.</summary>
    public static SaasProblemException AlreadyClaimed(Guid id, string by) => Problem.Conflict("task-already-claimed", id.ToString(), ("assignee", by));

    /// <summary>The task was done or cancelled meanwhile (the case moved on).</summary>
    public static SaasProblemException NotOpen(Guid id) => Problem.Conflict("task-not-open", id.ToString());

    /// <summary>Only the assignee or a team lead (tenant admin) may hand on or give back a task someone holds.</summary>
    public static SaasProblemException NotYours(Guid id) => Problem.Conflict("task-not-yours", id.ToString());

    /// <summary>The task is in a unit the person does not belong to (staff configuration).</summary>
    public static SaasProblemException NotInYourUnits(string? unit) => Problem.Conflict("task-not-in-your-units", unit, ("unit", unit ?? ""));

    /// <summary>The person to hand the task to is not configured as staff of the task's unit.</summary>
    public static SaasProblemException AssigneeUnknown(string assignee) => Problem.BadRequest("task-assignee-unknown", assignee, ("assignee", assignee));

    /// <summary>A task of a state is done by the transition that leaves the state; only reminders are closed by hand.</summary>
    public static SaasProblemException ClosesWithTransition(Guid id) => Problem.Conflict("task-closes-with-transition", id.ToString());

    /// <summary>A task force's selection names neither cases nor a process to select by.</summary>
    public static SaasProblemException SelectionEmpty() => Problem.BadRequest("task-selection-empty");

    /// <summary>A bulk operation's limit outside 1 … max.</summary>
    public static SaasProblemException LimitRefused(int max) =>
        Problem.BadRequest("task-limit-refused", max.ToString(CultureInfo.InvariantCulture), ("max", max));

    /// <summary>A campaign's title legal basis that is no residence title of the Residence Act.</summary>
    public static SaasProblemException CampaignBasisRefused(string? basis) => Problem.BadRequest("campaign-basis-refused", basis, ("basis", basis ?? ""));
}
