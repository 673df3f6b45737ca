using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Saas.Platform.Metadata;

/// <summary>A document as read from YAML: its envelope, its spec as JSON, and where each JSON path stands in the file.</summary>
internal sealed record ParsedDocument(string File, string Kind, string Key, JsonNode Spec, string Yaml, IReadOnlyDictionary<string, Mark> Marks)
{
    /// <summary>Where the value at a path starts (a scalar's first character or its quote), not its key.</summary>
    public (int? Line, int? Column) LocateValue(string path) =>
        Marks.TryGetValue(path + YamlDocumentParser.ValueMark, out var mark) ? ((int)mark.Line, (int)mark.Column) : Locate(path);

    public (int? Line, int? Column) Locate(string path)
    {
        // Walk up to the nearest located ancestor: a missing property is reported where its parent stands.
        var current = path;
        while (true)
        {
            if (Marks.TryGetValue(current, out var mark))
            {
                return ((int)mark.Line, (int)mark.Column);
            }

            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0)
            {
                return (null, null);
            }

            current = current[..cut];
        }
    }
}

/// <summary>
/// Parses one YAML configuration file strictly: exactly <c>kind</c>, <c>key</c> and <c>spec</c> at the top, scalars
/// typed by the YAML 1.2 core schema (quoted scalars are always text), with size and alias limits against YAML
/// bombs. Every error names the file, the path inside it, and line and column.
/// </summary>
internal static class YamlDocumentParser
{
    /// <summary>Suffix of a mark where a node's value starts (the plain path marks its key, where errors point).</summary>
    internal const string ValueMark = "@";

    public const int MaxBytes = 1024 * 1024;

    /// <summary>Nesting of mappings and sequences a file may have, counting the top-level mapping (spec's values get 64).</summary>
    public const int MaxNesting = 66;
    private const int MaxNodes = 100_000;
    private static readonly HashSet<string> Envelope = ["kind", "key", "spec"];

    /// <summary>Parses strictly: the document, or null with every error added.</summary>
    public static ParsedDocument? Parse(string file, string yaml, List<MetadataError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var (document, _) = ParseDraft(file, yaml, errors);
        return errors.Count > before ? null : document;
    }

    /// <summary>
    /// Parses as the admin studio keeps drafts: the document whenever it names its kind and key and the text is YAML
    /// within the limits, with every other error added beside it (an unknown top-level key, a key twice, no spec).
    /// <c>Refused</c> is true, and the document null, for text that is not YAML, breaks a limit (size, nesting,
    /// values after aliases) or names no kind or key: such text cannot be kept as a draft of any document.
    /// </summary>
    public static (ParsedDocument? Document, bool Refused) ParseDraft(string file, string yaml, List<MetadataError> errors)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(errors);
        if (System.Text.Encoding.UTF8.GetByteCount(yaml) > MaxBytes)
        {
            errors.Add(new MetadataError(file, "$", null, null, LocalizedText.Of("platform.metadata.file-too-large", ("kib", MaxBytes / 1024))));
            return (null, true);
        }

        var stream = new YamlStream();
        try
        {
            // YamlStream builds its node tree recursively: a file nested 50,000 deep overflows the stack and ends the
            // process (Hardening item 1). The event parser is iterative, so the depth is counted there first.
            if (TooDeep(yaml, MaxNesting) is { } mark)
            {
                errors.Add(new MetadataError(file, "$", (int)mark.Line, (int)mark.Column,
                    LocalizedText.Of("platform.metadata.too-deep", ("levels", MaxNesting))));
                return (null, true);
            }

            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            errors.Add(new MetadataError(file, "$", (int)ex.Start.Line, (int)ex.Start.Column, LocalizedText.Of("platform.metadata.invalid-yaml", ("reason", Clean(ex.Message)))));
            return (null, true);
        }

        if (stream.Documents.Count != 1)
        {
            errors.Add(new MetadataError(file, "$", null, null, LocalizedText.Of("platform.metadata.document-count", ("count", stream.Documents.Count))));
            return (null, true);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var start = stream.Documents[0].RootNode.Start;
            errors.Add(new MetadataError(file, "$", (int)start.Line, (int)start.Column, new LocalizedText("platform.metadata.mapping-expected")));
            return (null, true);
        }

        var before = errors.Count;
        var marks = new Dictionary<string, Mark>(StringComparer.Ordinal) { ["$"] = root.Start };
        string? kind = null, key = null;
        var keyValid = false;
        JsonNode? spec = null;
        var budget = new ConversionBudget(MaxNodes);
        foreach (var (nameNode, valueNode) in root.Children)
        {
            var name = (nameNode as YamlScalarNode)?.Value ?? "";
            var path = "$." + name;
            marks[path] = nameNode.Start;
            if (!Envelope.Contains(name))
            {
                errors.Add(new MetadataError(file, path, (int)nameNode.Start.Line, (int)nameNode.Start.Column,
                    LocalizedText.Of("platform.metadata.unknown-top-level-key", ("name", name))));
                continue;
            }

            switch (name)
            {
                case "kind":
                    kind = ScalarText(file, path, valueNode, errors);
                    break;
                case "key":
                    key = ScalarText(file, path, valueNode, errors);
                    keyValid = key is not null && IsSlug(key);
                    if (key is not null && !keyValid)
                    {
                        errors.Add(new MetadataError(file, path, (int)valueNode.Start.Line, (int)valueNode.Start.Column,
                            new LocalizedText("platform.metadata.key-format")));
                    }

                    break;
                case "spec":
                    spec = Convert(file, "$.spec", valueNode, marks, errors, budget, 0);
                    break;
            }
        }

