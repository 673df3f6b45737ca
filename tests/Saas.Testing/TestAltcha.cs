using System.Buffers.Binary;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Saas.Testing;

/// <summary>
/// Solves an authority's ALTCHA challenge the way the widget's workers do (docs/adr/0036), for tests that post what a
/// browser would: fetch <c>/t/{key}/api/altcha/challenge</c>, try counters from 0 until the derived key starts with
/// the key prefix, and return the payload the widget would put in its hidden field. Test hosts issue cheap challenges
/// (<see cref="Settings"/>); the format is the production one.
/// </summary>
public static class TestAltcha
{
    /// <summary>Every test host's challenge cost: one iteration, a counter below 200.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Altcha:Cost"] = "1",
        ["Altcha:CounterMin"] = "1",
        ["Altcha:CounterMax"] = "200",
    };

    public static async Task<string> SolveAsync(HttpClient client, string tenantKey)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri($"/t/{tenantKey}/api/altcha/challenge", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        var challenge = await response.Content.ReadFromJsonAsync<JsonElement>();
        return Solve(challenge);
    }

    /// <summary>The payload for <paramref name="challenge"/> (<c>{parameters, signature}</c>), solved by brute force.</summary>
    public static string Solve(JsonElement challenge)
    {
        var parameters = challenge.GetProperty("parameters");
        var algorithm = parameters.GetProperty("algorithm").GetString()!;
        var cost = parameters.GetProperty("cost").GetInt32();
        var nonce = Convert.FromHexString(parameters.GetProperty("nonce").GetString()!);
        var salt = Convert.FromHexString(parameters.GetProperty("salt").GetString()!);
        var prefix = parameters.GetProperty("keyPrefix").GetString()!;
        for (uint counter = 0; counter < 1_000_000; counter++)
        {
            var password = new byte[nonce.Length + 4];
            nonce.CopyTo(password, 0);
            BinaryPrimitives.WriteUInt32BigEndian(password.AsSpan(nonce.Length), counter);
            var key = algorithm == "PBKDF2/SHA-256"
                ? Rfc2898DeriveBytes.Pbkdf2(password, salt, cost, HashAlgorithmName.SHA256, 32)
                : Iterate(salt, password, cost);
            var hex = Convert.ToHexStringLower(key);
            if (hex.StartsWith(prefix, StringComparison.Ordinal))
            {
                var payload = JsonSerializer.Serialize(new { challenge = new { parameters, signature = challenge.GetProperty("signature").GetString() }, solution = new { counter, derivedKey = hex, time = 1 } });
                return Convert.ToBase64String(Encoding.UTF8.GetBytes(payload));
            }
        }

        throw new InvalidOperationException("The challenge has no solution below a million.");
    }

    private static byte[] Iterate(byte[] salt, byte[] password, int cost)
    {
        var key = SHA256.HashData([.. salt, .. password]);
        for (var i = 1; i < cost; i++)
        {
            key = SHA256.HashData(key);
        }

        return key;
    }
}
