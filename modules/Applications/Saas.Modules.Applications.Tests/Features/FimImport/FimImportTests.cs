using Saas.Modules.Applications.Features.Definitions;
using Saas.Modules.Applications.Features.FimImport;
using Saas.Modules.Applications.Tests.Features.Definitions;
using Saas.Testing;

namespace Saas.Modules.Applications.Tests.Features.FimImport;

/// <summary>
/// Every FIM schema file of ../shared/fixtures/fim imports (docs/adr/0032): the valid ones into a form draft that the
/// kind's own validation accepts (a code list whose genericode file is missing is the one finding left for the admin),
/// the invalid ones with errors located by line and column in German and English, never an exception.
/// </summary>
public sealed class FimImportTests
{
    /// <summary>The module's texts in the shared catalogue without a host (as in SubmissionValidatorTests).</summary>
    public FimImportTests() => TextCatalog.Include([typeof(Saas.Modules.Applications.Features.Validation.SubmissionValidator).Assembly]);

    [Theory]
    [MemberData(nameof(FimFixtures.Schemas), MemberType = typeof(FimFixtures))]
    public void EveryFixture_ImportsOrIsRefusedWithLocatedErrors(string file)
    {
        var result = FimFixtures.Import(file);

        if (FimFixtures.Invalid.Contains(file) || !result.Succeeded)
        {
            FimFixtures.Invalid.ShouldContain(file, string.Join(Environment.NewLine, result.Errors));
            result.Yaml.ShouldBeNull();
            result.Errors.ShouldNotBeEmpty();
            foreach (var error in result.Errors)
            {
                error.Line.ShouldBeGreaterThan(0, error.ToString());
                error.Column.ShouldBeGreaterThan(0, error.ToString());
                TextCatalog.Shared.Has("de", error.Message.Key).ShouldBeTrue(error.Message.Key);
                TextCatalog.Shared.Has("en", error.Message.Key).ShouldBeTrue(error.Message.Key);
            }

            return;
        }

        result.Yaml.ShouldNotBeNull();
        var errors = ValidateAsDraft(result.Key, result.Yaml);
        errors.Where(e => !e.Contains("keine Codes", StringComparison.Ordinal)).ShouldBeEmpty(result.Yaml);
        errors.Count.ShouldBe(result.MissingCodeLists.Count, string.Join(Environment.NewLine, errors));
    }

    [Theory]
    [InlineData("xdf2-small/duplicate-required-value.xml", 13, 10, "Das Element „name“ steht in „stammdatenschema“ mehr als einmal.")]
    [InlineData("xdf2-small/duplicate-optional-value.xml", 15, 10, "Das Element „beschreibung“ steht in „stammdatenschema“ mehr als einmal.")]
    [InlineData("xdf3-small/duplicate-id-node.xml", 11, 14, "Das Element „id“ steht in „identifikation“ mehr als einmal.")]
    [InlineData("xdf3-small/empty-id-node.xml", 10, 14, "Die ID von „datenfeldgruppe“ ist leer.")]
    [InlineData("xdf3-small/missing-id-node.xml", 9, 10, "„datenfeldgruppe“ hat keine Identifikation mit ID.")]
    [InlineData("xdf3-small/unexpected-node.xml", 11, 14, "Das Element „unknown“ ist in „identifikation“ nicht vorgesehen.")]
    [InlineData("xdf3-small/invalid-freigabestatus.xml", 18, 14, "Der Code „10“ gehört nicht zur Codeliste „freigabestatus“.")]
    [InlineData("xdf2-small/unknown-namespace.xml", 2, 2,
        "Unbekannter Namensraum „urn:xoev-de:fim:standard:xdatenfelder_unknown“. Gelesen werden: urn:xoev-de:fim:standard:xdatenfelder_2, urn:xoev-de:fim:standard:xdatenfelder_3.0.0.")]
    public void AnInvalidFixture_IsRefused_WhereItIsWrong(string file, int line, int column, string message)
    {
        var error = FimFixtures.Import(file).Errors.ShouldHaveSingleItem();
        (error.Line, error.Column).ShouldBe((line, column));
        TextCatalog.Shared.Format(error.Message, CultureInfo.GetCultureInfo("de")).ShouldBe(message);
        TextCatalog.Shared.Format(error.Message, CultureInfo.GetCultureInfo("en")).ShouldNotBe(message);
    }

    [Fact]
    public void TheRealSchemaS00000094_KeepsGroupsCardinalitiesCodeListsValidationAndProvenance()
    {
        var result = FimFixtures.Import("S00000094V1.0/S00000094V1.0_xdf2.xml");
        result.MissingCodeLists.ShouldBeEmpty();
        var form = FormDefinition.Read(result.Key, result.Spec!);

        form.Fim.ShouldBe(new FimReference("S00000094", "1.0"));
        form.FimStandard.ShouldBe("xdf2");
        form.CodeLists.Count.ShouldBe(4);
        form.CodeListOf("C60000020")!.Codes.Count.ShouldBeGreaterThan(150);
        form.Fields.ShouldAllBe(f => f.Fim != null && f.Fim.Version != null);
        form.Groups.ShouldAllBe(g => g.Fim != null);
        form.Fields.ShouldContain(f => f.Pattern == "([0]{1}[1-9]{1}|[1-9]{1}[0-9]{1})[0-9]{3}" && f.MinLength == 5 && f.MaxLength == 5);
        form.Fields.Count(f => f.Type == FormFieldType.Boolean).ShouldBe(5);
        form.Fields.Count(f => f.Type == FormFieldType.Number).ShouldBe(3);
        form.Fields.Count(f => f.Type == FormFieldType.Select).ShouldBe(4);
        form.Groups.ShouldContain(g => g.Min == 0);
    }