        foreach (var required in Envelope)
        {
            var present = required switch { "kind" => kind, "key" => key, _ => spec is null ? null : "x" };
            if (present is null && !errors.Skip(before).Any(e => e.Path == "$." + required))
            {
                errors.Add(new MetadataError(file, "$." + required, (int)root.Start.Line, (int)root.Start.Column, LocalizedText.Of("platform.metadata.required-key-missing", ("name", required))));
            }
        }

        if (budget.Exceeded || kind is null || key is null || !keyValid)
        {
            return (null, true);
        }

        // A draft without a spec (or with "spec:" and nothing after it) keeps an empty one beside its error.
        return (new ParsedDocument(file, kind, key, spec ?? new JsonObject(), yaml, marks), false);
    }

    /// <summary>How many values a document may still have after aliases are expanded, and whether it ran out.</summary>
    private sealed class ConversionBudget(int values)
    {
        public int Remaining { get; set; } = values;

        public bool Exceeded { get; set; }
    }

    /// <summary>
    /// Where the YAML text first opens a mapping or sequence deeper than <paramref name="maxNesting"/>, or null.
    /// Reads events only (no node tree), so any depth is safe to count; syntax errors throw <see cref="YamlException"/>.
    /// </summary>
    internal static Mark? TooDeep(string yaml, int maxNesting)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    if (++depth > maxNesting)
                    {
                        return parser.Current.Start;
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }

    internal static bool IsSlug(string value) =>
        value.Length is > 0 and <= 63 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.')
        && char.IsAsciiLetterOrDigit(value[0]);

    private static string? ScalarText(string file, string path, YamlNode node, List<MetadataError> errors)
    {
        if (node is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
        {
            return scalar.Value;
        }

        errors.Add(new MetadataError(file, path, (int)node.Start.Line, (int)node.Start.Column, new LocalizedText("platform.metadata.text-value-expected")));
        return null;
    }

    private static JsonNode? Convert(string file, string path, YamlNode node, Dictionary<string, Mark> marks, List<MetadataError> errors, ConversionBudget budget, int depth)
    {
        marks.TryAdd(path, node.Start);
        marks[path + ValueMark] = node.Start;
        if (--budget.Remaining < 0 || depth > 64)
        {
            if (!budget.Exceeded)
            {
                budget.Exceeded = true;
                errors.Add(new MetadataError(file, path, (int)node.Start.Line, (int)node.Start.Column,
                    LocalizedText.Of("platform.metadata.too-many-values", ("values", MaxNodes))));
            }

            return null;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (nameNode, valueNode) in mapping.Children)
                {
                    var name = (nameNode as YamlScalarNode)?.Value;
                    if (name is null)
                    {
                        errors.Add(new MetadataError(file, path, (int)nameNode.Start.Line, (int)nameNode.Start.Column, new LocalizedText("platform.metadata.key-not-text")));
                        continue;
                    }

                    var childPath = path + "." + name;
                    if (obj.ContainsKey(name))
                    {
                        errors.Add(new MetadataError(file, childPath, (int)nameNode.Start.Line, (int)nameNode.Start.Column, LocalizedText.Of("platform.metadata.key-twice", ("name", name))));
                        continue;
                    }

                    marks[childPath] = nameNode.Start;
                    obj[name] = Convert(file, childPath, valueNode, marks, errors, budget, depth + 1);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var i = 0;
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(file, $"{path}[{i++}]", item, marks, errors, budget, depth + 1));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                errors.Add(new MetadataError(file, path, (int)node.Start.Line, (int)node.Start.Column, new LocalizedText("platform.metadata.unsupported-node")));
                return null;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        // YAML 1.2 core schema for plain scalars.
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) && !HasLeadingZero(text))
        {
            return JsonValue.Create(integer);
        }

        if (text.Any(char.IsDigit) && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number) && !HasLeadingZero(text))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    // "053721" (a postal code) stays text, as people mean it.
    private static bool HasLeadingZero(string text)
    {
        var digits = text.TrimStart('-', '+');
        return digits.Length > 1 && digits[0] == '0' && digits[1] != '.';
    }

    private static string Clean(string message)
    {
        var paren = message.IndexOf("): ", StringComparison.Ordinal);
        return paren >= 0 ? message[(paren + 3)..] : message;
    }
}
