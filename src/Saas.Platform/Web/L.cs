
namespace Saas.Platform.Web;

/// <summary>
/// Texts and language for pages (the host's and the modules'): <c>@L.T("cases.inbox.title")</c> writes a text of
/// the catalogue in the request's language (docs/adr/0012); <see cref="Lang"/> and <see cref="Dir"/> go on the
/// <c>html</c> element.
/// </summary>
public static class L
{
    private static TextCatalog Catalog => TextCatalog.Shared;

    public static Language Current => Catalog.Current;

    public static string Lang => Current.Tag;

    /// <summary><c>rtl</c> for Arabic, Persian and the like, otherwise <c>ltr</c>.</summary>
    public static string Dir => Current.Direction;

    /// <summary>The languages the platform speaks (one entry per language in the text files).</summary>
    public static IReadOnlyList<Language> Languages => Catalog.Languages;

    public static bool IsEnglish => Lang == "en";

    public static string T(string key) => Catalog[key];

    public static string T(string key, params (string Name, object? Value)[] arguments) => Catalog.Get(key, arguments);

    public static string T(LocalizedText text) => Catalog.Format(text);

    /// <summary>
    /// A value that configuration gives per language (a document type's <c>name</c> and <c>nameEn</c>): the first
    /// the reader's fallback chain finds.
    /// </summary>
    public static string Choose(params (string Language, string? Text)[] byLanguage)
    {
        foreach (var language in Catalog.Chain(CultureInfo.CurrentUICulture))
        {
            foreach (var (tag, text) in byLanguage)
            {
                if (string.Equals(tag, language, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(text))
                {
                    return text;
                }
            }
        }

        return byLanguage.Select(b => b.Text).FirstOrDefault(t => !string.IsNullOrEmpty(t)) ?? "";
    }

    public static string Day(DayOfWeek day) => CultureInfo.GetCultureInfo(Lang).DateTimeFormat.GetDayName(day);

    public static string Date(DateOnly date) => date.ToString(Catalog["format.date.long"], CultureInfo.GetCultureInfo(Lang));
}
