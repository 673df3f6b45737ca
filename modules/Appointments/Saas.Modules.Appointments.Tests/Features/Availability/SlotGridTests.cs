using System.Text.Json.Nodes;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Modules.Appointments.Features.Definitions;

namespace Saas.Modules.Appointments.Tests.Features.Availability;

/// <summary>
/// The rules of the slot grid, without a database (docs/adr/0031): opening hours cut into duration + buffer, holidays
/// and closures, minimum notice and horizon from the caller's clock, and Berlin's local times across both changes of time.
/// </summary>
public sealed class SlotGridTests
{
    private static readonly IReadOnlySet<DateOnly> NoHolidays = new HashSet<DateOnly>();

    private static readonly IReadOnlyDictionary<DayOfWeek, IReadOnlyList<string>> Weekdays = new Dictionary<DayOfWeek, IReadOnlyList<string>>
    {
        [DayOfWeek.Monday] = ["08:00-09:00"],
        [DayOfWeek.Tuesday] = ["08:00-09:00"],
        [DayOfWeek.Wednesday] = ["08:00-09:00"],
        [DayOfWeek.Thursday] = ["08:00-09:00", "14:00-15:00"],
        [DayOfWeek.Friday] = ["08:00-09:00"],
    };

    private static AppointmentTypeDefinition Type(int duration = 20, int buffer = 5, int notice = 0, int horizon = 90, string closures = "[]") =>
        AppointmentTypeDefinition.Read("t", JsonNode.Parse($$"""
            { "name": "T", "location": "l", "service": "s", "durationMinutes": {{duration}}, "bufferMinutes": {{buffer}}, "capacity": 1,
              "minimumNoticeHours": {{notice}}, "horizonDays": {{horizon}}, "closures": {{closures}} }
            """)!);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void OpeningHours_AreCutIntoDurationPlusBuffer_AndASlotMustEndBeforeClosing()
    {
        var monday = new DateOnly(2027, 1, 11);
        var slots = SlotGrid.Slots(Type(), Weekdays, NoHolidays, monday, monday, Utc(2027, 1, 1, 0));

        // 08:00, 08:25 fit (20 minutes + 5 buffer); 08:50 + 20 would end at 09:10, after closing. Winter: UTC+1.
        slots.Select(s => s.Start).ShouldBe([Utc(2027, 1, 11, 7, 0), Utc(2027, 1, 11, 7, 25)]);
        slots.ShouldAllBe(s => s.End - s.Start == TimeSpan.FromMinutes(20));
    }

