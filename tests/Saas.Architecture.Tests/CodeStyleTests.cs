namespace Saas.Architecture.Tests;

/// <summary>Decisions of docs/adr/0012 that no analyzer checks.</summary>
public sealed class CodeStyleTests
{
    private static readonly string Root = FindRepositoryRoot();

    [Fact]
    public void NoSourceFile_WritesConfigureAwait()
    {
        var offenders = SourceFiles().Where(f => File.ReadAllText(f).Contains("." + nameof(Task.ConfigureAwait) + "(", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f)).ToList();
        offenders.ShouldBeEmpty("ASP.NET Core has no synchronization context; ConfigureAwait is not written (docs/adr/0012)");
    }

    [Fact]
    public void NoFeature_ReadsIConfiguration()
    {
        var offenders = SourceFiles().Where(f => f.Replace('\\', '/').Contains("/Features/", StringComparison.Ordinal)
                                                  && File.ReadAllText(f).Contains("IConfiguration ", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f)).ToList();
        offenders.ShouldBeEmpty("features take typed options (IOptions<…Options>), docs/adr/0012");
    }

    [Fact]
    public void ModuleCode_ThrowsProblemsFromItsCatalogueOnly()
    {
        var building = new System.Text.RegularExpressions.Regex(@"\bProblem\.(NotFound|Conflict|Unprocessable|BadRequest|TooLarge|UnsupportedType)\(|new SaasProblemException\(");
        var offenders = SourceFiles().Select(f => f.Replace('\\', '/'))
            .Where(f => f.Contains("/modules/", StringComparison.Ordinal) && !f.Contains(".Tests/", StringComparison.Ordinal)
                        && !f.EndsWith("Problems.cs", StringComparison.Ordinal) && building.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f)).ToList();
        offenders.ShouldBeEmpty("a module's problems are built in its catalogue (CasesProblems, OrganizationProblems), so a code is spelled once with one title: docs/adr/0012");
    }

    private static IEnumerable<string> SourceFiles() =>
        new[] { "src", "modules", "tests" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Replace('\\', '/').Contains("/obj/", StringComparison.Ordinal) && !f.Replace('\\', '/').Contains("/bin/", StringComparison.Ordinal));

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Saas.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Saas.sln not found");
    }
}
