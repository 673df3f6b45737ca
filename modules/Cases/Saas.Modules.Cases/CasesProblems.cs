namespace Saas.Modules.Cases;

/// <summary>
/// The e-Akte's problem catalogue (docs/adr/0012): one factory per code; the title is the text
/// <c>problem.{code}</c> in <c>Texts/cases.texts.*.json</c>. Features that are not yet in the feature shape still
/// build some problems where they throw them; they move here as each feature is reshaped.
/// </summary>
internal static class CasesProblems
{
    public static SaasProblemException InboxItemNotFound(Guid id) => Problem.NotFound("inbox-item-not-found", id.ToString());

    public static SaasProblemException InboxItemClosed() => Problem.Conflict("inbox-item-closed");

    /// <summary>The file was handed over to another authority or deleted by a retention run: nothing more goes in.</summary>
    public static SaasProblemException FileReadOnly(Guid fileId) => Problem.Conflict("file-read-only", fileId.ToString());

    public static SaasProblemException CaseNotInFile(string parameter) => Problem.Unprocessable("unknown-case", parameter);

    public static SaasProblemException UnknownFileNumber(string number) => Problem.Unprocessable("unknown-file-number", number);

    public static SaasProblemException InvalidInboxView(string parameter) => Problem.BadRequest("invalid-view", parameter);

    public static SaasProblemException CaseNotFound(Guid id) => Problem.NotFound("case-not-found", id.ToString());

    public static SaasProblemException CaseClosed(Guid id) => Problem.Conflict("case-closed", id.ToString());

    public static SaasProblemException InvalidCase(string field) => Problem.BadRequest("invalid-case", field);

    public static SaasProblemException OutcomeMissing() => Problem.BadRequest("outcome-missing", "outcome");

    public static SaasProblemException DocumentNotFound(Guid id) => Problem.NotFound("document-not-found", id.ToString());

    public static SaasProblemException CaseChangedMeanwhile() => Problem.Conflict("case-changed");
}
