namespace Saas.Platform.Web;

/// <summary>
/// German first, English second: picks the text for the request's language. In the kernel so that the host's pages
/// and the modules' pages (Razor class libraries) speak with one helper.
/// </summary>
public static class L
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Lang => IsEnglish ? "en" : "de";

    public static string T(string german, string english) => IsEnglish ? english : german;

    public static string Day(DayOfWeek day) => IsEnglish
        ? CultureInfo.GetCultureInfo("en").DateTimeFormat.GetDayName(day)
        : CultureInfo.GetCultureInfo("de").DateTimeFormat.GetDayName(day);

    public static string Date(DateOnly date) => date.ToString(IsEnglish ? "d MMMM yyyy" : "d. MMMM yyyy", CultureInfo.GetCultureInfo(Lang));
}
