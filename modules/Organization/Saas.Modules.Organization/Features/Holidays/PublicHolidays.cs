namespace Saas.Modules.Organization.Features.Holidays;

/// <summary>
/// A public holiday: its date and its key; the names come from the text files (<c>organization.holiday.{key}</c>), so a
/// language added to the platform names the holidays as well.
/// </summary>
internal sealed record PublicHoliday(DateOnly Date, string Key, bool RegionalOnly = false)
{
    // The module's texts are in the shared catalogue once the host has started; included here for callers without a host.
    private static readonly TextCatalog Texts = TextCatalog.Include([typeof(PublicHoliday).Assembly]);

    public LocalizedText Text => new("organization.holiday." + Key);

    public string Name => Texts.Format(Text, System.Globalization.CultureInfo.GetCultureInfo("de"));

    public string NameEn => Texts.Format(Text, System.Globalization.CultureInfo.GetCultureInfo("en"));
}

/// <summary>
/// Statutory public holidays per federal state, computed offline (no calendar service). Easter by the
/// anonymous Gregorian computus (Meeus/Jones/Butcher). Holidays that apply only in parts of a state
/// (Mariä Himmelfahrt in Bavaria's predominantly Catholic municipalities, Augsburger Friedensfest,
/// Fronleichnam in some Saxon and Thuringian municipalities) are marked <see cref="PublicHoliday.RegionalOnly"/>.
/// </summary>
internal static class PublicHolidays
{
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    public static IReadOnlyList<PublicHoliday> For(string federalState, int year)
    {
        var easter = EasterSunday(year);
        var list = new List<PublicHoliday>
        {
            new(new DateOnly(year, 1, 1), "new-years-day"),
            new(easter.AddDays(-2), "good-friday"),
            new(easter.AddDays(1), "easter-monday"),
            new(new DateOnly(year, 5, 1), "labour-day"),
            new(easter.AddDays(39), "ascension-day"),
            new(easter.AddDays(50), "whit-monday"),
            new(new DateOnly(year, 10, 3), "day-of-german-unity"),
            new(new DateOnly(year, 12, 25), "christmas-day"),
            new(new DateOnly(year, 12, 26), "boxing-day"),
        };

        void Add(DateOnly date, string key, bool regional = false) => list.Add(new(date, key, regional));

        if (federalState is "BW" or "BY" or "ST")
        {
            Add(new DateOnly(year, 1, 6), "epiphany");
        }

        if (federalState is "BE" && year >= 2019 || federalState is "MV" && year >= 2023)
        {
            Add(new DateOnly(year, 3, 8), "international-womens-day");
        }

        if (federalState is "BB")
        {
            Add(easter, "easter-sunday");
            Add(easter.AddDays(49), "whit-sunday");
        }

        if (federalState is "BW" or "BY" or "HE" or "NW" or "RP" or "SL")
        {
            Add(easter.AddDays(60), "corpus-christi");
        }
        else if (federalState is "SN" or "TH")
        {
            Add(easter.AddDays(60), "corpus-christi", regional: true);
        }

        if (federalState is "SL")
        {
            Add(new DateOnly(year, 8, 15), "assumption-day");
        }
        else if (federalState is "BY")
        {
            Add(new DateOnly(year, 8, 15), "assumption-day", regional: true);
            Add(new DateOnly(year, 8, 8), "augsburg-peace-festival", regional: true);
        }

        if (federalState is "TH" && year >= 2019)
        {
            Add(new DateOnly(year, 9, 20), "world-childrens-day");
        }

        if (federalState is "BB" or "MV" or "SN" or "ST" or "TH" || (federalState is "HB" or "HH" or "NI" or "SH" && year >= 2018) || year == 2017)
        {
            Add(new DateOnly(year, 10, 31), "reformation-day");
        }

        if (federalState is "BW" or "BY" or "NW" or "RP" or "SL")
        {
            Add(new DateOnly(year, 11, 1), "all-saints-day");
        }

        if (federalState is "SN")
        {
            // Wednesday before 23 November.
            var day = new DateOnly(year, 11, 22);
            while (day.DayOfWeek != DayOfWeek.Wednesday)
            {
                day = day.AddDays(-1);
            }

            Add(day, "day-of-repentance-and-prayer");
        }

        return list.OrderBy(h => h.Date).ToList();
    }
}
