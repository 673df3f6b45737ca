namespace Saas.Modules.Letters;

/// <summary>
/// The letters module's problem catalogue (docs/adr/0012): one factory per code; the title is the text
/// <c>problem.{code}</c> in <c>Texts/letters.texts.*.json</c>.
/// </summary>
internal static class LettersProblems
{
    public static SaasProblemException LetterNotFound(string letter) => Problem.NotFound("letter-not-found", letter, ("letter", letter));

    public static SaasProblemException CaseFileNotFound(Guid id) => Problem.NotFound("letter-file-not-found", id.ToString());

    public static SaasProblemException ValueMissing(string letter, string name) =>
        Problem.Unprocessable("letter-value-missing", name, ("letter", letter), ("name", name));

    public static SaasProblemException ValueUndeclared(string letter, string name) =>
        Problem.Unprocessable("letter-value-undeclared", name, ("letter", letter), ("name", name));

    public static SaasProblemException TemplateMissing(string letter, string template) =>
        Problem.Unprocessable("letter-template-missing", template, ("letter", letter), ("template", template));

    /// <summary>The template file uses what the published letter does not declare; the detail lists the located errors.</summary>
    public static SaasProblemException TemplateInvalid(string letter, IReadOnlyList<MetadataError> errors) =>
        Problem.Unprocessable("letter-template-invalid", string.Join("; ", errors.Take(5)), ("letter", letter), ("count", errors.Count));

    public static SaasProblemException RendererFailed(string letter, string detail) => Problem.Unprocessable("letter-renderer-failed", detail, ("letter", letter));

    public static SaasProblemException RendererTimedOut(string letter, int seconds) =>
        Problem.Unprocessable("letter-renderer-timeout", null, ("letter", letter), ("seconds", seconds));

    public static SaasProblemException PdfTooLarge(string letter, long bytes) =>
        Problem.TooLarge("letter-pdf-too-large", null, ("letter", letter), ("mib", bytes / 1024 / 1024));

    public static SaasProblemException HtmlTooLarge(string letter, int bytes) =>
        Problem.TooLarge("letter-html-too-large", null, ("letter", letter), ("kib", bytes / 1024));
}
