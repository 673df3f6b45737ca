namespace Saas.Modules.Workflows;

/// <summary>
/// Workflows' problem catalogue (docs/adr/0012): one factory per code; the title is the text <c>problem.{code}</c> in
/// <c>Texts/workflows.texts.*.json</c>.
/// </summary>
internal static class WorkflowsProblems
{
    public static SaasProblemException CaseNotFound(Guid caseId) => Problem.NotFound("workflows-case-not-found", caseId.ToString());

    public static SaasProblemException InstanceNotFound(Guid id) => Problem.NotFound("process-instance-not-found", id.ToString());

    public static SaasProblemException ProcessNotFound(string key) => Problem.NotFound("process-not-found", key);

    public static SaasProblemException VersionNotFound(string key, int version) =>
        Problem.NotFound("process-version-not-found", string.Create(CultureInfo.InvariantCulture, $"{key} v{version}"));

    /// <summary>The case already runs a process (one per case).</summary>
    public static SaasProblemException AlreadyRunning(Guid caseId) => Problem.Conflict("process-already-running", caseId.ToString());

    public static SaasProblemException CaseClosed(Guid caseId) => Problem.Conflict("process-case-closed", caseId.ToString());

    /// <summary>The case's kind is not the one the process runs for.</summary>
    public static SaasProblemException WrongCaseKind(string process, string expected, string actual) =>
        Problem.Conflict("process-wrong-case-kind", $"{process}: {actual}", ("expected", expected), ("actual", actual));

    /// <summary>A legal basis the process does not serve (or none where it serves several).</summary>
    public static SaasProblemException LegalBasisRefused(string? basis) => Problem.BadRequest("process-legal-basis-refused", basis);

    public static SaasProblemException Finished(Guid id) => Problem.Conflict("process-finished", id.ToString());

    /// <summary>The transition does not leave the state the case is in (now: someone else may have moved it).</summary>
    public static SaasProblemException TransitionNotOpen(string transition, string state) =>
        Problem.Conflict("process-transition-not-open", $"{transition} @ {state}", ("transition", transition), ("state", state));

    public static SaasProblemException UnknownTransition(string transition) => Problem.NotFound("process-transition-unknown", transition);

    /// <summary>Only the platform takes this transition (a deadline ran out).</summary>
    public static SaasProblemException AutomaticOnly(string transition) => Problem.Conflict("process-transition-automatic", transition);

    /// <summary>A guard does not hold; every reason in the reader's language, under <c>errors.guard</c>.</summary>
    public static SaasProblemException GuardFailed(string transition, IReadOnlyList<string> reasons) =>
        new(StatusCodes.Status422UnprocessableEntity, "process-guard-failed", Problem.Title("process-guard-failed", ("transition", transition)),
            string.Join("; ", reasons), new Dictionary<string, string[]> { ["guard"] = [.. reasons] });

    /// <summary>Inputs missing, unknown or not of their declared type: by field, in the reader's language.</summary>
    public static SaasProblemException InputsRefused(IReadOnlyDictionary<string, string[]> fields) =>
        new(StatusCodes.Status400BadRequest, "process-inputs-refused", Problem.Title("process-inputs-refused"), string.Join("; ", fields.Keys), fields);

    /// <summary>Someone acted on the case since it was read; nothing of this action was applied.</summary>
    public static SaasProblemException ChangedMeanwhile(Guid id) => Problem.Conflict("process-changed-meanwhile", id.ToString());

    /// <summary>Four eyes: the person who proposed the step cannot co-sign it.</summary>
    public static SaasProblemException CoSignBySelf(string transition) => Problem.Conflict("process-co-sign-by-self", transition);

    /// <summary>Another transition waits for its co-signature.</summary>
    public static SaasProblemException CoSignPending(string pending) => Problem.Conflict("process-co-sign-pending", pending, ("transition", pending));

    /// <summary>A migration to another version that leaves running cases without a state of the new version.</summary>
    public static SaasProblemException MigrationIncomplete(IReadOnlyDictionary<string, string[]> states) =>
        new(StatusCodes.Status422UnprocessableEntity, "process-migration-incomplete", Problem.Title("process-migration-incomplete"), string.Join("; ", states.Keys), states);

    public static SaasProblemException MigrationNotForward(int from, int to) =>
        Problem.BadRequest("process-migration-not-forward", string.Create(CultureInfo.InvariantCulture, $"{from} → {to}"));

    public static SaasProblemException ExpressionStopped(string path, string reason) => Problem.Unprocessable("process-expression-stopped", $"{path}: {reason}", ("reason", reason));
}
