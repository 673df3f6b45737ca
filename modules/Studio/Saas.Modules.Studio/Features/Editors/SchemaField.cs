using System.Text;

namespace Saas.Modules.Studio.Features.Editors;

/// <summary>What a field of a kind's schema is edited as.</summary>
internal enum FieldType
{
    /// <summary>Named properties (<c>properties</c>), each a field of its own.</summary>
    Object,

    /// <summary>A list (<c>items</c>): rows that can be added, removed and moved.</summary>
    Array,

    /// <summary>Free names with values (<c>additionalProperties</c> with a schema): rows of name and value.</summary>
    Map,

    Text,
    Integer,
    Number,
    Boolean,

    /// <summary>One of the schema's <c>enum</c> values, chosen in a select.</summary>
    Choice,

    /// <summary>A scalar of several types (<c>"type": ["string", "number"]</c>): a value and a select of its type.</summary>
    Union,

    /// <summary>Anything the generator does not know (<c>oneOf</c>, <c>$ref</c>, …): edited as JSON in a text area.</summary>
    Raw,
}

/// <summary>
/// One field of a kind's JSON Schema as the studio's editors see it. Made by <see cref="SchemaFields.Parse"/> from the
/// schema every kind registers; the keywords the studio adds to JSON Schema are <c>x-reference</c> (the value is the
/// key, or with <c>x-reference-field</c> a spec field, of a document of that kind: a picker), <c>x-editor</c> (a
/// custom editor from <see cref="CustomEditors"/>) and <c>x-operator-only</c> (shown, but changed only by the platform
/// operator). JSON Schema validators ignore keywords they do not know.
/// </summary>
internal sealed class SchemaField
{
    public required FieldType Type { get; init; }

    /// <summary>The property name, empty for list items and map values.</summary>
    public required string Name { get; init; }

    /// <summary>Where the field's label and help are found: the property names from the spec down, lists left out (<c>counters.key</c>).</summary>
    public required string LabelPath { get; init; }

    public bool Required { get; init; }

    public IReadOnlyList<SchemaField> Properties { get; init; } = [];

    /// <summary>The schema of a list's items or a map's values.</summary>
    public SchemaField? Items { get; init; }

    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The types a <see cref="FieldType.Union"/> may have (<c>string</c>, <c>number</c>, <c>integer</c>, <c>boolean</c>).</summary>
    public IReadOnlyList<string> UnionTypes { get; init; } = [];

    public string? Format { get; init; }

    public string? Pattern { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>A text of several lines (<c>"x-multiline": true</c> in the kind's schema: an address, a paragraph), edited in a text area.</summary>
    public bool Multiline { get; init; }

    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }

    public string? Reference { get; init; }

    public string? ReferenceField { get; init; }

    public string? Editor { get; init; }

    public bool OperatorOnly { get; init; }

    public SchemaField? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);

    /// <summary>Every field below and including this one (list items and map values included).</summary>
    public IEnumerable<SchemaField> Descendants()
    {
        yield return this;
        foreach (var child in Properties.Concat(Items is null ? [] : [Items]))
        {
            foreach (var field in child.Descendants())
            {
                yield return field;
            }
        }
    }
}

/// <summary>Reads a kind's JSON Schema into <see cref="SchemaField"/>s (bounded: 32 levels, the schema is code reviewed with its module).</summary>
internal static class SchemaFields
{
    private const int MaxDepth = 32;

    public static SchemaField Parse(string jsonSchema)
    {
        ArgumentNullException.ThrowIfNull(jsonSchema);
        var root = JsonNode.Parse(jsonSchema) as JsonObject ?? throw new InvalidOperationException("A kind's schema is a JSON object.");
        return Read(root, "", "", required: true, depth: 0);
    }

