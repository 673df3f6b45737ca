namespace Saas.Platform.Texts;

/// <summary>
/// The CLDR plural category of a count, for the languages the platform speaks (unicode.org/cldr plural rules,
/// integers only). A text that depends on a number lists its forms by category (<c>one</c>, <c>few</c>,
/// <c>other</c>, …); <c>other</c> is always required.
/// </summary>
public static class PluralRules
{
    public static string Category(string language, long count)
    {
        var n = Math.Abs(count);
        var mod10 = n % 10;
        var mod100 = n % 100;
        return language switch
        {
            // No plural distinction.
            "vi" or "zh" or "ja" or "ko" => "other",
            "fa" => n is 0 or 1 ? "one" : "other",
            "ar" => n switch
            {
                0 => "zero",
                1 => "one",
                2 => "two",
                _ when mod100 is >= 3 and <= 10 => "few",
                _ when mod100 is >= 11 and <= 99 => "many",
                _ => "other",
            },
            "ru" or "uk" => mod10 == 1 && mod100 != 11 ? "one"
                : mod10 is >= 2 and <= 4 && mod100 is < 12 or > 14 ? "few"
                : "many",
            "pl" => n == 1 ? "one"
                : mod10 is >= 2 and <= 4 && mod100 is < 12 or > 14 ? "few"
                : "many",
            "fr" => n is 0 or 1 ? "one" : "other",
            // German, English and most others: one and other.
            _ => n == 1 ? "one" : "other",
        };
    }
}
