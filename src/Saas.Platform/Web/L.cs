using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

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
    /// A text for the page's body, marked with its own language when it is a fallback's (<c>&lt;span lang="en"&gt;</c>
    /// on a Turkish page whose text has no Turkish version yet): screen readers pronounce it rightly, and the layout
    /// tells the reader which language they are reading instead of theirs (docs/adr/0033). Attributes take
    /// <see cref="T(string)"/>.
    /// </summary>
    public static IHtmlContent Tx(string key, params (string Name, object? Value)[] arguments)
    {
        var (text, language) = Catalog.GetWithLanguage(key, arguments);
        return Marked(text, language);
    }

    /// <summary>
    /// <see cref="Choose"/> for the page's body: a value the authority configured per language (a location's name
    /// in German and English), marked with its language when it is not the reader's.
    /// </summary>
    public static IHtmlContent ChooseTx(params (string Language, string? Text)[] byLanguage)
    {
        var (text, language) = ChooseWithLanguage(byLanguage);
        return Marked(text, language);
    }

    /// <summary>
    /// The <c>lang</c> attribute for an element that shows <see cref="Choose"/>'s result: null when it is the reader's
    /// language, otherwise the language it is in (noted for the layout's notice, like <see cref="Tx"/>).
    /// </summary>
    public static string? LangOf(params (string Language, string? Text)[] byLanguage)
    {
        var language = ChooseWithLanguage(byLanguage).Language;
        if (language is null || string.Equals(language, Lang, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        TextFallbacks.Note(language);
        return language;
    }

    private static IHtmlContent Marked(string text, string? language)
    {
        if (language is null || string.Equals(language, Lang, StringComparison.OrdinalIgnoreCase))
        {
            return new MarkedText(text, null, null);
        }

        TextFallbacks.Note(language);
        var described = Languages.FirstOrDefault(l => string.Equals(l.Tag, language, StringComparison.OrdinalIgnoreCase));
        return new MarkedText(text, language, described is not null && described.RightToLeft != Current.RightToLeft ? described.Direction : null);
    }

    /// <summary>A text written with the page's own encoder (the host's, which leaves Arabic or Cyrillic letters as they are), in a span with its language when it has one.</summary>
    private sealed record MarkedText(string Text, string? Language, string? Direction) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            if (Language is null)
            {
                encoder.Encode(writer, Text);
                return;
            }

            writer.Write("<span lang=\"");
            encoder.Encode(writer, Language);
            writer.Write('"');
            if (Direction is not null)
            {
                writer.Write(" dir=\"");
                writer.Write(Direction);
                writer.Write('"');
            }

            writer.Write('>');
            encoder.Encode(writer, Text);
            writer.Write("</span>");
        }
    }

    /// <summary>The languages this request's page borrowed texts from, as the platform names them (for the layout's notice).</summary>
    public static IReadOnlyList<Language> Borrowed =>
        [.. TextFallbacks.Borrowed.Select(tag => Languages.FirstOrDefault(l => string.Equals(l.Tag, tag, StringComparison.OrdinalIgnoreCase))).OfType<Language>()];

    /// <summary>
    /// A value that configuration gives per language (a document type's <c>name</c> and <c>nameEn</c>): the first
    /// the reader's fallback chain finds.
    /// </summary>
    public static string Choose(params (string Language, string? Text)[] byLanguage) => ChooseWithLanguage(byLanguage).Text;

    private static (string Text, string? Language) ChooseWithLanguage((string Language, string? Text)[] byLanguage)
    {
        foreach (var language in Catalog.Chain(CultureInfo.CurrentUICulture))
        {
            foreach (var (tag, text) in byLanguage)
            {
                if (string.Equals(tag, language, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(text))
                {
                    return (text, tag);
                }
            }
        }

        var first = byLanguage.FirstOrDefault(b => !string.IsNullOrEmpty(b.Text));
        return first.Text is null ? ("", null) : (first.Text, first.Language);
    }

    public static string Day(DayOfWeek day) => Culture.DateTimeFormat.GetDayName(day);

    public static string Date(DateOnly date) => date.ToString(Catalog["format.date.long"], Culture);

    private static readonly ConcurrentDictionary<string, CultureInfo> Cultures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The reader's culture for dates and numbers, always on the Gregorian calendar: .NET writes Persian dates in the
    /// Solar Hijri calendar by default, but an appointment, a deadline or a permit's expiry in Germany is a Gregorian
    /// date, and the applicant has to match it with the letter in their hand.
    /// </summary>
    public static CultureInfo Culture => Cultures.GetOrAdd(Lang, static tag =>
    {
        var culture = CultureInfo.GetCultureInfo(tag);
        if (culture.DateTimeFormat.Calendar is GregorianCalendar)
        {
            return culture;
        }

        var gregorian = (CultureInfo)culture.Clone();
        gregorian.DateTimeFormat.Calendar = gregorian.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() ?? new GregorianCalendar();
        return CultureInfo.ReadOnly(gregorian);
    });
}
