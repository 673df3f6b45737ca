namespace Saas.Modules.Organization.Contracts;

/// <summary>
/// How a surname is filed: upper-case Latin letters only, umlauts and accents folded (Ö → O, ß → SS, Ç → C),
/// name particles that files are not sorted by dropped (von, van, de, al-, el-, ...), the rest ignored.
/// Public so work queues (Workflows) match a case's person against a caseworker's ranges by the same rule as the
/// directory (docs/adr/0026).
/// </summary>
public static class SurnameKeys
{
    private static readonly string[] Particles = ["VON DER ", "VON ", "VAN DER ", "VAN ", "DE LA ", "DE ", "DI ", "DA ", "AL-", "AL ", "EL-", "EL ", "ZU "];

    public static string Fold(string surname)
    {
        ArgumentNullException.ThrowIfNull(surname);
        var upper = surname.Trim().ToUpperInvariant()
            .Replace("ß", "SS", StringComparison.Ordinal)
            .Replace("Æ", "AE", StringComparison.Ordinal)
            .Replace("Ø", "O", StringComparison.Ordinal)
            .Replace("Ł", "L", StringComparison.Ordinal);
        foreach (var particle in Particles)
        {
            if (upper.StartsWith(particle, StringComparison.Ordinal) && upper.Length > particle.Length)
            {
                upper = upper[particle.Length..];
                break;
            }
        }

        var decomposed = upper.Normalize(System.Text.NormalizationForm.FormD);
        return new string(decomposed.Where(c => c is >= 'A' and <= 'Z').ToArray());
    }

    /// <summary>Whether the range from–to (folded prefixes, inclusive) covers a folded surname.</summary>
    public static bool Covers(string from, string to, string folded)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(folded);
        var lower = folded.Length >= from.Length ? folded[..from.Length] : folded;
        var upper = folded.Length >= to.Length ? folded[..to.Length] : folded;
        return string.CompareOrdinal(lower, from) >= 0 && string.CompareOrdinal(upper, to) <= 0;
    }
}
