using System.Collections.Concurrent;

namespace Saas.Modules.Studio.Features.Editors;

/// <summary>A registered kind with its schema read into fields (once per kind and host).</summary>
internal sealed record StudioKind(MetadataKind Kind, SchemaField Root)
{
    public string Name => Kind.Name;
}

/// <summary>
/// Every kind the host registers (<see cref="IMetadataKindRegistry"/>: the kernel's tenant kind and each module's), as
/// the studio edits them; a kind a later module registers appears here without a line of studio code.
/// </summary>
internal sealed class StudioKinds(IMetadataKindRegistry registry)
{
    private readonly ConcurrentDictionary<string, StudioKind> parsed = new(StringComparer.Ordinal);

    public IReadOnlyList<StudioKind> All => registry.All.OrderBy(k => k.Name, StringComparer.Ordinal).Select(k => Get(k.Name)).ToList();

    /// <summary>The kind, or <c>studio-kind-unknown</c> (404) for a name no module registers.</summary>
    public StudioKind Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var kind = registry.Find(name) ?? throw StudioProblems.UnknownKind(name);
        return parsed.GetOrAdd(kind.Name, _ => new StudioKind(kind, SchemaFields.Parse(kind.JsonSchema)));
    }
}

/// <summary>
/// References between documents (<c>"x-reference": "document-type"</c>, optionally <c>"x-reference-field": "code"</c>):
/// which values a picker offers, and which values of a spec name no document of the authority (a located error the
/// editor shows at the field and that keeps the draft from being published).
/// </summary>
internal static class References
{
    /// <summary>For each referenced kind (and field), the values its documents give, from published versions and drafts.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Options(SchemaField root, IReadOnlyList<MetadataEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(entries);
        var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var field in root.Descendants().Where(f => f.Reference is not null))
        {
            var values = entries.Where(e => e.Kind == field.Reference)
                .SelectMany(e => new[] { e.Published, e.Draft?.Document }.OfType<MetadataDocument>()
                    .Select(d => field.ReferenceField is { } property ? (d.Spec[property] as JsonValue)?.ToString() : d.Key))
                .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            options[field.Reference!] = values;
        }

        return options;
    }

    /// <summary>The values of <paramref name="spec"/> that name no document (besides <c>*</c>, which stands for all).</summary>
    public static IReadOnlyList<MetadataError> Missing(string kind, string key, SchemaField root, JsonNode? spec, IReadOnlyDictionary<string, IReadOnlyList<string>> options)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<MetadataError>();
        Walk(root, "$.spec", spec, (field, path, value) =>
        {
            if (value != "*" && !(options.GetValueOrDefault(field.Reference!) ?? []).Contains(value, StringComparer.Ordinal))
            {
                errors.Add(new MetadataError($"{kind}/{key}", path, null, null,
                    LocalizedText.Of("studio.reference.missing", ("kind", field.Reference), ("value", value))));
            }
        });
        return errors;
    }

    private static void Walk(SchemaField field, string path, JsonNode? value, Action<SchemaField, string, string> reference)
    {
        switch (value)
        {
            case JsonObject obj when field.Type == FieldType.Object:
                foreach (var property in field.Properties)
                {
                    Walk(property, path + "." + property.Name, obj[property.Name], reference);
                }

                break;
            case JsonObject map when field.Type == FieldType.Map:
                foreach (var (name, entry) in map)
                {
                    Walk(field.Items!, path + "." + name, entry, reference);
                }

                break;
            case JsonArray array when field.Type == FieldType.Array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(field.Items!, FormFlattener.Item(path, i), array[i], reference);
                }

                break;
            case JsonValue scalar when field.Reference is not null && scalar.TryGetValue<string>(out var text) && text.Length > 0:
                reference(field, path, text);
                break;
        }
    }
}
