using Microsoft.Extensions.Configuration;
using Saas.Host;
using Saas.Platform.Hosting;

namespace Saas.Modules.Letters.Tests.Features.Definitions;

/// <summary>
/// The letter kind's validation (docs/adr/0023), as <c>saas tenants validate</c> and the import run it: the four
/// authorities' letters are valid with their templates and document types; a text block naming an undeclared
/// placeholder, a template file that is missing or names an undeclared placeholder or text block, and an unknown
/// document type are refused with file, line and column.
/// </summary>
public sealed class LetterDefinitionTests
{
    [Theory]
    [InlineData("aachen")]
    [InlineData("rhein-sieg-kreis")]
    [InlineData("wiesbaden")]
    [InlineData("nuernberg")]
    public void EveryDemoAuthority_HasTheFiveLetters_ValidWithTheirTemplatesAndDocumentTypes(string key)
    {
        var (documents, errors) = Importer.Value.Validate(Path.Combine(DemoLetters.Tenants, key));
        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors));
        // Nürnberg, the authority with an online form, also has the form's Eingangsbestätigung (docs/adr/0042) and the letter its mailbox files messages as (0044).
        string[] expected = key == "nuernberg"
            ? ["ablauf-erinnerung", "anhoerung", "bescheid", "eingangsbestaetigung", "nachforderung", "portal-nachricht", "terminbestaetigung", "terminvorschlag"]
            : ["ablauf-erinnerung", "anhoerung", "bescheid", "nachforderung", "terminbestaetigung", "terminvorschlag"];
        documents.Where(d => d.Info.Kind == "letter").Select(d => d.Info.Key).Order(StringComparer.Ordinal).ShouldBe(expected);
    }

    [Fact]
    public void AnUndeclaredPlaceholderInATextBlock_IsRefused_AtItsLineAndColumn()
    {
        var folder = Copy("aachen");
        Edit(folder, "letters/nachforderung.yaml", "bis zum {deadline} ein", "bis zum {frist} ein");
        Edit(folder, "letters/nachforderung.yaml", "  - language: en", "  - language: tr\n      blocks:\n        - { name: subject, text: \"{oops\" }\n    - language: en");

        var (_, errors) = Importer.Value.Validate(folder);

        errors.Select(e => e.ToString()).ShouldBe([
            "aachen/letters/nachforderung.yaml:23:11: $.spec.texts[0].blocks[3].text: Der Platzhalter „{frist}“ ist nicht erklärt. Bekannt: address, authority, caseworker, date, deadline, department, fileNumber, givenNames, missingDocuments, personName, surname.",
            "aachen/letters/nachforderung.yaml:28:28: $.spec.texts[1].blocks[0].text: Eine geschweifte Klammer steht ohne Platzhalter da; Platzhalter stehen in geschweiften Klammern.",
            .. new[] { "closing", "deadlineNote", "intro", "salutation" }.Select(b => $"aachen/letters/nachforderung.yaml:27:7: $.spec.texts[1].blocks: Der Übersetzung fehlt der Textbaustein „{b}“."),
        ], ignoreOrder: true);
    }

    [Fact]
    public void AMissingTemplateAndAnUnknownDocumentType_AreRefused_AtTheirLines()
    {
        var folder = Copy("rhein-sieg-kreis");
        Edit(folder, "letters/bescheid.yaml", "  template: bescheid", "  template: bescheid-alt");
        Edit(folder, "letters/bescheid.yaml", "  documentType: bescheid", "  documentType: verfuegung");

        var (_, errors) = Importer.Value.Validate(folder);

        errors.Select(e => e.ToString()).ShouldBe([
            "rhein-sieg-kreis/letters/bescheid.yaml:5:13: $.spec.template: Die Vorlage „bescheid-alt.cshtml“ gibt es weder in rhein-sieg-kreis/templates noch in _platform/templates.",
            "rhein-sieg-kreis/letters/bescheid.yaml:6:17: $.spec.documentType: Die Dokumentart „verfuegung“ gibt es bei dieser Behörde nicht. Bekannt: anhoerung, antrag, arbeitsvertrag, aufenthaltstitel, bescheid, meldebescheinigung, pass, schriftverkehr, sonstiges, terminbestaetigung.",
        ], ignoreOrder: true);
    }

    [Fact]
    public void AnAuthoritysOwnTemplate_IsUsedAndChecked_UndeclaredNamesAndRawHtmlAtTheirLineAndColumn()
    {
        var folder = Copy("wiesbaden");
        Directory.CreateDirectory(Path.Combine(folder, "templates"));
        File.WriteAllText(Path.Combine(folder, "templates", "terminbestaetigung.cshtml"), """
            @model Saas.Modules.Letters.Contracts.LetterModel
            @{ Layout = "_platform/templates/_layout.cshtml"; }
            <h1>@Model.Text("subject")</h1>
            <p>@Model.Value("appointmentDate") @Model.Value("room")</p>
            <p>@Model.Text("postscript")</p>
            <p>@Html.Raw(Model.Text("body"))</p>
            """);

        var (_, errors) = Importer.Value.Validate(folder);

        errors.Select(e => e.ToString()).ShouldBe([
            "wiesbaden/templates/terminbestaetigung.cshtml:4:50: $: Die Vorlage nennt den Platzhalter „room“, den der Brief „terminbestaetigung“ nicht erklärt.",
            "wiesbaden/templates/terminbestaetigung.cshtml:5:17: $: Die Vorlage nennt den Textbaustein „postscript“, den der Brief „terminbestaetigung“ auf Deutsch nicht hat.",
            "wiesbaden/templates/terminbestaetigung.cshtml:6:5: $: Html.Raw ist in Briefvorlagen nicht erlaubt: alles wird kodiert ausgegeben.",
        ], ignoreOrder: true);
    }

    private static string Copy(string key)
    {
        var source = Path.Combine(DemoLetters.Tenants, key);
        var target = Path.Combine(Path.GetTempPath(), "letters-" + Guid.NewGuid().ToString("N"), key);
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
            ["Saas:TenantsPath"] = DemoLetters.Tenants,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSaasPlatform(configuration, HostModules.All, HostModules.HostMigrations);
        return services.BuildServiceProvider().GetRequiredService<MetadataImporter>();
    });
}