    [Fact]
    public void ADayWithTwoRanges_HasSlotsInBoth_AndAWeekendDayWithoutHoursHasNone()
    {
        var thursday = new DateOnly(2027, 1, 14);
        var slots = SlotGrid.Slots(Type(30, 0), Weekdays, NoHolidays, thursday, thursday.AddDays(4), Utc(2027, 1, 1, 0));

        slots.Select(s => SlotGrid.ToLocal(s.Start).ToString("ddd HH:mm", System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(["Thu 08:00", "Thu 08:30", "Thu 14:00", "Thu 14:30", "Fri 08:00", "Fri 08:30", "Mon 08:00", "Mon 08:30"]);
    }

    [Fact]
    public void Holidays_AndClosures_HaveNoSlots()
    {
        var monday = new DateOnly(2027, 1, 11);
        var closures = """[{ "from": "2027-01-13", "to": "2027-01-14", "reason": "Schulung" }]""";
        var slots = SlotGrid.Slots(Type(closures: closures), Weekdays, new HashSet<DateOnly> { monday }, monday, monday.AddDays(4), Utc(2027, 1, 1, 0));

        slots.Select(s => SlotGrid.LocalDate(s.Start)).Distinct().ShouldBe([new DateOnly(2027, 1, 12), new DateOnly(2027, 1, 15)]);
    }

    [Fact]
    public void MinimumNotice_CountsFromTheCallersClock()
    {
        var monday = new DateOnly(2027, 1, 11);
        // Now: Monday 08:10 local (07:10Z); 24 hours' notice leaves Tuesday's 08:25 as the first slot.
        var slots = SlotGrid.Slots(Type(notice: 24), Weekdays, NoHolidays, monday, monday.AddDays(1), Utc(2027, 1, 11, 7, 10));

        slots.Select(s => s.Start).ShouldBe([Utc(2027, 1, 12, 7, 25)]);
    }

    [Fact]
    public void Horizon_EndsTheDaysThatCanBeBooked_AndThePastIsNeverOffered()
    {
        var now = Utc(2027, 1, 11, 12, 0); // Monday afternoon
        var slots = SlotGrid.Slots(Type(horizon: 3), Weekdays, NoHolidays, new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 31), now);

        slots.Select(s => SlotGrid.LocalDate(s.Start)).Distinct().ShouldBe([new DateOnly(2027, 1, 12), new DateOnly(2027, 1, 13), new DateOnly(2027, 1, 14)]);
    }

    [Fact]
    public void AcrossTheChangeToSummerTime_08LocalStaysAt08_AndItsInstantMovesByAnHour()
    {
        // Summer time begins on Sunday, 28 March 2027, at 02:00 local.
        var slots = SlotGrid.Slots(Type(), Weekdays, NoHolidays, new DateOnly(2027, 3, 26), new DateOnly(2027, 3, 29), Utc(2027, 3, 1, 0));

        slots.Where(s => SlotGrid.LocalDate(s.Start) == new DateOnly(2027, 3, 26)).First().Start.ShouldBe(Utc(2027, 3, 26, 7, 0));
        slots.Where(s => SlotGrid.LocalDate(s.Start) == new DateOnly(2027, 3, 29)).First().Start.ShouldBe(Utc(2027, 3, 29, 6, 0));
        slots.ShouldAllBe(s => SlotGrid.ToLocal(s.Start).Hour == 8);
    }

    [Fact]
    public void OnTheNightOfTheChange_ASkippedLocalTimeIsNoSlot_AndSlotsLastTheirRealMinutes()
    {
        var sunday = new Dictionary<DayOfWeek, IReadOnlyList<string>> { [DayOfWeek.Sunday] = ["01:00-04:00"] };
        var spring = SlotGrid.Slots(Type(60, 0), sunday, NoHolidays, new DateOnly(2027, 3, 28), new DateOnly(2027, 3, 28), Utc(2027, 3, 1, 0));

        // 02:00 local does not exist that night: 01:00 (00:00Z) and 03:00 (01:00Z) are the slots.
        spring.Select(s => s.Start).ShouldBe([Utc(2027, 3, 28, 0, 0), Utc(2027, 3, 28, 1, 0)]);
        spring.ShouldAllBe(s => s.End - s.Start == TimeSpan.FromHours(1));

        // Back to winter time on 31 October 2027: 08:00 local is 06:00Z on Friday and 07:00Z on Monday.
        var autumn = SlotGrid.Slots(Type(), Weekdays, NoHolidays, new DateOnly(2027, 10, 29), new DateOnly(2027, 11, 1), Utc(2027, 10, 1, 0));
        autumn.First().Start.ShouldBe(Utc(2027, 10, 29, 6, 0));
        autumn.Last(s => SlotGrid.ToLocal(s.Start).Minute == 0).Start.ShouldBe(Utc(2027, 11, 1, 7, 0));
    }

    /// <summary>
    /// <see cref="SlotGrid.SlotAt"/> (one reservation's check) agrees with <see cref="SlotGrid.Slots"/> for every minute of
    /// weeks around both changes of time, with buffers, two ranges a day, a night range, holidays, closures, notice and
    /// horizon: whatever one offers, the other accepts, and nothing else.
    /// </summary>
    [Theory]
    [InlineData(20, 5, 0, 90)]
    [InlineData(30, 0, 24, 10)]
    [InlineData(60, 0, 0, 400)]
    [InlineData(7, 3, 1, 30)]
    public void ASingleStart_IsASlotExactlyWhenTheDaysGridHasIt(int duration, int buffer, int notice, int horizon)
    {
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<string>>(Weekdays) { [DayOfWeek.Sunday] = ["01:00-04:00"], [DayOfWeek.Saturday] = ["02:10-03:40"] };
        var closures = """[{ "from": "2027-03-31", "to": "2027-04-01", "reason": "Schulung" }]""";
        var type = Type(duration, buffer, notice, horizon, closures);
        var holidays = new HashSet<DateOnly> { new(2027, 10, 29) };
        foreach (var (from, now) in new[] { (new DateOnly(2027, 3, 25), Utc(2027, 3, 26, 7, 30)), (new DateOnly(2027, 10, 27), Utc(2027, 10, 26, 22, 0)) })
        {
            var to = from.AddDays(7);
            var grid = SlotGrid.Slots(type, hours, holidays, from, to, now).ToDictionary(s => s.Start);
            grid.Count.ShouldBeGreaterThan(0);
            var offered = 0;
            for (var instant = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-2); instant < new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); instant = instant.AddMinutes(1))
            {
                var slot = SlotGrid.SlotAt(type, hours, holidays, instant, now);
                slot.ShouldBe(grid.GetValueOrDefault(instant), $"{instant:O}");
                offered += slot is null ? 0 : 1;
            }

            offered.ShouldBe(grid.Count);
        }

        SlotGrid.SlotAt(type, hours, holidays, Utc(2027, 3, 29, 7, 0).AddSeconds(30), Utc(2027, 3, 1, 0)).ShouldBeNull("a start between minutes is none");
    }

    [Theory]
    [InlineData("08:00-12:00", true)]
    [InlineData("12:00-08:00", false)]
    [InlineData("8-12", false)]
    [InlineData("", false)]
    public void OpeningRanges_AreReadStrictly(string range, bool valid) => SlotGrid.TryParseRange(range, out _, out _).ShouldBe(valid);
}
