using Saas.Platform.Metadata;

namespace Saas.Platform.Tests.Metadata;

/// <summary>The operator's in-place edits of a profile's scalars: only the value changes, every other byte stays.</summary>
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
    public void EveryEditOfTheTemplatesProfile_StillParses()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "tenants", "_templates", "auslaenderbehoerde", "tenant.yaml");
        var yaml = File.ReadAllText(path);
        yaml = TenantIdentity.Rewrite(yaml, "neu", ["neu.example.de"], ["organization"]);
        yaml = YamlValueEdit.SetString(yaml, "spec.name", "Landkreis Neu");
        yaml = YamlValueEdit.SetString(yaml, "spec.officialKey", "09123000");
        yaml = YamlValueEdit.SetString(yaml, "spec.federalState", "BY");
        var errors = new List<MetadataError>();
        YamlDocumentParser.Parse("tenant.yaml", yaml, errors).ShouldNotBeNull(string.Join("; ", errors) + "\n" + yaml);
    }
}
