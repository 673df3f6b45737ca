using System.Globalization;
using Saas.Platform.Modules;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Organization.Features.Samples;

/// <summary>
/// The authority's organisation as published configuration, each document carrying the marker: its profile (the
/// tenant document, with the modules and hosts the authority has now), a location in two published versions, a
/// unit and its surname ranges. Saved and published through the metadata store, as the admin studio does.
/// </summary>
internal sealed class OrganizationSamples(IMetadataStore store, ICurrentTenant currentTenant, TimeProvider clock) : IModuleSamples
{
    public const string LocationKey = "hauptstelle";

    public const string Unit = "30.20";

    public string Module => OrganizationModule.ModuleName;

    public async Task<ModuleSampleValues> CreateAsync(string marker, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        var tenant = currentTenant.Tenant ?? throw new InvalidOperationException("Samples are made inside an authority's scope.");
        await SaveAsync($"""
            kind: tenant
            key: {tenant.Key}
            spec:
              name: Behörde {marker}
              officialKey: "05334000"
              federalState: NW
              hosts: [{string.Join(", ", tenant.Hosts)}]
              modules: [{string.Join(", ", tenant.EnabledModules.Order(StringComparer.Ordinal))}]
            """, ct);
        await SaveAsync(LocationYaml($"Hauptstelle {marker}"), ct);
        await SaveAsync($"kind: unit\nkey: 30-20\nspec:\n  code: \"{Unit}\"\n  name: Einheit {marker}\n", ct);
        await SaveAsync($"kind: surname-ranges\nkey: 30-20\nspec:\n  unit: \"{Unit}\"\n  ranges:\n    - {{ from: A, to: Z, caseworker: sachbearbeitung-{marker.ToLowerInvariant()} }}\n", ct);
        await store.PublishAsync(null, "samples", ct);
        // A second version of the location, so that its history and diff have two versions to show.
        await SaveAsync(LocationYaml($"Hauptstelle {marker} (neu)"), ct);
        await store.PublishAsync(null, "samples", ct);

        return new ModuleSampleValues()
            .Add("/api/organization/locations", "key", LocationKey)
            .Add("/api/organization/responsible", "unit", Unit)
            .Add("/api/organization/responsible", "surname", "Muster")
            .Add("/api/organization/holidays", "year", clock.GetUtcNow().Year.ToString(CultureInfo.InvariantCulture));
    }

    private static string LocationYaml(string name) => $"""
        kind: location
        key: {LocationKey}
        spec:
          name: {name}
          address: {"{"} street: Markerweg 1, postalCode: "52062", city: Aachen {"}"}
          openingHours: {"{"} monday: ["08:00-12:00"] {"}"}
          counters: [{"{"} key: s1, name: Schalter 1, kind: front-office {"}"}]
          services: [residence-permit]
        """;

    private Task<MetadataDocument> SaveAsync(string yaml, CancellationToken ct) => store.SaveDraftAsync(yaml, "samples", null, ct);
}
