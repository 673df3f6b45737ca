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

    public static SaasProblemException CaseNotInFile(string parameter) => Problem.Unprocessable("unknown-procedure", parameter);

    public static SaasProblemException UnknownFileNumber(string number) => Problem.Unprocessable("unknown-file-number", number);

    /// <summary>A PDF with JavaScript (an /OpenAction, a name tree, a field action) is refused at upload (Hardening item 5).</summary>
    public static SaasProblemException PdfWithScript(string fileName) => Problem.Unprocessable("pdf-active-content", fileName);

    /// <summary>A person field too long or not in its format, named in the detail (Hardening item 6).</summary>
    public static SaasProblemException PersonFieldInvalid(string field, int maxLength) => Problem.BadRequest("person-field-invalid", field, ("field", field), ("max", maxLength));

    public static SaasProblemException InvalidInboxView(string parameter) => Problem.BadRequest("invalid-view", parameter);
}
