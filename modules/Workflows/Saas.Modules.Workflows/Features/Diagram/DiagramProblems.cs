namespace Saas.Modules.Workflows.Features.Diagram;

/// <summary>
/// The diagram's problems (docs/adr/0012): titles are <c>problem.{code}</c> in <c>Texts/workflows.diagram.texts.*.json</c>.
/// A process or version that is not there is the module's own <c>process-not-found</c> / <c>process-version-not-found</c>
/// (<see cref="WorkflowsProblems"/>), one code for one meaning.
/// </summary>
internal static class DiagramProblems
{
    /// <summary>Versions count from 1.</summary>
    public static SaasProblemException VersionInvalid(int version) =>
        Problem.BadRequest("process-diagram-version-invalid", version.ToString(CultureInfo.InvariantCulture), ("version", version));
}
