namespace Saas.Host.Operator;

/// <summary>
/// The operator console's problem catalogue (docs/adr/0012): the title is the text <c>problem.{code}</c> in
/// <c>Texts/host.operator.texts.*.json</c>; field errors are named by the form's field names.
/// </summary>
internal static class OperatorProblems
{
    /// <summary>The operator's input for an authority was refused; <paramref name="errors"/> names each field and why.</summary>
    public static SaasProblemException InvalidAuthority(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "invalid-authority", Problem.Title("invalid-authority"),
            string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(" ", e.Value))), errors);

    public static SaasProblemException AuthorityNotFound(string key) => Problem.NotFound("authority-not-found", key);

    /// <summary>The authority's admin has an open draft of its profile; changing it now would overwrite their work.</summary>
    public static SaasProblemException ProfileHasOpenDraft(string key) => Problem.Conflict("profile-has-open-draft", key);

    /// <summary>The source (template or authority) is invalid as a whole: the located errors of its files.</summary>
    public static SaasProblemException SourceInvalid(IReadOnlyList<MetadataError> errors) =>
        new(StatusCodes.Status422UnprocessableEntity, "authority-source-invalid", Problem.Title("authority-source-invalid"),
            string.Join("; ", errors.Take(20).Select(e => e.ToString())));
}
