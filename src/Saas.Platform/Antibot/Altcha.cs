using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Saas.Platform.Antibot;

/// <summary>A challenge as the ALTCHA widget fetches it: the signed parameters and their signature.</summary>
public sealed record AltchaChallenge(IReadOnlyDictionary<string, object> Parameters, string Signature);

/// <summary>A verified solution, still to be spent (once) in the transaction of the write it allows.</summary>
public sealed record AltchaProof(string Nonce, DateTimeOffset ExpiresAt);

/// <summary>
/// ALTCHA proof of work, server side (docs/adr/0036), in the challenge format of altcha-lib 2 / the widget 3: the
/// parameters (algorithm, nonce, salt, cost, key length, key prefix, expiry) are signed with HMAC-SHA-256 over their
/// sorted JSON; the key prefix is that of the key derived for a random counter the browser must find, and the key
/// itself is signed too (<c>keySignature</c>), so verifying costs one HMAC. Every authority signs with keys of its own,
/// derived from the deployment's secret, so a solution for one authority is worth nothing at another. A solution
/// is spent by its nonce in <c>platform.altcha_spent</c> in the same transaction as the write it allows: a replay
/// finds the nonce taken, a write that fails leaves the solution unspent.
/// </summary>
public sealed class Altcha
{
    /// <summary>The form field (and JSON property) that carries the widget's payload.</summary>
    public const string Field = "altcha";

    /// <summary>The largest payload read (a real one is about 700 characters).</summary>
    public const int MaxPayloadLength = 4_096;

    private const int KeyLength = 32;
    private const int PrefixLength = KeyLength / 2;

    private readonly AltchaOptions options;
    private readonly ICurrentTenant tenants;
    private readonly TimeProvider clock;
    private readonly byte[] master;

    public Altcha(IOptions<AltchaOptions> options, ICurrentTenant tenants, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.tenants = tenants;
        this.clock = clock;
        // Without a configured secret (Development, Testing) the process has one of its own: challenges then verify
        // only on the replica that issued them, which the options' validation forbids in Production.
        master = this.options.Secret is { Length: > 0 } secret ? Encoding.UTF8.GetBytes(secret) : RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>A new challenge for the current authority.</summary>
    public AltchaChallenge Create()
    {
        var (signatureSecret, keySecret) = Secrets();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var counter = RandomNumberGenerator.GetInt32(options.CounterMin, options.CounterMax + 1);
        var key = Derive(options.Algorithm, options.Cost, Convert.FromHexString(nonce), Convert.FromHexString(salt), (uint)counter);
        var parameters = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["algorithm"] = options.Algorithm,
            ["cost"] = options.Cost,
            ["expiresAt"] = clock.GetUtcNow().AddMinutes(options.ExpiresMinutes).ToUnixTimeSeconds(),
            ["keyLength"] = KeyLength,
            ["keyPrefix"] = Convert.ToHexStringLower(key.AsSpan(0, PrefixLength)),
            ["keySignature"] = Convert.ToHexStringLower(HMACSHA256.HashData(keySecret, key)),
            ["nonce"] = nonce,
            ["salt"] = salt,
        };
        return new AltchaChallenge(parameters, Convert.ToHexStringLower(HMACSHA256.HashData(signatureSecret, Encoding.UTF8.GetBytes(Canonical(parameters)))));
    }

