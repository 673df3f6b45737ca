namespace Saas.Modules.Cases.Features.PersonSearch;

/// <summary>
/// Kölner Phonetik (Postel, 1969): a phonetic code for German-sounding names, so that spellings and
/// transliterations of one name (Mohammed, Muhammad, Mohamed; Meier, Mayer, Maier) share a code.
/// </summary>
internal static class KoelnerPhonetik
{
    public static string Encode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var letters = Normalize(name);
        var raw = new StringBuilder();
        for (var i = 0; i < letters.Length; i++)
        {
            var c = letters[i];
            var prev = i > 0 ? letters[i - 1] : '\0';
            var next = i + 1 < letters.Length ? letters[i + 1] : '\0';
            raw.Append(c switch
            {
                'A' or 'E' or 'I' or 'J' or 'O' or 'U' or 'Y' => "0",
                'H' => "-",
                'B' => "1",
                'P' => next == 'H' ? "3" : "1",
                'D' or 'T' => next is 'C' or 'S' or 'Z' ? "8" : "2",
                'F' or 'V' or 'W' => "3",
                'G' or 'K' or 'Q' => "4",
                'C' when i == 0 => next is 'A' or 'H' or 'K' or 'L' or 'O' or 'Q' or 'R' or 'U' or 'X' ? "4" : "8",
                'C' => prev is 'S' or 'Z' ? "8" : next is 'A' or 'H' or 'K' or 'O' or 'Q' or 'U' or 'X' ? "4" : "8",
                'X' => prev is 'C' or 'K' or 'Q' ? "8" : "48",
                'L' => "5",
                'M' or 'N' => "6",
                'R' => "7",
                'S' or 'Z' => "8",
                _ => "",
            });
        }

        // Collapse repeated digits, drop the "ignore" marks, then drop zeros except at the start.
        var collapsed = new StringBuilder();
        foreach (var digit in raw.ToString())
        {
            if (digit == '-')
            {
                continue;
            }

            if (collapsed.Length == 0 || collapsed[^1] != digit)
            {
                collapsed.Append(digit);
            }
        }

        var code = collapsed.ToString();
        return code.Length == 0 ? "" : code[0] + code[1..].Replace("0", "", StringComparison.Ordinal);
    }

    private static string Normalize(string name)
    {
        var upper = name.ToUpperInvariant()
            .Replace("Ä", "A", StringComparison.Ordinal).Replace("Ö", "O", StringComparison.Ordinal)
            .Replace("Ü", "U", StringComparison.Ordinal).Replace("ß", "S", StringComparison.Ordinal);
        var decomposed = upper.Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(c => c is >= 'A' and <= 'Z').ToArray());
    }
}
