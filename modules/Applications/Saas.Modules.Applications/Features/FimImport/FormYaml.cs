using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Saas.Modules.Applications.Features.FimImport;

/// <summary>
/// A generated document as YAML for the admin to review: a comment line, <c>kind</c>, <c>key</c>, <c>spec</c> in block
/// style with two spaces; every text double-quoted with JSON's escapes (which YAML 1.2 reads the same), so no text
/// from a FIM file can turn into another YAML type, a key or a comment.
/// </summary>
internal static class FormYaml
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(string kind, string key, JsonObject spec, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var yaml = new StringBuilder();
        if (comment is not null)
        {
            yaml.Append("# ").Append(comment.ReplaceLineEndings(" ")).Append('\n');
        }

        yaml.Append("kind: ").Append(kind).Append('\n');
        yaml.Append("key: ").Append(key).Append('\n');
        yaml.Append("spec:");
        Value(yaml, spec, 1);
        return yaml.ToString();
    }

    private static void Value(StringBuilder yaml, JsonNode? value, int depth)
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
                    yaml.Append(' ', depth * 2).Append(name).Append(':');
                    Value(yaml, child, depth + 1);
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
                        var first = true;
                        foreach (var (name, child) in entry)
                        {
                            yaml.Append(' ', first ? 1 : (depth * 2) + 2).Append(name).Append(':');
                            Value(yaml, child, depth + 2);
                            first = false;
                        }
                    }
                    else
                    {
                        Value(yaml, item, depth + 1);
                    }
                }

                break;
            case null:
                yaml.Append(" null\n");
                break;
            default:
                var scalar = (JsonValue)value;
                yaml.Append(' ').Append(scalar.GetValueKind() switch
                {
                    JsonValueKind.String => JsonSerializer.Serialize(scalar.GetValue<string>(), Quoting),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => scalar.ToJsonString(),
                }).Append('\n');
                break;
        }
    }
}
