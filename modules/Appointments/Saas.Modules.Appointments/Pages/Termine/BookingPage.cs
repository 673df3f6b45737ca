using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Platform.Errors;
using Saas.Platform.Web;

namespace Saas.Modules.Appointments.Pages.Termine;

/// <summary>A problem a form ran into, in the reader's language, shown above the form.</summary>
internal sealed record BookingFormError(string Title);

/// <summary>One week of free slots as the portal shows it: each day with its times, and where to page to.</summary>
internal sealed record SlotWeek(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<SlotDay> Days,
    DateOnly? Earlier,
    DateOnly? Later,
    SlotView? NextFree);

internal sealed record SlotDay(DateOnly Day, IReadOnlyList<SlotView> Slots);

/// <summary>
/// The base of the portal's booking pages (docs/adr/0031, 0035): public, no JavaScript needed — each choice is a form
/// that posts back, then redirects (post/redirect/get). They call the same use cases as the booking API, and show a
/// problem on the page again, in the reader's language, with its status. Every post counts against the client's limit
/// (docs/adr/0036); showing a page does not.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Saas.Platform.Antibot.ClientLimits.Policy)]
internal abstract class BookingPage : PageModel
{
    public const int WeekDays = 7;

    public BookingFormError? Error { get; protected set; }

    /// <summary>The ALTCHA widget's language: its translation of the reader's language, else German.</summary>
    public static string AltchaLanguage => L.Lang switch
    {
        "en" or "ar" or "fa" or "ru" or "tr" or "uk" => L.Lang,
        _ => "de",
    };

    /// <summary>
    /// A name the authority configured (an appointment type's, a location's) in German and optionally English: the
    /// reader's language if it is English and given, else German, marked as such (docs/adr/0033). Configured metadata
    /// carries these two names; page texts come from the resource files.
    /// </summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Configured(string name, string? nameEn) => ConfiguredText.NameHtml(name, nameEn);

    /// <summary>"Montag, 7. Dezember" in the reader's language and calendar (always Gregorian, docs/adr/0033).</summary>
    public static string Day(DateOnly day) => day.ToString(L.T("appointments.portal.format.day"), L.Culture);

    public static string Time(DateTimeOffset local) => local.ToString(L.T("appointments.portal.format.time"), L.Culture);

    /// <summary>Day and time range of a slot, e.g. "Montag, 7. Dezember 2026, 09:00–09:30 Uhr".</summary>
    public static string When(DateTimeOffset start, DateTimeOffset end) =>
        $"{Date(start)}, " + L.T("appointments.portal.time-range", ("start", Time(start)), ("end", Time(end)));

    /// <summary>A moment, e.g. "Freitag, 4. Dezember 2026, 09:00".</summary>
    public static string At(DateTimeOffset local) => $"{Date(local)}, {Time(local)}";

    private static string Date(DateTimeOffset local) => $"{Day(DateOnly.FromDateTime(local.DateTime))} {local.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The slot's start as the form sends it back (ISO 8601 with the offset of the day).</summary>
    public static string Value(DateTimeOffset start) => start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Runs a form's action; a problem is shown on the page with its status instead of an error page.</summary>
    protected async Task<IActionResult> SubmitAsync(Func<Task<IActionResult>> action, Func<SaasProblemException, Task> reload)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(reload);
        try
        {
            return await action();
        }
        catch (SaasProblemException problem) when (problem.Status is not StatusCodes.Status404NotFound)
        {
            Error = new BookingFormError(L.T(problem.Title));
            Response.StatusCode = problem.Status;
            await reload(problem);
            return Page();
        }
    }

    /// <summary>A week of free slots of a type from <paramref name="from"/> (today at the earliest, within the horizon).</summary>
    protected static async Task<SlotWeek> WeekAsync(ReadAvailability availability, Features.Definitions.AppointmentTypeDefinition type, DateOnly? from, DateOnly today,
        CancellationToken ct)
    {
        var last = today.AddDays(Math.Max(type.HorizonDays, 1) - 1);
        var start = from is { } f && f > today ? (f > last ? last : f) : today;
        var end = start.AddDays(WeekDays - 1) > last ? last : start.AddDays(WeekDays - 1);
        var view = await availability.ExecuteAsync(new ReadAvailabilityRequest(type.Key, start, end.DayNumber - start.DayNumber + 1), ct);
        var days = Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Select(start.AddDays)
            .Select(day => new SlotDay(day, [.. view.Slots.Where(s => DateOnly.FromDateTime(s.Start.DateTime) == day)])).ToList();
        SlotView? next = null;
        if (view.Slots.Count == 0 && end < last)
        {
            var rest = Math.Min(last.DayNumber - end.DayNumber, ReadAvailability.MaxDays);
            next = (await availability.ExecuteAsync(new ReadAvailabilityRequest(type.Key, end.AddDays(1), rest), ct)).Slots.FirstOrDefault();
        }

        return new SlotWeek(start, end, days, start > today ? (start.AddDays(-WeekDays) < today ? today : start.AddDays(-WeekDays)) : null,
            end < last ? end.AddDays(1) : null, next);
    }
}
