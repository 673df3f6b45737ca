using System.Globalization;

namespace Saas.Modules.Studio;

/// <summary>
/// The studio's problem catalogue (docs/adr/0012): one factory per code; the title is the text <c>problem.{code}</c> in
/// <c>Texts/studio.texts.*.json</c>.
/// </summary>
internal static class StudioProblems
{
    /// <summary>No kind of that name is registered (a forged or outdated link).</summary>
    public static SaasProblemException UnknownKind(string kind) => Problem.NotFound("studio-kind-unknown", kind);

    public static SaasProblemException DocumentNotFound(string kind, string key) => Problem.NotFound("studio-document-not-found", $"{kind}/{key}");

    public static SaasProblemException NoDraft(string kind, string key) => Problem.NotFound("studio-no-draft", $"{kind}/{key}");

    public static SaasProblemException VersionNotFound(string kind, string key, int version) =>
        Problem.NotFound("studio-version-not-found", string.Create(CultureInfo.InvariantCulture, $"{kind}/{key} v{version}"));

    /// <summary>A key for a new document that is not a slug (a–z, 0–9, '-').</summary>
    public static SaasProblemException InvalidKey(string key) => Problem.BadRequest("studio-key-invalid", key);

    /// <summary>Nothing was chosen to publish.</summary>
    public static SaasProblemException NothingChosen() => Problem.BadRequest("studio-nothing-chosen");

    /// <summary>A chosen document names another that does not exist; nothing was published.</summary>
    public static StudioDocumentProblem DanglingReferences(IReadOnlyList<MetadataError> errors) =>
        new(StatusCodes.Status422UnprocessableEntity, "studio-reference-missing", errors);

    /// <summary>YAML that is not a document at all (no kind or key, not YAML, over the parser's limits); nothing stored.</summary>
    public static StudioDocumentProblem Unreadable(IReadOnlyList<MetadataError> errors) => new(StatusCodes.Status400BadRequest, "invalid-configuration", errors);

    /// <summary>Publishing refused: a chosen draft does not validate; nothing was published.</summary>
    public static StudioDocumentProblem NotPublishable(IReadOnlyList<MetadataError> errors) => new(StatusCodes.Status422UnprocessableEntity, "studio-draft-invalid", errors);

    /// <summary>An imported zip has errors (file, line, column); nothing was stored.</summary>
    public static StudioDocumentProblem ImportInvalid(IReadOnlyList<MetadataError> errors) => new(StatusCodes.Status422UnprocessableEntity, "studio-import-invalid", errors);

    /// <summary>Someone else saved or published the document since it was opened; nothing was stored.</summary>
    public static StudioConflictProblem ChangedMeanwhile(MetadataConflictException conflict) => new(conflict);

    /// <summary>The form could not be bound (a forged field name, a value no select offers, text in a number field).</summary>
    public static SaasProblemException FormRefused(IReadOnlyDictionary<string, string[]> fields) =>
        new(StatusCodes.Status400BadRequest, "studio-form-refused", Problem.Title("studio-form-refused"), string.Join("; ", fields.Keys), fields);
}

/// <summary>A problem with located errors (file, line, column, path); the API lists them by path, the pages next to the fields.</summary>
internal sealed class StudioDocumentProblem(int status, string code, IReadOnlyList<MetadataError> errors)
    : SaasProblemException(status, code, Problem.Title(code), string.Join("; ", errors.Select(e => e.ToString())),
        errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Line is null ? e.Message : $"{e.File}:{e.Line}:{e.Column}: {e.Message}").ToArray()))
{
    public IReadOnlyList<MetadataError> Located { get; } = errors;
}

/// <summary><c>studio-changed-meanwhile</c> with what is there now, so the editor can show what changed.</summary>
internal sealed class StudioConflictProblem(MetadataConflictException conflict)
    : SaasProblemException(StatusCodes.Status409Conflict, "studio-changed-meanwhile", Problem.Title("studio-changed-meanwhile"), conflict.Message)
{
    public MetadataConflictException Conflict { get; } = conflict;
}
