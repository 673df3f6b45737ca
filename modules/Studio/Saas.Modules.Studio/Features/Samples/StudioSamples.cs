namespace Saas.Modules.Studio.Features.Samples;

/// <summary>
/// A document the studio's routes address for the cross-tenant matrix (docs/adr/0013): a unit <c>studio-probe</c>
/// published once and then changed in an open draft, both carrying the marker, so the list, editor, history, diff,
/// preview and export of the authority show it. Saved through the metadata store, as every kind's documents are.
/// </summary>
internal sealed class StudioSamples(IMetadataStore store) : IModuleSamples
{
    public const string Kind = "unit";

    public const string Key = "studio-probe";

    public string Module => StudioModule.ModuleName;

    public async Task<ModuleSampleValues> CreateAsync(string marker, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        await store.SaveDraftAsync(Yaml($"Studio {marker}"), "samples", null, ct);
        await store.PublishAsync([(Kind, Key)], "samples", ct);
        await store.SaveDraftAsync(Yaml($"Studio {marker} (Entwurf)"), "samples", null, ct);
        return new ModuleSampleValues()
            .Add("/api/studio/documents", "kind", Kind)
            .Add("/api/studio/documents", "key", Key)
            .Add("/api/studio/documents", "from", 1)
            .Add("/api/studio/documents", "to", 2)
            .Add("/api/studio/documents", "version", 1)
            .Add("/api/studio/documents", "basedOn", 2)
            .Add("/api/studio/documents", "$body", Yaml($"Studio {marker} (API)"))
            .Add("/api/studio/import", "$body", "PK")
            .Add("/admin/studio", "kind", Kind)
            .Add("/admin/studio", "key", Key)
            .Add("/admin/studio", "from", 1)
            .Add("/admin/studio", "to", 2);
    }

    private static string Yaml(string name) => $"kind: {Kind}\nkey: {Key}\nspec:\n  code: \"99.99\"\n  name: {name}\n";
}
