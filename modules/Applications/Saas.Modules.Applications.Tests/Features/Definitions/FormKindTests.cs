using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Saas.Host;
using Saas.Platform.Hosting;
using Saas.Testing;

namespace Saas.Modules.Applications.Tests.Features.Definitions;

/// <summary>
/// The form kind's validation (docs/adr/0032) as <c>saas tenants validate</c> and the import run it: Nürnberg's sample
/// form is valid; duplicate keys, unknown groups and code lists, a repeating group with min above max, a condition
/// naming an unknown field, a missing translation for an offered language are refused with file, line and column.
/// </summary>
public sealed class FormKindTests
{
    private static readonly string Tenants = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants");

    private const string Sample = "forms/verlaengerung-beschaeftigung.yaml";

    [Fact]
    public void TheSampleForm_IsValid()
    {
        var (documents, errors) = Importer.Value.Validate(Path.Combine(Tenants, "nuernberg"));
        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors));
        documents.Where(d => d.Info.Kind == "form").Select(d => d.Info.Key).ShouldBe(["verlaengerung-beschaeftigung"]);
    }

    [Fact]
    public void BrokenRules_AreRefused_AtTheirLines()
    {
        var folder = Copy("nuernberg");
        Edit(folder, "      min: 0\n      max: 10", "      min: 11\n      max: 10");
        Edit(folder, "    - key: vornamen\n      group: antragsteller", "    - key: familienname\n      group: antragsteller");
        Edit(folder, "      codeList: zweck", "      codeList: zwecke");
        Edit(folder, "    - key: jahresgehalt\n      group: aufenthalt", "    - key: jahresgehalt\n      group: aufenthalts");
        Edit(folder, "        en: Employer\n", "");

        var (_, errors) = Importer.Value.Validate(folder);

        errors.Select(e => e.ToString()).ShouldBe([
            "nuernberg/forms/verlaengerung-beschaeftigung.yaml:30:7: $.spec.groups[1].min: Das Minimum 11 liegt über dem Maximum 10.",
            "nuernberg/forms/verlaengerung-beschaeftigung.yaml:47:7: $.spec.fields[1]: Das Feld „antragsteller.familienname“ gibt es zweimal.",
            "nuernberg/forms/verlaengerung-beschaeftigung.yaml:84:7: $.spec.fields[5].codeList: Die Codeliste „zwecke“ gibt es in diesem Formular nicht. Vorhanden: zweck.",
            "nuernberg/forms/verlaengerung-beschaeftigung.yaml:104:7: $.spec.fields[8].group: Die Gruppe „aufenthalts“ gibt es in diesem Formular nicht.",
            "nuernberg/forms/verlaengerung-beschaeftigung.yaml:88:7: $.spec.fields[6].label: Übersetzung fehlt für: en. Sie wird nicht ersetzt; ergänzen Sie sie oder nehmen Sie die Sprache aus „languages“.",
            // The intake's given names named the field renamed above.
            "nuernberg/forms/verlaengerung-beschaeftigung.yaml:169:7: $.spec.intake.person.givenNames: „antragsteller.vornamen“ ist kein einzelnes Feld vom Typ text außerhalb wiederholter Gruppen; daraus kann die Person nicht gelesen werden.",
        ], ignoreOrder: true);
    }

    [Fact]
    public void AConditionNamingAnUnknownOrMistypedField_IsRefused_InsideTheExpression()
    {
        var folder = Copy("nuernberg");
        Edit(folder, "      visibleWhen: aufenthalt.zweck == \"beschaeftigung\"\n      requiredWhen: aufenthalt.zweck == \"beschaeftigung\"\n      maxLength: 200",
            "      visibleWhen: aufenthalt.zwek == \"beschaeftigung\"\n      requiredWhen: aufenthalt.zweck == 1\n      maxLength: 200");
        Edit(folder, "      computed: aufenthalt.bruttogehalt * 12", "      computed: aufenthalt.bruttogehalt > 12");

        var (_, errors) = Importer.Value.Validate(folder);

        // At the unknown name, at the operator that has no meaning for text and a number, at the start of the computed value.
        errors.Select(e => $"{e.Line}:{e.Column}: {e.Path}").ShouldBe([
            "91:20: $.spec.fields[6].visibleWhen", "92:38: $.spec.fields[6].requiredWhen", "111:17: $.spec.fields[8].computed",
        ], string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void AFieldInARepeatingGroup_SeesItsOwnEntry_AndNotAnotherRepeatingGroup()
    {
        var folder = Copy("nuernberg");
        Edit(folder, "      maxLength: 120\n    - key: geburtsdatum\n      group: kinder",
            "      maxLength: 120\n      visibleWhen: kinder.geburtsdatum > antragsteller.geburtsdatum\n    - key: geburtsdatum\n      group: kinder");
        Importer.Value.Validate(folder).Errors.ShouldBeEmpty();

        Edit(folder, "    - key: bruttogehalt\n      group: aufenthalt\n      type: decimal",
            "    - key: bruttogehalt\n      group: aufenthalt\n      type: decimal\n      requiredWhen: kinder.name == \"x\"");
        var (_, errors) = Importer.Value.Validate(folder);
        errors.ShouldHaveSingleItem().Path.ShouldBe("$.spec.fields[7].requiredWhen");
    }

    private static string Copy(string key)
    {
        var source = Path.Combine(Tenants, key);
        var target = Path.Combine(Path.GetTempPath(), "forms-" + Guid.NewGuid().ToString("N"), key);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    private static void Edit(string folder, string from, string to)
    {
        var path = Path.Combine(folder, Sample);
        var text = File.ReadAllText(path);
        text.ShouldContain(from);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>The importer as the CLI builds it (no database is touched by validation).</summary>
    internal static readonly Lazy<MetadataImporter> Importer = new(() =>
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