    /// <summary>
    /// Checks the widget's payload (base64 of <c>{challenge: {parameters, signature}, solution: {counter, derivedKey}}</c>)
    /// against the current authority's keys; a problem (field <c>altcha</c>) says what is wrong.
    /// </summary>
    public AltchaProof Verify(string? payload)
    {
        if (string.IsNullOrWhiteSpace(payload))
        {
            throw AltchaProblems.Missing();
        }

        var read = AltchaPayload.Read(payload) ?? throw AltchaProblems.Invalid();
        var (signatureSecret, keySecret) = Secrets();
        var expected = HMACSHA256.HashData(signatureSecret, Encoding.UTF8.GetBytes(Canonical(read.Parameters)));
        if (!FixedTimeHexEquals(expected, read.Signature))
        {
            throw AltchaProblems.Invalid();
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds((long)read.Parameters["expiresAt"]);
        if (expires < clock.GetUtcNow())
        {
            throw AltchaProblems.Expired();
        }

        var nonce = (string)read.Parameters["nonce"];
        bool solved;
        if (read.Parameters.TryGetValue("keySignature", out var keySignature))
        {
            solved = FixedTimeHexEquals(HMACSHA256.HashData(keySecret, Convert.FromHexString(read.DerivedKey)), (string)keySignature);
        }
        else
        {
            // A signed challenge without key signature (altcha-lib's random mode): derive the key for the counter.
            var key = Derive((string)read.Parameters["algorithm"], (int)(long)read.Parameters["cost"], Convert.FromHexString(nonce),
                Convert.FromHexString((string)read.Parameters["salt"]), read.Counter, (int)(long)read.Parameters["keyLength"]);
            solved = FixedTimeHexEquals(key, read.DerivedKey) && Convert.ToHexStringLower(key).StartsWith((string)read.Parameters["keyPrefix"], StringComparison.Ordinal);
        }

        return solved ? new AltchaProof(nonce, expires) : throw AltchaProblems.Invalid();
    }

    /// <summary>
    /// Spends <paramref name="proof"/> in <paramref name="db"/>'s current transaction (the write it allows): a second use
    /// of the same solution is refused. Spent nonces of expired challenges are cleared on the way.
    /// </summary>
    public static async Task SpendAsync(DbContext db, AltchaProof proof, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(proof);
        var spent = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO platform.altcha_spent (tenant_id, nonce, expires_at) VALUES (nullif(current_setting('app.tenant_id', true), '')::uuid, {proof.Nonce}, {proof.ExpiresAt}) ON CONFLICT DO NOTHING", ct);
        if (spent == 0)
        {
            throw AltchaProblems.Replayed();
        }

        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM platform.altcha_spent WHERE expires_at < now() - interval '1 hour'", ct);
    }

    /// <summary>The parameters as altcha-lib signs them: JSON with sorted keys, no spaces (only ASCII values are accepted).</summary>
    internal static string Canonical(IReadOnlyDictionary<string, object> parameters)
    {
        var json = new StringBuilder("{");
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.Append(json.Length > 1 ? "," : "").Append('"').Append(name).Append("\":");
            json.Append(value switch
            {
                string s => "\"" + s + "\"",
                int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => throw new InvalidOperationException("An ALTCHA parameter is a string or an integer."),
            });
        }

        return json.Append('}').ToString();
    }

    /// <summary>The key for one attempt: password = nonce ‖ counter (uint32, big-endian), as the widget's workers derive it.</summary>
    internal static byte[] Derive(string algorithm, int cost, byte[] nonce, byte[] salt, uint counter, int keyLength = KeyLength)
    {
        var password = new byte[nonce.Length + 4];
        nonce.CopyTo(password, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(password.AsSpan(nonce.Length), counter);
        if (algorithm == "PBKDF2/SHA-256")
        {
            return Rfc2898DeriveBytes.Pbkdf2(password, salt, cost, HashAlgorithmName.SHA256, keyLength);
        }

        // SHA-256: the hash of salt ‖ password, hashed again cost − 1 times.
        var key = SHA256.HashData([.. salt, .. password]);
        for (var i = 1; i < cost; i++)
        {
            key = SHA256.HashData(key);
        }

        return key[..Math.Min(keyLength, key.Length)];
    }

    private (byte[] Signature, byte[] Key) Secrets()
    {
        var tenant = tenants.Id ?? throw new InvalidOperationException("An ALTCHA challenge belongs to an authority; none is current.");
        // altcha-lib takes its secrets as strings; these are the hex strings its HMAC would be keyed with (UTF-8).
        string Of(string use) => Convert.ToHexStringLower(HMACSHA256.HashData(master, Encoding.UTF8.GetBytes($"altcha:{use}:{tenant:D}")));
        return (Encoding.UTF8.GetBytes(Of("signature")), Encoding.UTF8.GetBytes(Of("key")));
    }

    /// <summary>The authority's two secrets as altcha-lib would be given them (for the independent check in the tests).</summary>
    internal (string Signature, string Key) SecretsForTests()
    {
        var (signature, key) = Secrets();
        return (Encoding.UTF8.GetString(signature), Encoding.UTF8.GetString(key));
    }

    private static bool FixedTimeHexEquals(byte[] expected, string hex) =>
        hex.Length == expected.Length * 2 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(expected)), Encoding.ASCII.GetBytes(hex));
}