    private static SchemaField Read(JsonObject schema, string name, string labelPath, bool required, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"The schema is nested deeper than {MaxDepth} levels at '{labelPath}'.");
        }

        var types = schema["type"] switch
        {
            JsonValue v => [v.GetValue<string>()],
            JsonArray a => a.Select(t => t!.GetValue<string>()).ToList(),
            _ => new List<string>(),
        };
        var choices = schema["enum"] is JsonArray values ? values.Select(v => v is JsonValue j ? j.ToString() : "").ToList() : null;
        var common = (Func<FieldType, SchemaField>)(type => new SchemaField
        {
            Type = type,
            Name = name,
            LabelPath = labelPath,
            Required = required,
            Choices = choices ?? [],
            Format = Text(schema, "format"),
            Pattern = Text(schema, "pattern"),
            MinLength = Int(schema, "minLength"),
            MaxLength = Int(schema, "maxLength"),
            Minimum = Decimal(schema, "minimum"),
            Maximum = Decimal(schema, "maximum"),
            Reference = Text(schema, "x-reference"),
            ReferenceField = Text(schema, "x-reference-field"),
            Editor = Text(schema, "x-editor"),
            OperatorOnly = schema["x-operator-only"] is JsonValue flag && flag.GetValue<bool>(),
            Multiline = schema["x-multiline"] is JsonValue multiline && multiline.GetValue<bool>(),
            UnionTypes = types.Count > 1 ? types : [],
        });

        if (schema.ContainsKey("$ref") || schema.ContainsKey("oneOf") || schema.ContainsKey("anyOf") || schema.ContainsKey("allOf"))
        {
            return common(FieldType.Raw);
        }

        if (choices is not null)
        {
            return common(FieldType.Choice);
        }

        if (types.Count > 1)
        {
            return types.All(t => t is "string" or "number" or "integer" or "boolean") ? common(FieldType.Union) : common(FieldType.Raw);
        }

        switch (types.FirstOrDefault() ?? (schema.ContainsKey("properties") ? "object" : ""))
        {
            case "object":
                var requiredNames = (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
                if (schema["properties"] is JsonObject properties)
                {
                    var fields = properties
                        .Select(p => Read(p.Value as JsonObject ?? [], p.Key, Join(labelPath, p.Key), requiredNames.Contains(p.Key), depth + 1))
                        .ToList();
                    var field = common(FieldType.Object);
                    return new SchemaField
                    {
                        Type = FieldType.Object, Name = name, LabelPath = labelPath, Required = required, Properties = fields,
                        Editor = field.Editor, OperatorOnly = field.OperatorOnly,
                    };
                }

                if (schema["additionalProperties"] is JsonObject valueSchema)
                {
                    var map = common(FieldType.Map);
                    return new SchemaField
                    {
                        Type = FieldType.Map, Name = name, LabelPath = labelPath, Required = required, Editor = map.Editor,
                        OperatorOnly = map.OperatorOnly, Items = Read(valueSchema, "", labelPath, required: true, depth + 1),
                    };
                }

                return common(FieldType.Raw);
            case "array":
                if (schema["items"] is not JsonObject items)
                {
                    return common(FieldType.Raw);
                }

                var array = common(FieldType.Array);
                return new SchemaField
                {
                    Type = FieldType.Array, Name = name, LabelPath = labelPath, Required = required, Editor = array.Editor,
                    OperatorOnly = array.OperatorOnly, MinLength = Int(schema, "minItems"), MaxLength = Int(schema, "maxItems"),
                    Items = Read(items, "", labelPath, required: true, depth + 1),
                };
            case "string":
                return common(FieldType.Text);
            case "integer":
                return common(FieldType.Integer);
            case "number":
                return common(FieldType.Number);
            case "boolean":
                return common(FieldType.Boolean);
            default:
                return common(FieldType.Raw);
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string? Text(JsonObject schema, string name) => schema[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonObject schema, string name) => schema[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    private static decimal? Decimal(JsonObject schema, string name) => schema[name] is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;
}

/// <summary>
/// The resource keys of a field's texts, derived from kind and path (docs/adr/0019): label
/// <c>studio.field.{kind}.{path}</c>, optional help <c>….help</c>, choices <c>….choice.{value}</c>; property names in
/// kebab case (<c>postalCode</c> → <c>postal-code</c>). A module that registers a kind ships these keys in its texts.
/// </summary>
internal static class FieldTexts
{
    public static string Kind(string kind) => $"studio.kind.{kind}";

    public static string Label(string kind, string labelPath) =>
        labelPath.Length == 0 ? Kind(kind) : $"studio.field.{kind}.{Kebab(labelPath)}";

    public static string Help(string kind, string labelPath) => Label(kind, labelPath) + ".help";

    public static string Choice(string kind, string labelPath, string value) => Label(kind, labelPath) + ".choice." + Kebab(value);

    /// <summary>Every key a kind's schema needs (labels of every field, choices of every select), for the test that finds gaps.</summary>
    public static IEnumerable<string> Required(string kind, SchemaField root)
    {
        ArgumentNullException.ThrowIfNull(root);
        yield return Kind(kind);
        foreach (var field in root.Descendants().Where(f => f.Name.Length > 0).Distinct())
        {
            yield return Label(kind, field.LabelPath);
            foreach (var choice in field.Choices)
            {
                yield return Choice(kind, field.LabelPath, choice);
            }
        }
    }

    public static string Kebab(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var result = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c))
            {
                if (result.Length > 0 && result[^1] != '.')
                {
                    result.Append('-');
                }

                result.Append(char.ToLowerInvariant(c));
            }
            else
            {
                result.Append(c is '*' ? "all" : c.ToString());
            }
        }

        return result.ToString();
    }
}
