using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Saas.Platform.Metadata;

/// <summary>
/// Changes single scalar values of a stored YAML document in place (the operator sets a new authority's name, official
/// key and federal state; its key, hosts and modules go through <see cref="TenantIdentity.Rewrite"/>): the rest of the text — comments, order, quoting, blank lines — stays byte for byte, so the history and
/// the export show exactly the change. Only documents that already validated are edited (bounded by the parser).
/// </summary>
internal static class YamlValueEdit
{
    /// <summary>Replaces the scalar at a path of mapping keys (<c>key</c>, <c>spec.name</c>) with a string.</summary>
    public static string SetString(string yaml, string path, string value) =>
        Replace(yaml, path, node => node is YamlScalarNode, " " + Quote(value));

    private static string Replace(string yaml, string path, Func<YamlNode, bool> expected, string replacement)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (YamlDocumentParser.TooDeep(yaml, YamlDocumentParser.MaxNesting) is not null)
        {
            throw new InvalidOperationException("The document is nested too deep to edit.");
        }

        // The node tree says what is there; the events say exactly where it ends (a node's own End is its start for
        // collections).
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var names = path.Split('.');
        var node = stream.Documents.Single().RootNode;
        for (var i = 0; i < names.Length; i++)
        {
            var mapping = node as YamlMappingNode ?? throw new InvalidOperationException($"'{path}' does not lead through mappings.");
            var entry = mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == names[i]);
            if (entry.Key is null)
            {
                throw new InvalidOperationException($"The document has no '{path}'.");
            }

            node = entry.Value;
            if (i == names.Length - 1)
            {
                if (!expected(node))
                {
                    throw new InvalidOperationException($"'{path}' is not of the kind expected.");
                }

                var from = (int)entry.Key.End.Index;
                var to = EndOf(yaml, (int)node.Start.Index);
                var colon = yaml.IndexOf(':', from);
                if (colon < 0 || colon > to)
                {
                    throw new InvalidOperationException($"'{path}' is not a block mapping entry.");
                }

                // A block sequence ends where the next key begins: the line break and indentation before it stay.
                var old = yaml[colon..to];
                var kept = old[old.TrimEnd().Length..];
                return yaml[..colon] + ":" + replacement + kept + yaml[to..];
            }
        }

        throw new InvalidOperationException($"The document has no '{path}'.");
    }

    /// <summary>Where the node that starts at <paramref name="start"/> ends, from the parser's events.</summary>
    private static int EndOf(string yaml, int start)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = -1;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            if (depth < 0)
            {
                if (current.Start.Index != start || current is MappingEnd or SequenceEnd)
                {
                    continue;
                }

                if (current is Scalar or AnchorAlias)
                {
                    return (int)current.End.Index;
                }

                depth = 0;
            }

            switch (current)
            {
                case MappingStart or SequenceStart:
                    depth++;
                    break;
                case MappingEnd or SequenceEnd:
                    if (--depth == 0)
                    {
                        // A flow collection's end event stands on its closing bracket, not behind it.
                        var end = (int)current.End.Index;
                        return end < yaml.Length && yaml[end] is ']' or '}' ? end + 1 : end;
                    }

                    break;
            }
        }

        throw new InvalidOperationException("The node's end was not found.");
    }

    /// <summary>A YAML double-quoted scalar: backslash, quote and control characters escaped, the rest as it is.</summary>
    private static string Quote(string value)
    {
        var text = new StringBuilder("\"", value.Length + 2);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '"' => text.Append("\\\""),
                < ' ' or '\u007f' => text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }
}
