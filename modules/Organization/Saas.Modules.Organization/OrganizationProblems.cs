using System.Globalization;

namespace Saas.Modules.Organization;

/// <summary>
/// The organisation module's problem catalogue (docs/adr/0012): one factory per code; the title is the text
/// <c>problem.{code}</c> in <c>Texts/organization.texts.*.json</c>.
/// </summary>
internal static class OrganizationProblems
{
    public static SaasProblemException InvalidYear(int year) =>
        Problem.BadRequest("invalid-year", string.Create(CultureInfo.InvariantCulture, $"year={year}"));

    /// <summary>
    /// A profile, location or responsible caseworker the authority does not have, named in the detail.
    /// </summary>
    public static SaasProblemException NotFound(string what) => Problem.NotFound("organization-entry-not-found", what);
}
