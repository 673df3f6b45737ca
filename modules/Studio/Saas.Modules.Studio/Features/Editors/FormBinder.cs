using System.Globalization;
using System.Text.Json;

namespace Saas.Modules.Studio.Features.Editors;

/// <summary>A document's spec as the values of its generated form (the inverse of <see cref="FormBinder"/>).</summary>
internal static class FormFlattener
{
    public static FormState Flatten(SchemaField root, JsonNode? spec, CustomEditors editors)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(editors);
        var state = new FormState();
        Flatten(root, FormState.Root, spec, state, editors);
        return state;
    }

    internal static void Flatten(SchemaField field, string name, JsonNode? value, FormState state, CustomEditors editors)
    {
        if (value is null || field.OperatorOnly)
        {
            return;
        }

        if (field.Editor is { } editorName && editors.Find(editorName) is { } editor)
        {
            editor.Flatten(field, name, value, state);
            return;
        }

        switch (field.Type)
        {
            case FieldType.Object when value is JsonObject obj:
                if (name != FormState.Root && !field.Required)
                {
                    state[name + "._present"] = "1";
                }

                foreach (var property in field.Properties)
                {
                    Flatten(property, name + "." + property.Name, obj[property.Name], state, editors);
                }

                break;
            case FieldType.Array when value is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = Item(name, i);
                    state[item + FormState.ItemMarker] = "1";
                    Flatten(field.Items!, item, array[i], state, editors);
                }

                break;
            case FieldType.Map when value is JsonObject map:
                var index = 0;
                foreach (var (key, entry) in map)
                {
                    var row = Item(name, index++);
                    state[row + FormState.ItemMarker] = "1";
                    state[row + "._key"] = key;
                    Flatten(field.Items!, row + "._value", entry, state, editors);
                }

                break;
            case FieldType.Union:
                state[name] = Scalar(value);
                state[name + "._type"] = value is JsonValue v ? v.GetValueKind() switch
                {
                    JsonValueKind.Number => field.UnionTypes.Contains("integer") && IsInteger(v) ? "integer" : "number",
                    JsonValueKind.True or JsonValueKind.False => "boolean",
                    _ => "string",
                } : "string";
                break;
            case FieldType.Raw:
                state[name] = value.ToJsonString();
                break;
            default:
                // A value of the wrong type (an invalid draft) is shown as text; binding it reports the type.
                state[name] = value is JsonValue ? Scalar(value) : value.ToJsonString();
                break;
        }
    }

    public static string Item(string list, int index) => $"{list}[{index.ToString(CultureInfo.InvariantCulture)}]";

    public static string Scalar(JsonNode value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String
        ? v.GetValue<string>()
        : value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? (b.GetValueKind() == JsonValueKind.True ? "true" : "false")
        : value.ToJsonString();

    private static bool IsInteger(JsonValue v) => decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d);
}

/// <summary>
/// Binds a post of a generated form back to the spec's JSON by walking the kind's schema, never the posted names: a
/// name the schema does not have, a value a select does not offer, text in a number field or a name posted twice is a
/// <see cref="FieldProblem"/> at that field (shown there, in the admin's language, with everything typed kept), and
/// nothing is saved. Empty optional fields are left out, so a document opened and saved unchanged binds to its spec.
/// </summary>
internal sealed class FormBinder(CustomEditors editors)
{
    public BindResult Bind(SchemaField root, FormState state, JsonNode? original = null, IEnumerable<FieldProblem>? earlier = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(state);
        var context = new BindContext(state, editors, original);
        context.Problems.AddRange(earlier ?? []);
        var spec = context.Bind(root, FormState.Root, original) as JsonObject ?? [];
        foreach (var name in state.Values.Keys.Where(k => FormState.IsSpecField(k) && !context.Consumed.Contains(k)).Order(StringComparer.Ordinal))
        {
            context.Problems.Add(new FieldProblem(name, "$." + name, LocalizedText.Of("studio.binding.unknown-field", ("field", name))));
        }

        return new BindResult(spec, context.Problems);
    }
}

