using System.Xml.Linq;
using Saas.Host;

namespace Saas.Architecture.Tests;

/// <summary>
/// Modules talk to each other only through their <c>.Contracts</c> projects; the kernel knows no module;
/// Contracts depend on nothing but the kernel (for integration events and tenancy types). Checked on project files (what may be referenced)
/// and on compiled assemblies (what is referenced).
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string Root = FindRepositoryRoot();

    public static TheoryData<string> ModuleProjects()
    {
        var data = new TheoryData<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(Root, "modules"), "*.csproj", SearchOption.AllDirectories)
                     .Where(p => !p.EndsWith(".Tests.csproj", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(Root, project));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModuleProjects))]
    public void ModuleProject_ReferencesOtherModulesOnlyThroughTheirContracts(string project)
    {
        var own = ModuleOf(Path.GetFileNameWithoutExtension(project))!;
        var isContracts = project.EndsWith(".Contracts.csproj", StringComparison.Ordinal);
        foreach (var reference in ProjectReferences(project))
        {
            var name = Path.GetFileNameWithoutExtension(reference);
            var module = ModuleOf(name);
            if (module is null)
            {
                // Not a module: only the kernel is allowed (Contracts need its event and tenancy abstractions).
                name.ShouldBe("Saas.Platform", $"{project} references {name}, which is neither a module nor the kernel");
                continue;
            }

            if (module == own)
            {
                isContracts.ShouldBeFalse($"{project}: Contracts must not reference the module's implementation");
                continue;
            }

            name.ShouldEndWith(".Contracts", Case.Sensitive, $"{project} references {name}: other modules only through .Contracts");
        }
    }

    [Fact]
    public void CompiledModules_ReferenceOtherModulesOnlyThroughTheirContracts()
    {
        var modules = HostModules.All.Select(m => m.GetType().Assembly).Distinct().ToList();
        modules.ShouldNotBeEmpty();
        foreach (var assembly in modules)
        {
            var own = ModuleOf(assembly.GetName().Name!)!;
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                var module = ModuleOf(reference.Name!);
                if (module is not null && module != own)
                {
                    reference.Name!.ShouldEndWith(".Contracts", Case.Sensitive, $"{assembly.GetName().Name} uses {reference.Name}");
                }
            }
        }
    }

    [Fact]
    public void Kernel_ReferencesNoModule()
    {
        var kernel = typeof(Saas.Platform.Modules.IModule).Assembly;
        kernel.GetReferencedAssemblies().Select(a => a.Name!).ShouldNotContain(n => n.StartsWith("Saas.Modules.", StringComparison.Ordinal));
        ProjectReferences("src/Saas.Platform/Saas.Platform.csproj").ShouldBeEmpty();
    }

    [Fact]
    public void ModuleAssemblies_ExposeOnlyTheirModuleClassAndPageTypes()
    {
        foreach (var module in HostModules.All)
        {
            var exposed = module.GetType().Assembly.GetExportedTypes()
                .Where(t => t != module.GetType())
                .Where(t => !typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel).IsAssignableFrom(t)
                            && !typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageBase).IsAssignableFrom(t)
                            && !typeof(Microsoft.AspNetCore.Mvc.Razor.RazorPageBase).IsAssignableFrom(t))
                .Select(t => t.FullName)
                .ToList();
            exposed.ShouldBeEmpty($"{module.Name} exposes types that belong in its .Contracts project or should be internal");
        }
    }

    [Fact]
    public void HostModules_HaveUniqueLowerCaseNames()
    {
        var names = HostModules.All.Select(m => m.Name).ToList();
        names.ShouldBeUnique();
        names.ShouldAllBe(n => n == n.ToLowerInvariant());
    }

    private static string? ModuleOf(string assemblyName)
    {
        const string prefix = "Saas.Modules.";
        if (!assemblyName.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = assemblyName[prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static IEnumerable<string> ProjectReferences(string project)
    {
        var document = XDocument.Load(Path.Combine(Root, project));
        return document.Descendants("ProjectReference").Select(e => (string)e.Attribute("Include")!).ToList();
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Saas.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Saas.sln not found above the test's directory.");
    }
}
