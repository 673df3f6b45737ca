using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Saas.Host;
using Saas.Platform.Hosting;

namespace Saas.Modules.Appointments.Tests.Features.Definitions;

/// <summary>
/// The appointment-type kind's validation (docs/adr/0028), as <c>saas tenants validate</c> and the import run it: the
/// four authorities' appointment types are valid with their locations and services; impossible rules (notice beyond the
/// horizon, contingents that leave no seat online), an unknown location or service and two types for the same location
/// and service are refused with file, line and column.
/// </summary>
public sealed class AppointmentTypeDefinitionTests
{
    private static readonly string Tenants = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants");

    [Theory]
    [InlineData("aachen", new[] { "kartenabholung-arkaden", "verlaengerung-arkaden", "verlaengerung-hacklaender", "verlaengerung-rwth" })]
    [InlineData("rhein-sieg-kreis", new[] { "fiktionsbescheinigung", "verlaengerung" })]
    [InlineData("wiesbaden", new[] { "fiktionsbescheinigung", "verlaengerung" })]
    [InlineData("nuernberg", new[] { "niederlassungserlaubnis", "verlaengerung" })]
    public void EveryDemoAuthority_HasItsAppointmentTypes_Valid(string key, string[] expected)
    {
        var (documents, errors) = Importer.Value.Validate(Path.Combine(Tenants, key));
        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors));
        documents.Where(d => d.Info.Kind == "appointment-type").Select(d => d.Info.Key).Order(StringComparer.Ordinal).ShouldBe(expected);
    }

    [Fact]
    public void ImpossibleRules_AreRefused_AtTheirLines()
    {
        var folder = Copy("nuernberg");
        Edit(folder, "appointment-types/verlaengerung.yaml", "  minimumNoticeHours: 24", "  minimumNoticeHours: 2160");
        Edit(folder, "appointment-types/verlaengerung.yaml", "    urgent: 0.15", "    urgent: 0.75");

        var (_, errors) = Importer.Value.Validate(folder);

        errors.Select(e => e.ToString()).ShouldBe([
            "nuernberg/appointment-types/verlaengerung.yaml:12:3: $.spec.minimumNoticeHours: Die Mindestvorlaufzeit von 2160 Stunden reicht über den Buchungshorizont von 90 Tagen hinaus: Es ließe sich nie etwas buchen.",
            "nuernberg/appointment-types/verlaengerung.yaml:16:3: $.spec.contingents: Die Kontingente reservieren 4 von 4 Plätzen je Termin: Online bliebe keiner zu buchen.",
        ], ignoreOrder: true);
    }

    [Fact]
    public void AnUnknownLocationOrService_AndTwoTypesForTheSameSlots_AreRefused_AtTheirLines()
    {
        var folder = Copy("aachen");
        Edit(folder, "appointment-types/verlaengerung-rwth.yaml", "  location: rwth", "  location: rwth-campus");
        Edit(folder, "appointment-types/kartenabholung-arkaden.yaml", "  location: aachen-arkaden", "  location: rwth");
        Edit(folder, "appointment-types/verlaengerung-hacklaender.yaml", "  location: hacklaenderstrasse", "  location: aachen-arkaden");

        var (_, errors) = Importer.Value.Validate(folder);

        errors.Select(e => e.ToString()).ShouldBe([
            "aachen/appointment-types/kartenabholung-arkaden.yaml:8:12: $.spec.service: Der Standort „rwth“ bietet die Leistung „card-pickup“ nicht an. Er bietet: provisional-certificate, residence-permit.",
            "aachen/appointment-types/verlaengerung-hacklaender.yaml:8:12: $.spec.service: Die Terminart „verlaengerung-arkaden“ deckt die Leistung „residence-permit“ am Standort „aachen-arkaden“ schon ab: zwei Regelwerke für dieselben Termine.",
            "aachen/appointment-types/verlaengerung-rwth.yaml:7:13: $.spec.location: Diese Behörde hat keinen Standort „rwth-campus“. Bekannt: aachen-arkaden, hacklaenderstrasse, rwth.",
        ], ignoreOrder: true);
    }

    private static string Copy(string key)
    {
        var source = Path.Combine(Tenants, key);
        var target = Path.Combine(Path.GetTempPath(), "appointments-" + Guid.NewGuid().ToString("N"), key);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
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

    /// <summary>The importer as the CLI builds it (no database is touched by validation).</summary>
    private static readonly Lazy<MetadataImporter> Importer = new(() =>
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Application"] = "Host=127.0.0.1;Port=55432;Database=saas;Username=saas_app",
            ["Saas:TenantsPath"] = Tenants,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSaasPlatform(configuration, HostModules.All, HostModules.HostMigrations);
        return services.BuildServiceProvider().GetRequiredService<MetadataImporter>();
    });
}
