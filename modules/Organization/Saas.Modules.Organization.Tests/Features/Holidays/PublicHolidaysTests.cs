using Saas.Modules.Organization.Features.Holidays;

namespace Saas.Modules.Organization.Tests.Features.Holidays;

public sealed class PublicHolidaysTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void EasterSunday_IsComputedCorrectly(int year, int month, int day) =>
        PublicHolidays.EasterSunday(year).ShouldBe(new DateOnly(year, month, day));

    [Fact]
    public void NorthRhineWestphalia_HasCorpusChristiAndAllSaints_ButNotReformationDay()
    {
        var names = PublicHolidays.For("NW", 2026).Select(h => h.Name).ToList();
        names.ShouldContain("Fronleichnam");
        names.ShouldContain("Allerheiligen");
        names.ShouldNotContain("Reformationstag");
        PublicHolidays.For("NW", 2026).Single(h => h.Name == "Fronleichnam").Date.ShouldBe(new DateOnly(2026, 6, 4));
    }

    [Fact]
    public void Saxony_HasTheDayOfRepentance_OnTheWednesdayBeforeNovember23()
    {
        PublicHolidays.For("SN", 2025).Single(h => h.Name == "Buß- und Bettag").Date.ShouldBe(new DateOnly(2025, 11, 19));
        PublicHolidays.For("SN", 2026).Single(h => h.Name == "Buß- und Bettag").Date.ShouldBe(new DateOnly(2026, 11, 18));
    }

    [Fact]
    public void Bavaria_MarksAssumptionDayAsRegional_AndHesseHasNoEpiphany()
    {
        PublicHolidays.For("BY", 2026).Single(h => h.Name == "Mariä Himmelfahrt").RegionalOnly.ShouldBeTrue();
        PublicHolidays.For("HE", 2026).ShouldNotContain(h => h.Name == "Heilige Drei Könige");
        PublicHolidays.For("BE", 2026).ShouldContain(h => h.Name == "Internationaler Frauentag");
    }
}
