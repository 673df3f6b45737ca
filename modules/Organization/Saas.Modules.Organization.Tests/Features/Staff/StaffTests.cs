using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Saas.Host;
using Saas.Modules.Organization.Contracts;
using Saas.Platform.Hosting;
using Saas.Platform.Metadata;
using Saas.Platform.Modules;
using Saas.Platform.Tenancy;
using Saas.Testing;

namespace Saas.Modules.Organization.Tests.Features.Staff;

/// <summary>
/// Staff as configuration (docs/adr/0022): the four authorities' staff documents are valid with what they name;
/// a trainee with a surname range, an unknown legal basis, a unit or a range no document defines and a range given
/// to a trainee are located errors; the directory answers from published documents, never from the token.
/// </summary>
public sealed class StaffTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    private static readonly string Root = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants");

    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("aachen", 2)]
    [InlineData("rhein-sieg-kreis", 4)]
    [InlineData("wiesbaden", 2)]
    [InlineData("nuernberg", 2)]
    public void EveryDemoCaseworker_HasAValidStaffDocument_WhoseUnitsAndRangesExist(string key, int caseworkers)
    {
        var (documents, errors) = Check(Path.Combine(Root, key));
        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors));
        documents.Count(d => d.Kind == "staff").ShouldBe(caseworkers);
    }

    [Fact]
    public void WrongStaff_IsRefused_WithFileLineColumnAndPath()
    {
        var folder = Copy("rhein-sieg-kreis");
        Edit(folder, "staff/rsk.becker.yaml", "\"30-20\", \"30-24\"", "\"30-20\", \"30-99\"");
        Edit(folder, "staff/rsk.becker.yaml", "from: E, to: K", "from: E, to: L");
        Edit(folder, "staff/rsk.schneider.yaml", "AufenthG-28]", "AufenthG-999]");
        Edit(folder, "staff/rsk.azubi.yaml", "units: [\"30-20\"]", "units: [\"30-20\"]\n  surnameRanges:\n    - { unit: \"30-20\", from: E, to: K }");
        Edit(folder, "surname-ranges/30-21.yaml", "from: S, to: Z, caseworker: rsk.schneider", "from: S, to: Z, caseworker: rsk.azubi");

        var (_, first) = Check(folder);
        // The document's own rules come first: the trainee's range and the unknown legal basis.
        first.Select(e => e.ToString()).ShouldBe([
            "rhein-sieg-kreis/staff/rsk.azubi.yaml:8:3: $.spec.surnameRanges: Wer in Einarbeitung ist (stage: trainee), bekommt keine Buchstabengruppe.",
            "rhein-sieg-kreis/staff/rsk.schneider.yaml:11:48: $.spec.signingAuthorities[2]: „AufenthG-999“ ist keine bekannte Rechtsgrundlage; erwartet wird z. B. AufenthG-18a.",
        ], ignoreOrder: true);

        Edit(folder, "staff/rsk.schneider.yaml", "AufenthG-999]", "AufenthG-28]");
        Edit(folder, "staff/rsk.azubi.yaml", "  surnameRanges:\n    - { unit: \"30-20\", from: E, to: K }\n", "");
        var (_, across) = Check(folder);
        across.Select(e => e.ToString()).ShouldBe([
            "rhein-sieg-kreis/staff/rsk.becker.yaml:6:20: $.spec.units[1]: Es gibt kein Sachgebiet mit dem Schlüssel „30-99“.",
            "rhein-sieg-kreis/staff/rsk.becker.yaml:8:7: $.spec.surnameRanges[0]: Das Sachgebiet 30.20 hat keine Buchstabengruppe E–L.",
            "rhein-sieg-kreis/staff/rsk.schneider.yaml:9:7: $.spec.surnameRanges[1]: Die Buchstabengruppe S–Z im Sachgebiet 30.21 ist rsk.azubi zugewiesen.",
            "rhein-sieg-kreis/surname-ranges/30-21.yaml:7:37: $.spec.ranges[1].caseworker: rsk.azubi ist in Einarbeitung und bekommt keine Buchstabengruppe.",
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task TheDirectory_AnswersFromPublishedStaff_SigningAuthoritiesAndResponsibility()
    {
        var services = fixture.App.Services;
        using var tenant = services.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        await store.SaveDraftAsync("kind: unit\nkey: 30-20\nspec:\n  code: \"30.20\"\n  name: Allgemeines Ausländerrecht\n", "test");
        await store.SaveDraftAsync("kind: staff\nkey: s.kaya\nspec:\n  stage: qualified\n  units: [\"30-20\"]\n  surnameRanges:\n    - { unit: \"30-20\", from: A, to: K }\n  specialisations: [ukraine-24]\n  signingAuthorities: [AufenthG-24, AufenthG-18a]\n", "test");
        await store.SaveDraftAsync("kind: staff\nkey: t.azubi\nspec:\n  stage: trainee\n  units: [\"30-20\", \"30-77\"]\n  signingAuthorities: [AufenthG-18a]\n", "test");
        await store.PublishAsync(null, "test");

        var staff = scope.ServiceProvider.GetRequiredService<IStaffDirectory>();
        var kaya = (await staff.FindAsync(["sub-unknown", "s.kaya"]))!;
        kaya.Stage.ShouldBe(TrainingStage.Qualified);
        kaya.Units.Single().Code.ShouldBe("30.20");
        kaya.SurnameRanges.Single().UnitCode.ShouldBe("30.20");
        (await staff.MaySignAsync(["s.kaya"], "AufenthG-24")).ShouldBeTrue();
        (await staff.MaySignAsync(["t.azubi"], "AufenthG-24")).ShouldBeFalse();
        (await staff.MaySignAsync(["t.azubi"], "AufenthG-18a")).ShouldBeTrue();
        (await staff.MaySignAsync(["nobody"], "AufenthG-18a")).ShouldBeFalse();
        (await staff.FindAsync(["t.azubi"]))!.Units.Select(u => u.Key).ShouldBe(["30-20"]); // the unpublished unit is left out
        (await staff.FindResponsibleAsync("Çelik")).Select(m => m.UserName).ShouldBe(["s.kaya"]);
        (await staff.FindResponsibleAsync("Schulz")).ShouldBeEmpty();
        (await staff.WithSpecialisationAsync("ukraine-24")).Select(m => m.UserName).ShouldBe(["s.kaya"]);

        using var other = services.GetRequiredService<ICurrentTenant>().Begin(fixture.B);
        await using var scopeB = services.CreateAsyncScope();
        (await scopeB.ServiceProvider.GetRequiredService<IStaffDirectory>().GetStaffAsync()).ShouldBeEmpty();
    }

    private static (List<ConfigurationFile> Documents, List<MetadataError> Errors) Check(string folder)
    {
        var (documents, errors) = Platform.Value.GetRequiredService<MetadataImporter>().Validate(folder);
        var key = Path.GetFileName(folder);
        var files = documents.Select(d => new ConfigurationFile(key + "/" + d.RelativePath, d.Info.Kind, d.Info.Key, File.ReadAllText(Path.Combine(folder, d.RelativePath)))).ToList();
        return errors.Count > 0
            ? (files, [.. errors])
            : (files, [.. Platform.Value.GetServices<IConfigurationSetCheck>().SelectMany(c => c.Check(files))]);
    }

    private static string Copy(string key)
    {
        var target = Path.Combine(Path.GetTempPath(), "staff-" + Guid.NewGuid().ToString("N"), key);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, key), "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Path.Combine(Root, key), file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    private static void Edit(string folder, string file, string from, string to)
    {
        var path = Path.Combine(folder, file);
        var text = File.ReadAllText(path);
        text.ShouldContain(from);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static readonly Lazy<ServiceProvider> Platform = new(() =>
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Application"] = "Host=127.0.0.1;Port=55432;Database=saas;Username=saas_app",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSaasPlatform(configuration, HostModules.All, HostModules.HostMigrations);
        return services.BuildServiceProvider();
    });
}
