using System.Globalization;
using Saas.Platform.Web;

namespace Saas.Modules.Studio.Features.Documents;

/// <summary>Times as the admin reads them: in Europe/Berlin (the authorities' time), in the admin's language's format.</summary>
internal static class StudioTime
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static string Local(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Berlin);
        var culture = CultureInfo.GetCultureInfo(L.Lang);
        return local.ToString(culture.DateTimeFormat.ShortDatePattern + " " + culture.DateTimeFormat.LongTimePattern, culture);
    }

    /// <summary>The machine-readable value of a <c>&lt;time datetime&gt;</c>, with the offset of Berlin at that moment.</summary>
    public static string Iso(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Berlin).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A version's state in the admin's language.</summary>
    public static string State(MetadataState state) => L.T("studio.state." + state.ToString().ToLowerInvariant());
}