internal sealed record BindResult(JsonObject Spec, IReadOnlyList<FieldProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>One binding pass: what was read (so that the rest is known to be forged) and what was wrong.</summary>
internal sealed class BindContext(FormState state, CustomEditors editors, JsonNode? original)
{
    public FormState State { get; } = state;

    public HashSet<string> Consumed { get; } = new(StringComparer.Ordinal);

    public List<FieldProblem> Problems { get; } = [];

    /// <summary>The document as opened, for fields only the platform operator changes (kept as they were).</summary>
    public JsonNode? Original { get; } = original;

    public string? Take(string name)
    {
        Consumed.Add(name);
        return State[name];
    }

    public void Problem(string name, string key, params (string Name, object? Value)[] arguments) =>
        Problems.Add(new FieldProblem(name, "$." + name, LocalizedText.Of(key, arguments)));

    public JsonNode? Bind(SchemaField field, string name, JsonNode? original)
    {
        if (field.OperatorOnly)
        {
            // Shown, never bound: the value stays as it was, and a posted one is forged.
            return original?.DeepClone();
        }

        if (field.Editor is { } editorName && editors.Find(editorName) is { } editor)
        {
            return editor.Bind(field, name, this);
        }

        switch (field.Type)
        {
            case FieldType.Object:
                var present = Take(name + "._present") is not null;
                var obj = new JsonObject();
                foreach (var property in field.Properties)
                {
                    var value = Bind(property, name + "." + property.Name, (original as JsonObject)?[property.Name]);
                    if (value is not null)
                    {
                        obj[property.Name] = value;
                    }
                }

                // An optional object nobody filled in stays out (its required texts bind as "", which is no content).
                return present || field.Required || HasContent(obj) ? obj : null;
            case FieldType.Array:
                var array = new JsonArray();
                var count = State.ItemCount(name);
                for (var i = 0; i < count; i++)
                {
                    var item = FormFlattener.Item(name, i);
                    Take(item + FormState.ItemMarker);
                    var value = Bind(field.Items!, item, (original as JsonArray)?.ElementAtOrDefault(i));
                    if (value is not null)
                    {
                        array.Add(value);
                    }
                }

                return array.Count > 0 || field.Required || original is JsonArray ? array : null;
            case FieldType.Map:
                var map = new JsonObject();
                for (var i = 0; i < State.ItemCount(name); i++)
                {
                    var row = FormFlattener.Item(name, i);
                    Take(row + FormState.ItemMarker);
                    var key = Take(row + "._key")?.Trim() ?? "";
                    var value = Bind(field.Items!, row + "._value", null);
                    if (key.Length == 0)
                    {
                        if (value is not null)
                        {
                            Problem(row + "._key", "studio.binding.name-missing");
                        }

                        continue;
                    }

                    if (map.ContainsKey(key))
                    {
                        Problem(row + "._key", "studio.binding.name-twice", ("name", key));
                        continue;
                    }

                    map[key] = value ?? JsonValue.Create("");
                }

                return map.Count > 0 || field.Required || original is JsonObject ? map : null;
            default:
                return Scalar(field, name);
        }
    }

    private static bool HasContent(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(p => HasContent(p.Value)),
        JsonArray a => a.Any(HasContent),
        JsonValue v => !(v.TryGetValue<string>(out var text) && text.Length == 0),
        _ => false,
    };

    private JsonNode? Scalar(SchemaField field, string name)
    {
        var text = Take(name);
        if (text is null || (text.Length == 0 && field.Type != FieldType.Text))
        {
            return null;
        }

        if (text.Length > 100_000)
        {
            Problem(name, "studio.binding.too-long");
            return null;
        }

        switch (field.Type)
        {
            case FieldType.Text:
                // A text area sends its lines with CR LF; the document keeps them as the YAML view would (LF).
                text = field.Multiline ? text.ReplaceLineEndings("\n") : text;
                // An empty optional text is left out; an empty required one stays, so the schema names the field.
                return text.Length == 0 && !field.Required ? null : JsonValue.Create(text);
            case FieldType.Choice:
                if (!field.Choices.Contains(text, StringComparer.Ordinal))
                {
                    Problem(name, "studio.binding.not-offered", ("value", text));
                    return null;
                }

                return JsonValue.Create(text);
            case FieldType.Boolean:
                return Boolean(name, text);
            case FieldType.Integer:
                return Integer(name, text);
            case FieldType.Number:
                return Number(name, text);
            case FieldType.Union:
                var type = Take(name + "._type") ?? "string";
                if (!field.UnionTypes.Contains(type, StringComparer.Ordinal))
                {
                    Problem(name, "studio.binding.not-offered", ("value", type));
                    return null;
                }

                return type switch
                {
                    "integer" => Integer(name, text),
                    "number" => Number(name, text),
                    "boolean" => Boolean(name, text),
                    _ => JsonValue.Create(text),
                };
            default:
                try
                {
                    return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
                }
                catch (JsonException)
                {
                    Problem(name, "studio.binding.json-expected");
                    return null;
                }
        }
    }

    private JsonValue? Boolean(string name, string text)
    {
        if (text is not ("true" or "false"))
        {
            Problem(name, "studio.binding.not-offered", ("value", text));
            return null;
        }

        return JsonValue.Create(text == "true");
    }

    private JsonValue? Integer(string name, string text)
    {
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Problem(name, "studio.binding.integer-expected", ("value", text));
            return null;
        }

        return JsonValue.Create(value);
    }

    private JsonValue? Number(string name, string text)
    {
        var normalised = text.Trim().Replace(',', '.');
        if (!decimal.TryParse(normalised, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            Problem(name, "studio.binding.number-expected", ("value", text));
            return null;
        }

        return value == decimal.Truncate(value) && !normalised.Contains('.', StringComparison.Ordinal) ? JsonValue.Create((long)value) : JsonValue.Create(value);
    }
}
