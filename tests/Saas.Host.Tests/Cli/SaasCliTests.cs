using System.Diagnostics;
using Saas.Testing;

namespace Saas.Host.Tests.Cli;

/// <summary>The `saas` command as an operator runs it: a real process, exit codes, located errors.</summary>
public sealed class SaasCliTests
{
    private static readonly string Root = SaasAppFactory.RepositoryRoot;

    [Fact]
    public async Task Validate_OfTheRealAuthorities_Succeeds()
    {
        var (code, output, _) = await RunAsync("tenants", "validate", Path.Combine(Root, "tenants"));
        code.ShouldBe(0);
        output.ShouldContain("rhein-sieg-kreis: 8 documents, 0 errors");
    }

    [Fact]
    public async Task Validate_OfABrokenDocument_ExitsWithOneAndNamesFileLineAndPath()
    {
        var folder = Path.Combine(Path.GetTempPath(), "saas-cli-" + Guid.NewGuid().ToString("N"), "aachen");
        CopyDirectory(Path.Combine(Root, "tenants", "aachen"), folder);
        var file = Path.Combine(folder, "locations", "rwth.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("postalCode: \"52062\"", "postalCode: 52062x", StringComparison.Ordinal));

        var (code, _, errors) = await RunAsync("tenants", "validate", folder);
        code.ShouldBe(1);
        errors.ShouldContain("aachen/locations/rwth.yaml:");
        errors.ShouldContain("$.spec.address.postalCode");
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "saas.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
