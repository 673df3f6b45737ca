namespace Saas.Modules.Organization.Contracts;

/// <summary>
/// The legal bases of the Residence Act (AufenthG) the platform knows, written as the <c>signing_authority</c> claim
/// always wrote them: <c>AufenthG-18a</c> for § 18a AufenthG. Staff documents name signing authorities from this list,
/// the e-Akte names a residence title's legal basis from its titles (docs/adr/0022).
/// </summary>
public static class LegalBases
{
    public const string Prefix = "AufenthG-";

    /// <summary>Sections that grant a residence title (temporary, settlement, EU long-term, EU Blue Card, ...).</summary>
    public static IReadOnlyList<string> ResidenceTitles { get; } = Codes(
        "4a", "7", "9", "9a", "16a", "16b", "16c", "16d", "16e", "16f", "17", "18a", "18b", "18c", "18d", "18f", "18g", "18h", "18i",
        "19", "19b", "19c", "19d", "19e", "20", "20a", "20b", "21", "22", "23", "23a", "24", "25", "25a", "25b", "26", "28", "29", "30",
        "31", "32", "33", "34", "35", "36", "36a", "37", "38", "38a", "104c");

    /// <summary>
    /// Every section a caseworker may decide under: the titles, and the decisions that are no title (toleration § 60a,
    /// training and employment toleration §§ 60c, 60d, the formal obligation § 68, the provisional certificate § 81).
    /// </summary>
    public static IReadOnlyList<string> Known { get; } = [.. ResidenceTitles, .. Codes("60a", "60b", "60c", "60d", "68", "81")];

    private static readonly HashSet<string> KnownSet = new(Known, StringComparer.Ordinal);

    private static readonly HashSet<string> TitleSet = new(ResidenceTitles, StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && KnownSet.Contains(code);

    public static bool IsResidenceTitle(string? code) => code is not null && TitleSet.Contains(code);

    /// <summary>How people read a code: <c>AufenthG-18a</c> → <c>§ 18a AufenthG</c>.</summary>
    public static string Display(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.StartsWith(Prefix, StringComparison.Ordinal) ? $"§ {code[Prefix.Length..]} AufenthG" : code;
    }

    private static string[] Codes(params string[] sections) => [.. sections.Select(s => Prefix + s)];
}
