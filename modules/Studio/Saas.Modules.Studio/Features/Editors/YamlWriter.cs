using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Saas.Modules.Studio.Features.Editors;

/// <summary>
/// Writes a document edited in a form back as YAML, by the round-trip rule (docs/adr/0019): when the bound spec equals
/// the spec of the text the editor opened, that text is kept byte for byte (comments, flow style, quoting); otherwise
/// clean YAML is written — the opened text's leading comment lines, then <c>kind</c>, <c>key</c> and <c>spec</c> in
/// block style, two spaces, text quoted only where YAML 1.2 would read it as something else.
/// </summary>
internal static class YamlWriter
{
    public static string Write(string kind, string key, JsonObject spec, string? originalYaml, JsonNode? originalSpec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (originalYaml is not null && originalSpec is not null && SpecComparer.Equal(spec, originalSpec))
        {
            return originalYaml;
        }

        var yaml = new StringBuilder();
        foreach (var line in (originalYaml ?? "").Split('\n').TakeWhile(l => l.StartsWith('#') || l.Trim().Length == 0))
        {
            if (line.StartsWith('#'))
            {
                yaml.Append(line).Append('\n');
            }
        }

        yaml.Append("kind: ").Append(Scalar(kind)).Append('\n');
        yaml.Append("key: ").Append(Scalar(key)).Append('\n');
        yaml.Append("spec:");
        WriteValue(yaml, spec, 1);
        return yaml.ToString();
    }

    /// <summary>The spec alone as YAML (the form's view switched to YAML shows the whole document this way).</summary>
    private static void WriteValue(StringBuilder yaml, JsonNode? value, int depth)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                yaml.Append(" {}\n");
                break;
            case JsonObject obj:
                yaml.Append('\n');
                foreach (var (name, child) in obj)
                {
                    yaml.Append(' ', depth * 2).Append(Scalar(name)).Append(':');
                    WriteValue(yaml, child, depth + 1);
                }

                break;
            case JsonArray { Count: 0 }:
                yaml.Append(" []\n");
                break;
            case JsonArray array:
                yaml.Append('\n');
                foreach (var item in array)
                {
                    yaml.Append(' ', depth * 2).Append('-');
                    if (item is JsonObject { Count: > 0 } entry)
                    {
                        // The first property on the dash's line, the others below it.
                        var first = true;
                        foreach (var (name, child) in entry)
                        {
                            yaml.Append(' ', first ? 1 : (depth * 2) + 2).Append(Scalar(name)).Append(':');
                            WriteValue(yaml, child, depth + 2);
                            first = false;
                        }
                    }
                    else
                    {
                        WriteValue(yaml, item, depth + 1);
                    }
                }

                break;
            case null:
                yaml.Append(" null\n");
                break;
            default:
                yaml.Append(' ').Append(Scalar((JsonValue)value)).Append('\n');
                break;
        }
    }

    private static string Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => Scalar(value.GetValue<string>()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };

    /// <summary>Text as a plain scalar when YAML reads it back as the same text, otherwise double-quoted.</summary>
    internal static string Scalar(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NeedsQuotes(text) ? Quote(text) : text;
    }

    private static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || text != text.Trim() || "-?:,[]{}#&*!|>'\"%@`".Contains(text[0], StringComparison.Ordinal))
        {
            return true;
        }

        if (text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal) || text.EndsWith(':')
            || text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF'))
        {
            return true;
        }

        // What YAML 1.2's core schema would not read as text: null, booleans, numbers (also 0x…, 0o…, .inf, .nan).
        var lower = text.ToLowerInvariant();
        return lower is "null" or "~" or "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or ".inf" or "-.inf" or "+.inf" or ".nan"
               || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
               || lower.StartsWith("0x", StringComparison.Ordinal) || lower.StartsWith("0o", StringComparison.Ordinal)
               || text.All(c => char.IsAsciiDigit(c) || c is '_' or ':' or '.' or '+' or '-');
    }

    private static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\t': quoted.Append("\\t"); break;
                case '\r': quoted.Append("\\r"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF')
                    {
                        quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        quoted.Append(c);
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }
}

/// <summary>Whether two specs say the same: objects regardless of property order, numbers by value, text exactly.</summary>
internal static class SpecComparer
{
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject x, JsonObject y):
                return x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && Equal(p.Value, other));
            case (JsonArray x, JsonArray y):
                return x.Count == y.Count && x.Zip(y).All(p => Equal(p.First, p.Second));
            case (JsonValue x, JsonValue y):
                var (kx, ky) = (x.GetValueKind(), y.GetValueKind());
                if (kx == JsonValueKind.Number && ky == JsonValueKind.Number)
                {
                    return decimal.TryParse(x.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var dx)
                           && decimal.TryParse(y.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var dy)
                        ? dx == dy
                        : x.ToJsonString() == y.ToJsonString();
                }

                return kx == ky && x.ToJsonString() == y.ToJsonString();
            default:
                return false;
        }
    }
}
