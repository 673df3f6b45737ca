namespace Saas.Platform.Antibot;

/// <summary>
/// Configuration section <c>Altcha</c> (docs/adr/0036): the proof of work an applicant's browser does before a public
/// write that bots abuse (confirming an appointment). The defaults are ALTCHA's own (PBKDF2/SHA-256, cost 5,000, a
/// counter between 5,000 and 10,000: a few seconds in a browser, a hash per booking on the server).
/// </summary>
public sealed class AltchaOptions
{
    public const string Section = "Altcha";

    /// <summary>The deployment's secret (at least 32 characters, the same on every replica); each authority's keys are derived from it.</summary>
    public string? Secret { get; set; }

    /// <summary><c>PBKDF2/SHA-256</c> (default) or <c>SHA-256</c>, both solved by the widget's bundled workers.</summary>
    public string Algorithm { get; set; } = "PBKDF2/SHA-256";

    /// <summary>Iterations of the key derivation per attempt.</summary>
    public int Cost { get; set; } = 5_000;

    /// <summary>The counter the browser must find lies between these (ALTCHA's deterministic mode: the server knows the answer).</summary>
    public int CounterMin { get; set; } = 5_000;

    public int CounterMax { get; set; } = 10_000;

    /// <summary>How long a challenge can be solved and used; a form filled in slowly fetches a new one.</summary>
    public int ExpiresMinutes { get; set; } = 20;

    /// <summary>What is wrong with the configuration, one sentence each.</summary>
    public IEnumerable<string> Problems(bool production)
    {
        if (Algorithm is not ("PBKDF2/SHA-256" or "SHA-256"))
        {
            yield return "Altcha:Algorithm must be PBKDF2/SHA-256 or SHA-256.";
        }

        if (Cost < 1 || CounterMin < 0 || CounterMax < CounterMin || ExpiresMinutes < 1)
        {
            yield return "Altcha:Cost and Altcha:ExpiresMinutes must be at least 1, and 0 <= CounterMin <= CounterMax.";
        }

        if (production && (Secret is not { Length: >= 32 } || Secret.StartsWith("dev-", StringComparison.Ordinal)))
        {
            yield return "Altcha:Secret must be set in Production: at least 32 characters, the same on every replica, not the development value.";
        }
    }
}
