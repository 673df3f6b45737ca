namespace Saas.Modules.Organization.Features.Holidays;

/// <summary>A public holiday: date, German and English name.</summary>
internal sealed record PublicHoliday(DateOnly Date, string Name, string NameEn, bool RegionalOnly = false);

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
            new(new DateOnly(year, 1, 1), "Neujahr", "New Year's Day"),
            new(easter.AddDays(-2), "Karfreitag", "Good Friday"),
            new(easter.AddDays(1), "Ostermontag", "Easter Monday"),
            new(new DateOnly(year, 5, 1), "Tag der Arbeit", "Labour Day"),
            new(easter.AddDays(39), "Christi Himmelfahrt", "Ascension Day"),
            new(easter.AddDays(50), "Pfingstmontag", "Whit Monday"),
            new(new DateOnly(year, 10, 3), "Tag der Deutschen Einheit", "Day of German Unity"),
            new(new DateOnly(year, 12, 25), "1. Weihnachtstag", "Christmas Day"),
            new(new DateOnly(year, 12, 26), "2. Weihnachtstag", "Boxing Day"),
        };

        void Add(DateOnly date, string name, string nameEn, bool regional = false) => list.Add(new(date, name, nameEn, regional));

        if (federalState is "BW" or "BY" or "ST")
        {
            Add(new DateOnly(year, 1, 6), "Heilige Drei Könige", "Epiphany");
        }

        if (federalState is "BE" && year >= 2019 || federalState is "MV" && year >= 2023)
        {
            Add(new DateOnly(year, 3, 8), "Internationaler Frauentag", "International Women's Day");
        }

        if (federalState is "BB")
        {
            Add(easter, "Ostersonntag", "Easter Sunday");
            Add(easter.AddDays(49), "Pfingstsonntag", "Whit Sunday");
        }

        if (federalState is "BW" or "BY" or "HE" or "NW" or "RP" or "SL")
        {
            Add(easter.AddDays(60), "Fronleichnam", "Corpus Christi");
        }
        else if (federalState is "SN" or "TH")
        {
            Add(easter.AddDays(60), "Fronleichnam", "Corpus Christi", regional: true);
        }

        if (federalState is "SL")
        {
            Add(new DateOnly(year, 8, 15), "Mariä Himmelfahrt", "Assumption Day");
        }
        else if (federalState is "BY")
        {
            Add(new DateOnly(year, 8, 15), "Mariä Himmelfahrt", "Assumption Day", regional: true);
            Add(new DateOnly(year, 8, 8), "Augsburger Friedensfest", "Augsburg Peace Festival", regional: true);
        }

        if (federalState is "TH" && year >= 2019)
        {
            Add(new DateOnly(year, 9, 20), "Weltkindertag", "World Children's Day");
        }

        if (federalState is "BB" or "MV" or "SN" or "ST" or "TH" || (federalState is "HB" or "HH" or "NI" or "SH" && year >= 2018) || year == 2017)
        {
            Add(new DateOnly(year, 10, 31), "Reformationstag", "Reformation Day");
        }

        if (federalState is "BW" or "BY" or "NW" or "RP" or "SL")
        {
            Add(new DateOnly(year, 11, 1), "Allerheiligen", "All Saints' Day");
        }

        if (federalState is "SN")
        {
            // Wednesday before 23 November.
            var day = new DateOnly(year, 11, 22);
            while (day.DayOfWeek != DayOfWeek.Wednesday)
            {
                day = day.AddDays(-1);
            }

            Add(day, "Buß- und Bettag", "Day of Repentance and Prayer");
        }

        return list.OrderBy(h => h.Date).ToList();
    }
}
