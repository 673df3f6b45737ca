using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Saas.Host;
using Saas.Platform.Hosting;
using Saas.Platform.Metadata;
using Saas.Testing;

namespace Saas.Modules.Organization.Tests.Features.Tenants;

/// <summary>The four real authorities in tenants/ are valid configuration, with the facts from the council papers.</summary>
public sealed class RealAuthoritiesTests
{
    private static readonly string Root = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants");

    public static TheoryData<string> Authorities() => new() { "aachen", "rhein-sieg-kreis", "wiesbaden", "nuernberg" };

    [Theory]
    [MemberData(nameof(Authorities))]
    public void EveryDocumentOfTheAuthority_IsValid(string key)
    {
        var (documents, errors) = Importer().Validate(Path.Combine(Root, key));
        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors));
        documents.ShouldContain(d => d.Info.Kind == "tenant" && d.Info.Key == key);
        documents.ShouldContain(d => d.Info.Kind == "location");
    }

    [Fact]
    public void TheAuthorities_HaveTheLocationsAndUnitsTheSeedsName()
    {
        var aachen = Importer().Validate(Path.Combine(Root, "aachen")).Documents.Select(d => d.Info.Key).ToList();
        aachen.ShouldContain("hacklaenderstrasse");
        aachen.ShouldContain("rwth");
        aachen.ShouldContain("aachen-arkaden");
        var rsk = Importer().Validate(Path.Combine(Root, "rhein-sieg-kreis")).Documents.Where(d => d.Info.Kind == "unit").Select(d => d.Info.Key).ToList();
        rsk.ShouldBe(["30-20", "30-21", "30-22", "30-24"], ignoreOrder: true);
    }

    private static MetadataImporter Importer() => Platform.Value.GetRequiredService<MetadataImporter>();

    // The platform exactly as the host composes it (all modules' kinds); validation reads only files.
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