    [Fact]
    public void TheRealSchemaS00000186_KeepsItsRulesAsNotes_AndNamesTheCodeListsItLacks()
    {
        var result = FimFixtures.Import("S00000186v1.0/S00000186v1.0_xdf2.xml");
        var form = FormDefinition.Read(result.Key, result.Spec!);

        result.MissingCodeLists.Count.ShouldBe(14);
        form.Fields.Count(f => f.Type == FormFieldType.File).ShouldBe(7);
        form.Groups.Concat<object>(form.Fields).ShouldNotBeEmpty();
        var notes = form.Notes.Concat(form.Groups.SelectMany(g => g.Notes)).Concat(form.Fields.SelectMany(f => f.Notes)).ToList();
        notes.ShouldContain(n => n.Contains("R00001344", StringComparison.Ordinal) && n.Contains("Fristverkürzung", StringComparison.Ordinal) && n.Contains("script:", StringComparison.Ordinal));
        form.Groups.ShouldContain(g => g.Repeats && g.Max == FormDefinition.MaxRepeat);
    }

    [Fact]
    public void Xdf3_ReadsPrecisionFromAttributes_AndItsRulesAsNotes()
    {
        var result = FimFixtures.Import("xdf3-small/simple.xml");
        var form = FormDefinition.Read(result.Key, result.Spec!);

        form.FimStandard.ShouldBe("xdf3");
        form.Groups.Select(g => g.FullPath).ShouldBe(["G60000000088", "G60000000088.G60000000086"]);
        form.Groups[0].Min.ShouldBe(1);
        var street = form.Fields.ShouldHaveSingleItem();
        (street.FullPath, street.MinLength, street.MaxLength, street.Required).ShouldBe(("G60000000088.G60000000086.F60000000243", 1, 55, true));
        street.Help["de"].ShouldBe("Geben Sie an, wie die Straße heißt.");
        street.Notes.ShouldHaveSingleItem().ShouldContain("Es muss entweder Feldgruppe G60000086");
        form.Groups[1].Fim.ShouldBe(new FimReference("G60000000086", "1.2.0"));
    }

    [Fact]
    public void ADoctypeOrAnExternalEntity_IsRefused_WithoutReadingIt()
    {
        var file = Path.Combine(Path.GetTempPath(), "fim-" + Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllText(file, """
            <?xml version="1.0"?>
            <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_2">&e;</xdf:xdatenfelder.stammdatenschema.0102>
            """);

        var error = FimImporter.Import(file).Errors.ShouldHaveSingleItem();

        error.Message.Key.ShouldBe("applications.fim.not-xml");
        error.Line.ShouldBe(2, TextCatalog.Shared.Format(error.Message, CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void TooLargeTooDeepOrTooManyElements_AreRefused_WithTheirLimit()
    {
        var file = Path.Combine(FimFixtures.Folder, "xdf2-small/simple.xml");
        FimImporter.Import(file, limits: new FimImportLimits(MaxBytes: 1000)).Errors.ShouldHaveSingleItem().Message.Key.ShouldBe("applications.fim.too-large");
        FimImporter.Import(file, limits: new FimImportLimits(MaxDepth: 5)).Errors.ShouldHaveSingleItem().Message.Key.ShouldBe("applications.fim.too-deep");
        FimImporter.Import(file, limits: new FimImportLimits(MaxElements: 20)).Errors.ShouldHaveSingleItem().Message.Key.ShouldBe("applications.fim.too-many-elements");
        FimImporter.Import(file, limits: new FimImportLimits(BudgetSeconds: 0)).Errors.ShouldHaveSingleItem().Message.Key.ShouldBe("applications.fim.too-slow");
    }

    [Fact]
    public void TextFromTheFile_StaysText_InTheYaml()
    {
        var file = Path.Combine(Path.GetTempPath(), "fim-" + Guid.NewGuid().ToString("N") + ".xml");
        var source = File.ReadAllText(Path.Combine(FimFixtures.Folder, "xdf2-small/simple.xml"))
            .Replace("<xdf:bezeichnungEingabe>Familienname</xdf:bezeichnungEingabe>", "<xdf:bezeichnungEingabe>x\"\nkind: evil # &lt;script&gt;</xdf:bezeichnungEingabe>", StringComparison.Ordinal);
        File.WriteAllText(file, source);

        var result = FimImporter.Import(file);

        result.Yaml!.ShouldContain("de: \"x\\\"\\nkind: evil # <script>\"");
        FormDefinition.Read("x", result.Spec!).Fields[0].Label["de"].ShouldBe("x\"\nkind: evil # <script>");
    }

    /// <summary>The imported YAML as the draft import validates it, in a folder with an authority's tenant.yaml.</summary>
    internal static List<string> ValidateAsDraft(string key, string yaml)
    {
        var folder = Path.Combine(Path.GetTempPath(), "forms-" + Guid.NewGuid().ToString("N"), "nuernberg");
        Directory.CreateDirectory(Path.Combine(folder, "forms"));
        File.Copy(Path.Combine(SaasAppFactory.RepositoryRoot, "tenants", "nuernberg", "tenant.yaml"), Path.Combine(folder, "tenant.yaml"));
        File.WriteAllText(Path.Combine(folder, "forms", key + ".yaml"), yaml);
        var (_, errors) = FormKindTests.Importer.Value.Validate(folder);
        return errors.Select(e => e.ToString()).ToList();
    }
}
