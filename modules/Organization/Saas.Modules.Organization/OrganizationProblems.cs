using System.Globalization;

namespace Saas.Modules.Organization;

/// <summary>
/// The organisation module's problem catalogue (docs/adr/0012): one factory per code; the title is the text
/// <c>problem.{code}</c> in <c>Texts/organization.texts.*.json</c>.
/// </summary>
internal static class OrganizationProblems
{
    /// <summary>
    /// A kind of document another module owns (document types, retention rules, …) is not edited by the organisation admin.
    /// </summary>
    public static SaasProblemException KindNotEditableHere(string kind) => Problem.BadRequest("kind-not-editable-here", kind);

    public static SaasProblemException VersionNotFound(string kind, string key, int from, int to) =>
        Problem.NotFound("version-not-found", string.Create(CultureInfo.InvariantCulture, $"{kind}/{key} v{from}..v{to}"));

    public static SaasProblemException InvalidYear(int year) =>
        Problem.BadRequest("invalid-year", string.Create(CultureInfo.InvariantCulture, $"year={year}"));

    /// <summary>
    /// A profile, location or responsible caseworker the authority does not have, named in the detail.
    /// </summary>
    public static SaasProblemException NotFound(string what) => Problem.NotFound("organization-entry-not-found", what);

    /// <summary>The document failed validation; nothing was stored. The located errors stay with the problem for the editor page.</summary>
    public static InvalidOrganizationDocument InvalidDocument(IReadOnlyList<MetadataError> errors) => new(errors);
}

/// <summary>
/// <c>invalid-configuration</c>: the API answers it with the errors by path; the admin page lists the located
/// errors (<see cref="Located"/>) with their lines next to the editor.
/// </summary>
internal sealed class InvalidOrganizationDocument(IReadOnlyList<MetadataError> errors)
    : SaasProblemException(StatusCodes.Status400BadRequest, "invalid-configuration", Problem.Title("invalid-configuration"),
        string.Join("; ", errors.Select(e => e.ToString())),
        errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(FieldMessage).ToArray()))
{
    public IReadOnlyList<MetadataError> Located { get; } = errors;

    private static string FieldMessage(MetadataError e) =>
        e.Line is null ? e.Message : TextCatalog.Shared.Format(LocalizedText.Of("platform.metadata.at-line", ("line", e.Line), ("message", e.Message)));
}
