using Saas.Modules.Applications.Features.Definitions;
using Saas.Modules.Applications.Features.Validation;
using Saas.Modules.Applications.Tests.Features.FimImport;
using Saas.Testing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Saas.Modules.Applications.Tests.Features.Validation;

/// <summary>
/// The server's check of a submission (docs/adr/0032): each imported FIM form accepts a valid submission built from its
/// own definition and refuses wrong values per field type; markup stays text; forged fields are refused; Nürnberg's
/// sample form asks for the employment contract only when the purpose is employment, computes the yearly salary, drops a
/// hidden field's value and counts a repeating group's entries; messages come in the applicant's language.
/// </summary>
public sealed class SubmissionValidatorTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static readonly Guid ContractId = Guid.Parse("7b0c8c8e-3f1d-4a55-9d55-0c3a4b6e2f10");

    /// <summary>
    /// Messages are formatted with the shared catalogue, which has the module's texts once a host included them; this
    /// class runs without a host, and may run before any other test of the process has started one (CI saw the keys).
    /// </summary>
    public SubmissionValidatorTests() => TextCatalog.Include([typeof(SubmissionValidator).Assembly]);

    [Theory]
    [MemberData(nameof(FimFixtures.ValidSchemas), MemberType = typeof(FimFixtures))]
    public void EveryImportedFimForm_AcceptsAValidSubmission_BuiltFromItsDefinition(string file)
    {
        var form = FimFixtures.Completed(FimFixtures.Import(file).Spec!);
        var values = FimFixtures.ValidValues(form);

        var result = SubmissionValidator.Validate(form, values, Today);

        result.Errors.Select(e => $"{e.Path}: {e.Format(CultureInfo.GetCultureInfo("de"))}").ShouldBeEmpty(values.ToJsonString());
        result.Accepted.Count.ShouldBe(form.Fields.Count(f => f.TakesInput && FimFixtures.ValueOf(form, f) is not null) == 0 ? 0 : result.Accepted.Count);
        result.Accepted.ShouldAllBe(a => a.Fim != null);
        result.Form.ShouldBe(form.Fim);
    }

    [Theory]
    [MemberData(nameof(FimFixtures.ValidSchemas), MemberType = typeof(FimFixtures))]
    public void EveryImportedFimForm_RefusesAWrongValue_OfEachFieldType(string file)
    {
        var form = FimFixtures.Completed(FimFixtures.Import(file).Spec!);
        foreach (var type in form.Fields.Where(f => f.TakesInput).Select(f => f.Type).Distinct())
        {
            var field = form.Fields.First(f => f.TakesInput && f.Type == type);
            var values = FimFixtures.ValidValues(form);
            var (path, bad) = Wrong(field);
            if (bad is null)
            {
                continue;
            }

            Set(form, values, field, bad);

            var result = SubmissionValidator.Validate(form, values, Today);

            result.Succeeded.ShouldBeFalse($"{type} {field.FullPath} accepted {bad.ToJsonString()}");
            result.Accepted.ShouldBeEmpty();
            result.Errors.ShouldContain(e => e.Path.StartsWith(PathPrefix(form, field), StringComparison.Ordinal), string.Join("; ", result.Errors.Select(e => e.Path)) + " " + path);
        }

        var forged = FimFixtures.ValidValues(form);
        forged["evil"] = "<script>alert(1)</script>";
        SubmissionValidator.Validate(form, forged, Today).Errors.ShouldHaveSingleItem().Path.ShouldBe("evil");
    }

    [Fact]
    public void AFimPattern_MatchesTheWholeValue_AsXmlSchemaDoes()
    {
        var form = FimFixtures.Completed(FimFixtures.Import("S00000094V1.0/S00000094V1.0_xdf2.xml").Spec!);
        var mail = form.Fields.First(f => f.Pattern?.Contains('@', StringComparison.Ordinal) == true);
        var values = FimFixtures.ValidValues(form);
        Set(form, values, mail, JsonValue.Create("<b>x</b> max.mustermann@example.org"));

        var result = SubmissionValidator.Validate(form, values, Today);

        result.Errors.ShouldHaveSingleItem().Message.Key.ShouldBe("applications.submission.pattern");
    }

    [Fact]
    public void MarkupAndScript_AreKeptAsText_NeverInterpreted()
    {
        var form = Sample();
        var values = ValidSample();
        values["antragsteller"]!["vornamen"] = "<script>alert('x')</script> &amp; <b>Ö</b>";

        var result = SubmissionValidator.Validate(form, values, Today);

        result.Errors.ShouldBeEmpty();
        result["antragsteller.vornamen"].ShouldBe("<script>alert('x')</script> &amp; <b>Ö</b>");
    }

    [Fact]
    public void TheEmploymentContract_IsRequired_OnlyWhenThePurposeIsEmployment()
    {
        var form = Sample();
        var employment = ValidSample();
        employment["aufenthalt"]!.AsObject().Remove("arbeitsvertrag");
        var result = SubmissionValidator.Validate(form, employment, Today);
        result.Errors.Select(e => (e.Path, e.Format(CultureInfo.GetCultureInfo("en")))).ShouldBe([("aufenthalt.arbeitsvertrag", "Please fill in this field.")]);

        var studies = ValidSample();
        studies["aufenthalt"]!["zweck"] = "studium";
        studies["aufenthalt"]!.AsObject().Remove("arbeitsvertrag");
        studies["aufenthalt"]!.AsObject().Remove("arbeitgeber");
        SubmissionValidator.Validate(form, studies, Today).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void AHiddenFieldsValue_IsDropped_AndAComputedValueIsComputedHere()
    {
        var form = Sample();
        var employment = SubmissionValidator.Validate(form, ValidSample(), Today);
        employment.Errors.ShouldBeEmpty();
        employment["aufenthalt.jahresgehalt"].ShouldBe(42_000m);
        employment["aufenthalt.arbeitsvertrag"].ShouldBe(new EvidenceValue(ContractId, "vertrag.pdf", "application/pdf", 120_000));

        var studies = ValidSample();
        studies["aufenthalt"]!["zweck"] = "studium";
        var result = SubmissionValidator.Validate(form, studies, Today);
        result.Errors.ShouldBeEmpty();
        result["aufenthalt.arbeitgeber"].ShouldBeNull();
        result["aufenthalt.jahresgehalt"].ShouldBeNull();

        var forged = ValidSample();
        forged["aufenthalt"]!["jahresgehalt"] = "999999";
        SubmissionValidator.Validate(form, forged, Today).Errors.ShouldHaveSingleItem().Path.ShouldBe("aufenthalt.jahresgehalt");
    }

    [Fact]
    public void ARepeatingGroup_IsAList_CountedAndCheckedPerEntry()
    {
        var form = Sample();
        var values = ValidSample();
        values["kinder"] = new JsonArray(
            new JsonObject { ["name"] = "Lea", ["geburtsdatum"] = "2015-04-01" },
            new JsonObject { ["name"] = "", ["geburtsdatum"] = "31.02.2016" });

        var result = SubmissionValidator.Validate(form, values, Today);

        result.Errors.Select(e => (e.Path, e.Format(CultureInfo.GetCultureInfo("de")))).ShouldBe([
            ("kinder[1].geburtsdatum", "Bitte geben Sie ein Datum ein (TT.MM.JJJJ)."),
            ("kinder[1].name", "Bitte füllen Sie dieses Feld aus."),
        ], ignoreOrder: true);

        values["kinder"]![1]!["name"] = "Tom";
        values["kinder"]![1]!["geburtsdatum"] = "28.02.2016";
        var second = SubmissionValidator.Validate(form, values, Today);
        second.Errors.ShouldBeEmpty();
        second["kinder[1].geburtsdatum"].ShouldBe(new DateOnly(2016, 2, 28));

        values["kinder"] = new JsonArray([.. Enumerable.Range(0, 11).Select(_ => (JsonNode)new JsonObject { ["name"] = "A", ["geburtsdatum"] = "2016-01-01" })]);
        SubmissionValidator.Validate(form, values, Today).Errors.ShouldHaveSingleItem().Message.Key.ShouldBe("applications.submission.too-many-entries");
        values["kinder"] = new JsonObject { ["name"] = "A" };
        SubmissionValidator.Validate(form, values, Today).Errors.ShouldHaveSingleItem().Message.Key.ShouldBe("applications.submission.list-expected");
    }

    [Fact]
    public void WrongValues_GetAMessageInTheApplicantsLanguage()
    {
        var form = Sample();
        var values = ValidSample();
        values["antragsteller"]!["familienname"] = "Muster\u0007mann";
        values["antragsteller"]!["geburtsdatum"] = "1899-12-31";
        values["aufenthalt"]!["zweck"] = "urlaub";
        values["aufenthalt"]!["einverstanden"] = "false";

        var result = SubmissionValidator.Validate(form, values, Today);

        result.Errors.Select(e => e.Format(CultureInfo.GetCultureInfo("de"))).ShouldBe([
            "Dieses Feld enthält Steuerzeichen oder Zeilenumbrüche, die hier nicht erlaubt sind.",
            "Das Datum darf nicht vor dem 01.01.1900 liegen.",
            "„urlaub“ ist keine der angebotenen Auswahlmöglichkeiten.",
            "Bitte bestätigen Sie dies.",
        ], ignoreOrder: true);
        result.Errors.Select(e => e.Format(CultureInfo.GetCultureInfo("en"))).ShouldContain("'urlaub' is not one of the choices offered.");
    }

    [Fact]
    public void EvidenceOfAnotherTypeOrTooLarge_IsRefused()
    {
        var form = Sample();
        var values = ValidSample();
        values["aufenthalt"]!["arbeitsvertrag"] = new JsonObject { ["evidence"] = ContractId.ToString(), ["name"] = "vertrag.exe", ["contentType"] = "application/x-msdownload", ["bytes"] = 1000 };
        SubmissionValidator.Validate(form, values, Today).Errors.ShouldHaveSingleItem().Message.Key.ShouldBe("applications.submission.evidence-type");

        values["aufenthalt"]!["arbeitsvertrag"] = new JsonObject { ["evidence"] = ContractId.ToString(), ["name"] = "vertrag.pdf", ["contentType"] = "application/pdf", ["bytes"] = 10_485_761 };
        SubmissionValidator.Validate(form, values, Today).Errors.ShouldHaveSingleItem().Message.Key.ShouldBe("applications.submission.evidence-size");
    }

    [Fact]
    public void SizesAndCounts_AreBounded_WhateverTheFormSays()
    {
        var form = Sample();
        var values = ValidSample();
        values["antragsteller"]!["vornamen"] = new string('a', 30_000);
        SubmissionValidator.Validate(form, values, Today).Errors.ShouldHaveSingleItem().Message.Key.ShouldBe("applications.submission.too-long");

        SubmissionValidator.Validate(form, ValidSample(), Today, new SubmissionLimits(MaxValues: 3)).Errors.ShouldHaveSingleItem()
            .Message.Key.ShouldBe("applications.submission.too-many-values");
    }

    private static (string Path, JsonNode? Bad) Wrong(FormField field) => field.Type switch
    {
        FormFieldType.Text or FormFieldType.Multiline => (field.FullPath, JsonValue.Create(field.MaxLength is { } max ? new string('x', max + 1) : "a\u0000b")),
        FormFieldType.Number => (field.FullPath, JsonValue.Create("zwölf")),
        FormFieldType.Decimal => (field.FullPath, JsonValue.Create("1.2.3")),
        FormFieldType.Date => (field.FullPath, JsonValue.Create("31.02.2020")),
        FormFieldType.Boolean => (field.FullPath, JsonValue.Create("vielleicht")),
        FormFieldType.Select => (field.FullPath, JsonValue.Create("<script>kein-code</script>")),
        FormFieldType.File => (field.FullPath, new JsonObject { ["name"] = "../../etc/passwd", ["contentType"] = "text/plain", ["bytes"] = 10 }),
        _ => (field.FullPath, null),
    };

    /// <summary>Puts a value at the field's place in every entry on the way (the first entry of each repeating group).</summary>
    private static void Set(FormDefinition form, JsonObject values, FormField field, JsonNode bad)
    {
        var node = values;
        foreach (var group in form.GroupOf(field.Group) is { } g ? form.Chain(g) : [])
        {
            var next = node[group.Key]!;
            node = (next is JsonArray list ? list[0]! : next).AsObject();
        }

        node[field.Key] = field.Multiple ? new JsonArray(bad) : bad;
    }

    private static string PathPrefix(FormDefinition form, FormField field)
    {
        var parts = (form.GroupOf(field.Group) is { } g ? form.Chain(g) : []).Select(group => group.Repeats ? group.Key + "[0]" : group.Key).Append(field.Key);
        return string.Join('.', parts);
    }

    private static FormDefinition Sample()
    {
        var yaml = File.ReadAllText(Path.Combine(SaasAppFactory.RepositoryRoot, "tenants", "nuernberg", "forms", "verlaengerung-beschaeftigung.yaml"));
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return FormDefinition.Read("verlaengerung-beschaeftigung", Json(stream.Documents[0].RootNode)!["spec"]!);
    }

    /// <summary>YAML as the platform reads it: plain true/false and numbers typed, everything else text.</summary>
    private static JsonNode? Json(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Json(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Json)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } flag => JsonValue.Create(flag.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain } plain when decimal.TryParse(plain.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static JsonObject ValidSample() => new()
    {
        ["antragsteller"] = new JsonObject { ["familienname"] = "Mustermann", ["vornamen"] = "Max", ["geburtsdatum"] = "1990-05-17" },
        ["kinder"] = new JsonArray(),
        ["aufenthalt"] = new JsonObject
        {
            ["zweck"] = "beschaeftigung",
            ["arbeitgeber"] = "Muster GmbH",
            ["bruttogehalt"] = "3500,00",
            ["arbeitsvertrag"] = new JsonObject { ["evidence"] = ContractId.ToString(), ["name"] = "vertrag.pdf", ["contentType"] = "application/pdf", ["bytes"] = 120_000 },
            ["einverstanden"] = "on",
        },
    };
}
