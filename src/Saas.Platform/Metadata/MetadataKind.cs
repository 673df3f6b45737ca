namespace Saas.Platform.Metadata;

/// <summary>
/// A kind of configuration document (form, fee schedule, location, ...), registered by the module that owns it
/// with a JSON Schema and an optional validator for rules a schema cannot say.
/// </summary>
/// <param name="Name">The <c>kind:</c> value in YAML, e.g. <c>location</c>.</param>
/// <param name="Module">The owning module's name.</param>
/// <param name="JsonSchema">JSON Schema (draft 2020-12 subset NJsonSchema understands) of the document's <c>spec</c>.</param>
public sealed record MetadataKind(string Name, string Module, string JsonSchema)
{
    /// <summary>Checks beyond the schema; returns errors with a JSON path inside the document's spec.</summary>
    public Func<JsonNode, IEnumerable<MetadataRuleError>>? Validate { get; init; }

    /// <summary>
    /// Checks that need the document's text as well (a process's expressions, whose errors are located inside a YAML
    /// scalar); runs after <see cref="Validate"/>, only when the schema holds.
    /// </summary>
    public Func<MetadataRuleContext, IEnumerable<MetadataRuleError>>? ValidateDocument { get; init; }

    /// <summary>
    /// The owning module's page that shows a published document of this kind (a process as its diagram), relative to
    /// the authority's address, with <c>{key}</c> for the document's key: <c>admin/processes/{key}</c>. The studio links
    /// to it from the document's tabs; null when the kind has no such page.
    /// </summary>
    public string? ViewPage { get; init; }

    /// <summary>The text key of the link to <see cref="ViewPage"/> ("Als Diagramm ansehen"), in the owning module's texts.</summary>
    public string? ViewText { get; init; }

    /// <summary><see cref="ViewPage"/> for one document, its key escaped; null when the kind has no page.</summary>
    public string? ViewPageOf(string key) => ViewPage?.Replace("{key}", Uri.EscapeDataString(key), StringComparison.Ordinal);
}

/// <summary>
/// What a kind's document rules see: the parsed spec, the document's text, and where a spec path (<c>$.states[2].key</c>)
/// stands in that text (its key's line and column, 1-based, as YamlDotNet marks a node; null when not found), and where
/// the value at that path starts (<see cref="LocateValue"/>: a scalar's first character or quote, as
/// <c>ExpressionSource.InYaml</c> wants it).
/// </summary>
public sealed record MetadataRuleContext(JsonNode Spec, string Yaml, Func<string, (int? Line, int? Column)> Locate, Func<string, (int? Line, int? Column)> LocateValue);

/// <summary>
/// An error from a kind's own validator: where in the spec (JSON path like <c>$.counters[2]</c>) and what — a text of
/// the catalogue (<see cref="Text"/>), written out in the validating person's language as <see cref="Message"/>.
/// </summary>
public sealed record MetadataRuleError(string Path, string Message)
{
    public MetadataRuleError(string path, LocalizedText text) : this(path, TextCatalog.Shared.Format(text)) => Text = text;

    public LocalizedText? Text { get; init; }

    /// <summary>Where in the file, when the rule knows better than the path's node (an error inside an expression).</summary>
    public int? Line { get; init; }

    public int? Column { get; init; }
}

public interface IMetadataKindRegistry
{
    void Add(MetadataKind kind);

    MetadataKind? Find(string name);

    IReadOnlyCollection<MetadataKind> All { get; }
}

internal sealed class MetadataKindRegistry : IMetadataKindRegistry
{
    private readonly Dictionary<string, MetadataKind> kinds = new(StringComparer.Ordinal);

    public IReadOnlyCollection<MetadataKind> All => kinds.Values;

    public void Add(MetadataKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!kinds.TryAdd(kind.Name, kind))
        {
            throw new InvalidOperationException($"Metadata kind '{kind.Name}' is registered twice ({kinds[kind.Name].Module} and {kind.Module}).");
        }
    }

    public MetadataKind? Find(string name) => kinds.GetValueOrDefault(name);
}
