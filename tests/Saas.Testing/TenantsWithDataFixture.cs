using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Metadata;

namespace Saas.Testing;

/// <summary>
/// Two authorities with users and real published organisation documents, each carrying a marker that must
/// never show up in the other authority's answers.
/// </summary>
public class TenantsWithDataFixture : TwoTenantsFixture
{
    public string MarkerA { get; } = "MARKER-A-" + Guid.NewGuid().ToString("N")[..8];

    public string MarkerB { get; } = "MARKER-B-" + Guid.NewGuid().ToString("N")[..8];

    public const string LocationKey = "hauptstelle";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var importer = App.Services.GetRequiredService<MetadataImporter>();
        await importer.ImportAsync(WriteFolder(A.Key, MarkerA), "test");
        await importer.ImportAsync(WriteFolder(B.Key, MarkerB), "test");
    }

    public static string LocationYaml(string marker) => $"""
        kind: location
        key: {LocationKey}
        spec:
          name: Hauptstelle {marker}
          address: {"{"} street: Markerweg 1, postalCode: "52062", city: Aachen {"}"}
          openingHours: {"{"} monday: ["08:00-12:00"] {"}"}
        """;

    private string WriteFolder(string key, string marker)
    {
        var folder = Path.Combine(UsersFolder, "import", key);
        Directory.CreateDirectory(Path.Combine(folder, "locations"));
        File.WriteAllText(Path.Combine(folder, "tenant.yaml"), $"""
            kind: tenant
            key: {key}
            spec:
              name: Behörde {marker}
              officialKey: "05334000"
              federalState: NW
              hosts: ["{key}.test.localhost"]
              modules: [organization, cases]
            """);
        File.WriteAllText(Path.Combine(folder, "locations", "hauptstelle.yaml"), LocationYaml(marker));
        File.WriteAllText(Path.Combine(folder, "unit.yaml"), $"kind: unit\nkey: 30-20\nspec:\n  code: \"30.20\"\n  name: Einheit {marker}\n");
        File.WriteAllText(Path.Combine(folder, "ranges.yaml"), $"kind: surname-ranges\nkey: 30-20\nspec:\n  unit: \"30.20\"\n  ranges:\n    - {{ from: A, to: Z, caseworker: cw-{key} }}\n");
        return folder;
    }
}
