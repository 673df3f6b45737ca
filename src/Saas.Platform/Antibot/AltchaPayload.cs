using System.Text.RegularExpressions;

namespace Saas.Platform.Antibot;

/// <summary>
/// Reads the widget's payload strictly (docs/adr/0036): at most <see cref="Altcha.MaxPayloadLength"/> characters of
/// base64, JSON of depth at most 4, exactly the parameters this platform issues with their types and formats (hex
/// of the lengths issued, a known algorithm, positive integers). Anything else is no payload (null), so the
/// signature is only ever computed over values that serialize exactly as altcha-lib signed them.
/// </summary>
internal sealed partial record AltchaPayload(IReadOnlyDictionary<string, object> Parameters, string Signature, uint Counter, string DerivedKey)
{
    public static AltchaPayload? Read(string payload)
    {
        if (payload.Length > Altcha.MaxPayloadLength)
        {
            return null;
        }

        var bytes = new byte[payload.Length];
        if (!Convert.TryFromBase64String(payload.Trim(), bytes, out var length))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(bytes.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 4 });
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("challenge", out var challenge) || challenge.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("solution", out var solution) || solution.ValueKind != JsonValueKind.Object
                || !challenge.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object
                || !challenge.TryGetProperty("signature", out var signature) || !IsHex(signature, 64)
                || !solution.TryGetProperty("counter", out var counter) || !counter.TryGetUInt32(out var n)
                || !solution.TryGetProperty("derivedKey", out var key) || !IsHex(key, 64))
            {
                return null;
            }

            var read = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var parameter in parameters.EnumerateObject())
            {
                object? value = parameter.Name switch
                {
                    "algorithm" => parameter.Value.GetString() is "PBKDF2/SHA-256" or "SHA-256" ? parameter.Value.GetString() : null,
                    "nonce" or "salt" => IsHex(parameter.Value, 32) ? parameter.Value.GetString() : null,
                    "keyPrefix" => parameter.Value.ValueKind == JsonValueKind.String && Prefix().IsMatch(parameter.Value.GetString()!) ? parameter.Value.GetString() : null,
                    "keySignature" => IsHex(parameter.Value, 64) ? parameter.Value.GetString() : null,
                    "cost" => PositiveInteger(parameter.Value, 10_000_000),
                    "keyLength" => PositiveInteger(parameter.Value, 64) is 32L ? 32L : null,
                    "expiresAt" => PositiveInteger(parameter.Value, 1L << 40),
                    _ => null,
                };
                if (value is null || !read.TryAdd(parameter.Name, value))
                {
                    return null;
                }
            }

            string[] required = ["algorithm", "cost", "expiresAt", "keyLength", "keyPrefix", "nonce", "salt"];
            return required.All(read.ContainsKey) ? new AltchaPayload(read, signature.GetString()!, n, key.GetString()!) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsHex(JsonElement value, int length) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { } s && s.Length == length && LowerHex().IsMatch(s);

    private static long? PositiveInteger(JsonElement value, long max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= 1 && n <= max ? n : null;

    [GeneratedRegex("^[0-9a-f]+$")]
    private static partial Regex LowerHex();

    [GeneratedRegex("^[0-9a-f]{1,64}$")]
    private static partial Regex Prefix();
}
