namespace Saas.Platform.Metadata;

/// <summary>
/// A draft's located errors as data in <c>metadata.versions.errors</c>: file, path, line, column and the catalogue's
/// text key with its arguments — never the written message, so each reader gets them in their own language when the
/// draft is read. An error a kind still writes as a plain string (no text key) keeps that string.
/// </summary>
internal static class StoredErrors
{
    public static string Write(IReadOnlyList<MetadataError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var error in errors)
            {
                json.WriteStartObject();
                json.WriteString("file", error.File);
                json.WriteString("path", error.Path);
                WriteNumber(json, "line", error.Line);
                WriteNumber(json, "column", error.Column);
                if (error.Text is { } text)
                {
                    json.WriteString("text", text.Key);
                    json.WriteStartObject("args");
                    foreach (var (name, value) in text.Arguments)
                    {
                        WriteValue(json, name, value);
                    }

                    json.WriteEndObject();
                }
                else
                {
                    json.WriteString("message", error.Message);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The stored errors, each written now in the current UI language.</summary>
    public static IReadOnlyList<MetadataError> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new List<MetadataError>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var file = item.GetProperty("file").GetString() ?? "";
            var path = item.GetProperty("path").GetString() ?? "$";
            var line = Number(item, "line");
            var column = Number(item, "column");
            if (item.TryGetProperty("text", out var key) && key.GetString() is { } textKey)
            {
                var arguments = new List<KeyValuePair<string, object?>>();
                if (item.TryGetProperty("args", out var args))
                {
                    foreach (var argument in args.EnumerateObject())
                    {
                        arguments.Add(new(argument.Name, Value(argument.Value)));
                    }
                }

                errors.Add(new MetadataError(file, path, line, column, new LocalizedText(textKey, arguments)));
            }
            else
            {
                errors.Add(new MetadataError(file, path, line, column, item.TryGetProperty("message", out var message) ? message.GetString() ?? "" : ""));
            }
        }

        return errors;
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case string text:
                json.WriteString(name, text);
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                json.WriteNumber(name, System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case decimal or double or float:
                json.WriteNumber(name, System.Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteString(name, System.Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static int? Number(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static object? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => value.GetDecimal(),
        _ => null,
    };
}
