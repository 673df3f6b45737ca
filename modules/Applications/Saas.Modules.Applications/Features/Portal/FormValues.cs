namespace Saas.Modules.Applications.Features.Portal;

/// <summary>
/// Answers as the validator reads them (groups as objects, repeating groups as lists of objects, values as text), reached
/// by a field's path as the validator names it (<c>kinder[1].name</c>).
/// </summary>
internal static class FormValues
{
    /// <summary>The path's parts: a key and, for an entry of a repeating group or a value of several, its index.</summary>
    public static IReadOnlyList<(string Key, int? Index)> Parse(string path)
    {
        var parts = new List<(string, int?)>();
        foreach (var piece in (path ?? "").Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var open = piece.IndexOf('[', StringComparison.Ordinal);
            if (open > 0 && piece.EndsWith(']') && int.TryParse(piece.AsSpan(open + 1, piece.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                parts.Add((piece[..open], index));
            }
            else
            {
                parts.Add((piece, null));
            }
        }

        return parts;
    }

    public static JsonNode? Get(JsonObject root, string path)
    {
        JsonNode? current = root;
        foreach (var (key, index) in Parse(path))
        {
            current = current is JsonObject map ? map[key] : null;
            if (index is { } i)
            {
                current = current is JsonArray list && i < list.Count ? list[i] : null;
            }
        }

        return current;
    }

    /// <summary>Sets (or, with null, removes) the value at the path, making the groups and entries on the way.</summary>
    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = Parse(path);
        var current = root;
        for (var p = 0; p < parts.Count; p++)
        {
            var (key, index) = parts[p];
            var last = p == parts.Count - 1;
            if (index is null)
            {
                if (last)
                {
                    if (value is null)
                    {
                        current.Remove(key);
                    }
                    else
                    {
                        current[key] = value;
                    }

                    return;
                }

                if (current[key] is not JsonObject next)
                {
                    next = [];
                    current[key] = next;
                }

                current = next;
                continue;
            }

            if (current[key] is not JsonArray list)
            {
                list = [];
                current[key] = list;
            }

            while (list.Count <= index.Value)
            {
                list.Add(last ? null : new JsonObject());
            }

            if (last)
            {
                list[index.Value] = value;
                return;
            }

            if (list[index.Value] is not JsonObject entry)
            {
                entry = [];
                list[index.Value] = entry;
            }

            current = entry;
        }
    }

    /// <summary>The entries of the repeating group at <paramref name="path"/> (none when it has none yet).</summary>
    public static JsonArray Entries(JsonObject root, string path)
    {
        if (Get(root, path) is JsonArray list)
        {
            return list;
        }

        var created = new JsonArray();
        Set(root, path, created);
        return created;
    }

    /// <summary>A value as text (a number or a yes/no as the validator writes it back), or null.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    /// <summary>An accepted, typed value as it is stored (text for scalars, lists as lists, evidence as its object).</summary>
    public static JsonNode? ToNode(object value) => value switch
    {
        string text => JsonValue.Create(text),
        decimal number => JsonValue.Create(number.ToString(CultureInfo.InvariantCulture)),
        DateOnly date => JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        bool flag => JsonValue.Create(flag ? "true" : "false"),
        Validation.EvidenceValue evidence => new JsonObject { ["evidence"] = evidence.Id.ToString(), ["name"] = evidence.Name, ["contentType"] = evidence.ContentType, ["bytes"] = evidence.Bytes },
        System.Collections.IEnumerable list => new JsonArray(list.Cast<object>().Select(ToNode).ToArray()),
        _ => null,
    };

    /// <summary>
    /// A copy of stored answers without the computed values: they were computed when the answers were accepted and are
    /// stored with them, but the validator computes them itself and refuses them as input (the receipt, the letter).
    /// </summary>
    public static JsonObject WithoutComputed(Definitions.FormDefinition form, JsonObject answers)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(answers);
        var computed = form.Fields.Where(f => f.Computed is not null).Select(f => f.FullPath).ToHashSet(StringComparer.Ordinal);
        var copy = (JsonObject)answers.DeepClone();
        Remove(copy, "", computed);
        return copy;
    }

    private static void Remove(JsonNode? node, string path, HashSet<string> computed)
    {
        switch (node)
        {
            case JsonObject group:
                foreach (var key in group.Select(p => p.Key).ToList())
                {
                    var inner = path.Length == 0 ? key : path + "." + key;
                    if (computed.Contains(inner))
                    {
                        group.Remove(key);
                    }
                    else
                    {
                        Remove(group[key], inner, computed);
                    }
                }

                break;
            case JsonArray entries:
                foreach (var entry in entries)
                {
                    Remove(entry, path, computed);
                }

                break;
        }
    }
}
