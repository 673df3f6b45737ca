using Saas.Platform.Metadata;

namespace Saas.Platform.Tests.Metadata;

/// <summary>The operator's in-place edits of a profile: only the value changes, every other byte stays.</summary>
public sealed class YamlValueEditTests
{
    private const string Profile = """
        # Kommentar bleibt.
        kind: tenant
        key: vorlage
        spec:
          name: Vorlage   # auch dieser
          officialKey: "00000000"
          hosts:
            - a.example.de
            - b.example.de
          modules: [organization, cases]
          languages: [de, en]

        """;

    [Fact]
    public void AScalar_IsReplaced_AndItsCommentStays()
    {
        var edited = YamlValueEdit.SetString(Profile, "spec.name", "Landkreis \"Süd\"");
        edited.ShouldBe(Profile.Replace("  name: Vorlage   # auch dieser", "  name: \"Landkreis \\\"Süd\\\"\"   # auch dieser", StringComparison.Ordinal));
    }

    [Fact]
    public void ABlockSequence_BecomesAFlowSequence_AndTheNextKeyStaysWhereItWas()
    {
        var edited = YamlValueEdit.SetStrings(Profile, "spec.hosts", ["c.example.de"]);
        edited.ShouldBe(Profile.Replace("  hosts:\n    - a.example.de\n    - b.example.de\n", "  hosts: [\"c.example.de\"]\n", StringComparison.Ordinal));
    }

    [Fact]
    public void AFlowSequence_IsReplaced_AndAnEmptyListIsWrittenAsSuch()
    {
        var edited = YamlValueEdit.SetStrings(Profile, "spec.modules", []);
        edited.ShouldBe(Profile.Replace("  modules: [organization, cases]", "  modules: []", StringComparison.Ordinal));
        YamlValueEdit.SetStrings(edited, "spec.modules", ["organization"]).ShouldBe(Profile.Replace("[organization, cases]", "[\"organization\"]", StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingEntry_IsAddedBehindTheMappingsLastValue_IndentedLikeItsKeys()
    {
        var edited = YamlValueEdit.SetStrings(Profile, "spec.regions", ["x"]);
        edited.ShouldBe(Profile.Replace("  languages: [de, en]\n", "  languages: [de, en]\n  regions: [\"x\"]\n", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryEditOfTheTemplatesProfile_StillParses()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "tenants", "_templates", "auslaenderbehoerde", "tenant.yaml");
        var yaml = File.ReadAllText(path);
        yaml = YamlValueEdit.SetString(yaml, "key", "neu");
        yaml = YamlValueEdit.SetString(yaml, "spec.name", "Landkreis Neu");
        yaml = YamlValueEdit.SetString(yaml, "spec.officialKey", "09123000");
        yaml = YamlValueEdit.SetString(yaml, "spec.federalState", "BY");
        yaml = YamlValueEdit.SetStrings(yaml, "spec.hosts", ["neu.example.de"]);
        yaml = YamlValueEdit.SetStrings(yaml, "spec.modules", ["organization"]);
        var errors = new List<MetadataError>();
        YamlDocumentParser.Parse("tenant.yaml", yaml, errors).ShouldNotBeNull(string.Join("; ", errors) + "\n" + yaml);
    }
}
