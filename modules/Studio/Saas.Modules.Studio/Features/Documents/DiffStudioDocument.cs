using System.Text.RegularExpressions;

namespace Saas.Modules.Studio.Features.Documents;

/// <summary>Two versions of a document to compare; without versions, the published version against the open draft.</summary>
internal sealed record DiffStudioDocumentRequest(string Kind, string Key, int? From = null, int? To = null);

/// <summary>One field of the comparison: its JSON path, the label path its text is found by, and both values (null: not there).</summary>
internal sealed record FieldChange(string Path, string LabelPath, string? Before, string? After)
{
    public bool Changed => Before != After;
}

internal sealed record StudioDiff(StudioKind Kind, string Key, MetadataDocument? Before, MetadataDocument After, IReadOnlyList<FieldChange> Fields, string Unified);

/// <summary>
/// A document's versions side by side, field by field (every leaf of both specs, in the order they appear), and as a
/// unified diff of the YAML text. A version the document does not have is 404 (<c>studio-version-not-found</c>).
/// </summary>
internal sealed partial class DiffStudioDocument(IMetadataStore store, StudioKinds kinds)
{
    public async Task<StudioDiff> ExecuteAsync(DiffStudioDocumentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = kinds.Get(request.Kind);
        var history = await store.GetHistoryAsync(request.Kind, request.Key, ct);
        if (history.Count == 0)
        {
            throw StudioProblems.DocumentNotFound(request.Kind, request.Key);
        }

        var after = request.To is { } to
            ? history.FirstOrDefault(v => v.Version == to) ?? throw StudioProblems.VersionNotFound(request.Kind, request.Key, to)
            : history.FirstOrDefault(v => v.State == MetadataState.Draft) ?? history[0];
        var before = request.From is { } from
            ? history.FirstOrDefault(v => v.Version == from) ?? throw StudioProblems.VersionNotFound(request.Kind, request.Key, from)
            : history.FirstOrDefault(v => v.State == MetadataState.Published && v.Version != after.Version);
        return Compare(kind, request.Key, before, after);
    }

    public static StudioDiff Compare(StudioKind kind, string key, MetadataDocument? before, MetadataDocument after)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(after);
        var left = Leaves(before?.Spec);
        var right = Leaves(after.Spec);
        var paths = left.Keys.Concat(right.Keys).Distinct(StringComparer.Ordinal).ToList();
        var fields = paths.Select(p => new FieldChange(p, LabelPath(p), left.GetValueOrDefault(p), right.GetValueOrDefault(p))).ToList();
        var unified = LineDiff.Unified(before?.Yaml ?? "", after.Yaml,
            before is null ? "–" : $"{kind.Name}/{key} v{before.Version}", $"{kind.Name}/{key} v{after.Version}");
        return new StudioDiff(kind, key, before, after, fields, unified);
    }

    /// <summary>Every scalar of a spec by its JSON path (<c>$.spec.counters[1].name</c>); empty lists and objects count as values.</summary>
    public static Dictionary<string, string> Leaves(JsonNode? spec)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(spec, "$.spec", leaves);
        return leaves;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string> leaves)
    {
        switch (node)
        {
            case null:
                return;
            case JsonObject { Count: > 0 } obj:
                foreach (var (name, child) in obj)
                {
                    Walk(child, path + "." + name, leaves);
                }

                break;
            case JsonArray { Count: > 0 } array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], Editors.FormFlattener.Item(path, i), leaves);
                }

                break;
            default:
                leaves[path] = Editors.FormFlattener.Scalar(node);
                break;
        }
    }

    /// <summary><c>$.spec.counters[1].name</c> → <c>counters.name</c>, the path a field's label is found by.</summary>
    public static string LabelPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Index().Replace(path.StartsWith("$.spec.", StringComparison.Ordinal) ? path[7..] : "", "");
    }

    [GeneratedRegex(@"\[[0-9]+\]")]
    private static partial Regex Index();
}
