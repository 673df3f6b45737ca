using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Saas.Platform.Metadata;

/// <summary>
/// What of a tenant document belongs to the authority rather than to its admins: its key (the authority's own) and
/// its hosts and modules (set by the platform operator, projected into the tenant registry). An admin's draft that
/// changes hosts or modules keeps a located error and cannot be published; an imported configuration gets the
/// receiving authority's key, hosts and modules written into its text.
/// </summary>
internal static class TenantIdentity
{
    /// <summary>A located error when a tenant document names another authority than <paramref name="tenantKey"/>.</summary>
    public static MetadataError? KeyError(ParsedDocument document, string tenantKey)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Kind != TenantKind.Name || document.Key == tenantKey)
        {
            return null;
        }

        var (line, column) = document.Locate("$.key");
        return new MetadataError(document.File, "$.key", line, column, LocalizedText.Of("platform.metadata.tenant-key-current", ("key", tenantKey)));
    }

    /// <summary>Located errors where a tenant document's hosts or modules differ from what the registry gives the authority.</summary>
    public static IEnumerable<MetadataError> RegistryErrors(ParsedDocument document, TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(tenant);
        if (document.Kind != TenantKind.Name)
        {
            yield break;
        }

        var hosts = Texts(document.Spec["hosts"]).Select(h => h.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        if (!hosts.SetEquals(tenant.Hosts.Select(h => h.ToLowerInvariant())))
        {
            var (line, column) = document.Locate("$.spec.hosts");
            yield return new MetadataError(document.File, "$.spec.hosts", line, column,
                LocalizedText.Of("platform.metadata.tenant.hosts-by-operator", ("hosts", List(tenant.Hosts))));
        }

        if (!Texts(document.Spec["modules"]).ToHashSet(StringComparer.Ordinal).SetEquals(tenant.EnabledModules))
        {
            var (line, column) = document.Locate("$.spec.modules");
            yield return new MetadataError(document.File, "$.spec.modules", line, column,
                LocalizedText.Of("platform.metadata.tenant.modules-by-operator", ("modules", List(tenant.EnabledModules.Order(StringComparer.Ordinal)))));
        }
    }

    /// <summary>
    /// The text of a (valid, bounded) tenant document with its key, hosts and modules replaced by the given ones;
    /// every other byte, comments included, stays. Hosts and modules are written as flow lists; a list the text did not
    /// have is added as the spec's first entry.
    /// </summary>
    public static string Rewrite(string yaml, string key, IReadOnlyList<string> hosts, IReadOnlyList<string> modules)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(modules);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var edits = new List<(int Start, int End, string Text)>();
        var keyNode = Value(root, "key") ?? throw new InvalidOperationException("A tenant document without key cannot be rewritten.");
        edits.Add(((int)keyNode.Value.Start.Index, (int)keyNode.Value.End.Index, key));

        var spec = Value(root, "spec")?.Value as YamlMappingNode ?? throw new InvalidOperationException("A tenant document without spec cannot be rewritten.");
        var missing = new List<string>();
        foreach (var (name, values) in new[] { ("hosts", hosts), ("modules", modules) })
        {
            var list = "[" + string.Join(", ", values) + "]";
            if (Value(spec, name) is { } entry)
            {
                // From the end of the key's name to the end of its value: ": [a, b]" replaces a flow or a block list.
                edits.Add(((int)entry.Name.End.Index, ValueEnd(yaml, entry.Value), ": " + list));
            }
            else if (values.Count > 0)
            {
                missing.Add($"{name}: {list}");
            }
        }

        if (missing.Count > 0)
        {
            var first = spec.Children.First().Key;
            var separator = spec.Style == MappingStyle.Flow ? ", " : "\n" + new string(' ', (int)first.Start.Column - 1);
            var at = (int)first.Start.Index;
            edits.Add((at, at, string.Concat(missing.Select(m => m + separator))));
        }

        var text = new StringBuilder(yaml);
        foreach (var (start, end, replacement) in edits.OrderByDescending(e => e.Start))
        {
            text.Remove(start, end - start).Insert(start, replacement);
        }

        return text.ToString();
    }

    /// <summary>
    /// Where a value ends in the text. A scalar's end mark is exact; a list's is not (the representation model gives a
    /// flow list the end of its opening bracket), so a list ends after its last item, and a flow list at the ']' that
    /// follows (hosts and modules are plain names, which hold no bracket).
    /// </summary>
    private static int ValueEnd(string yaml, YamlNode value)
    {
        if (value is not YamlSequenceNode sequence)
        {
            return (int)value.End.Index;
        }

        var last = sequence.Children.Count > 0 ? (int)sequence.Children[^1].End.Index : (int)sequence.Start.Index;
        if (sequence.Style != SequenceStyle.Flow)
        {
            return last;
        }

        var close = yaml.IndexOf(']', last);
        return close < 0 ? last : close + 1;
    }

    private static (YamlNode Name, YamlNode Value)? Value(YamlMappingNode mapping, string name)
    {
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } text } && text == name)
            {
                return (key, value);
            }
        }

        return null;
    }

    private static IEnumerable<string> Texts(JsonNode? list) =>
        list is JsonArray array ? array.Select(v => v?.ToString() ?? "") : [];

    private static string List(IEnumerable<string> values)
    {
        var text = string.Join(", ", values);
        return text.Length == 0 ? "–" : text;
    }
}
