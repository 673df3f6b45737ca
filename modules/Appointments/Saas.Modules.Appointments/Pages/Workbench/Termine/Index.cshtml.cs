using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Appointments.Features.Schedule;
using Saas.Platform.Errors;
using Saas.Platform.Identity;
using Saas.Platform.Web;

namespace Saas.Modules.Appointments.Pages.Workbench.Termine;

/// <summary>
/// The front office's day (issue 15, item 7; as <c>GET /api/appointments/schedule</c>): the appointments of a day per
/// location, each person one click from their e-file (the workbench's search by name and birth date), cancelling by
/// the office with a notice to the person, and the lead time per type.
/// </summary>
[Authorize(Policy = SaasPolicies.Staff)]
internal sealed class IndexModel(ReadSchedule read, CancelByOffice cancel) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tag")]
    public DateOnly? Day { get; set; }

    [BindProperty(SupportsGet = true, Name = "standort")]
    public string? Location { get; set; }

    /// <summary>The code of the appointment just cancelled (after the redirect).</summary>
    [FromQuery(Name = "abgesagt")]
    public string? Cancelled { get; set; }

    /// <summary>The code of the appointment just moved (after the redirect from the move page).</summary>
    [FromQuery(Name = "verlegt")]
    public string? Moved { get; set; }

    public ScheduleView Schedule { get; private set; } = null!;

    public string? Error { get; private set; }

    public static string Time(DateTimeOffset local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString(L.T("appointments.staff.format.day"), L.Culture);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Schedule = await read.ExecuteAsync(new ReadScheduleRequest(Day, Location), ct);
            return Page();
        }
        catch (SaasProblemException problem) when (problem.Code == "appointment-location-not-found")
        {
            Error = L.T(problem.Title);
            Response.StatusCode = problem.Status;
            Schedule = await read.ExecuteAsync(new ReadScheduleRequest(Day), ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, CancellationToken ct)
    {
        try
        {
            var entry = await cancel.ExecuteAsync(id, new CancelByOfficeRequest(reason), ct);
            return RedirectToPage(new { tag = Day is { } d ? Iso(d) : null, standort = Location, abgesagt = entry.Code });
        }
        catch (SaasProblemException problem) when (problem.Status != StatusCodes.Status404NotFound)
        {
            Error = L.T(problem.Title);
            Response.StatusCode = problem.Status;
            Schedule = await read.ExecuteAsync(new ReadScheduleRequest(Day, Location), ct);
            return Page();
        }
    }
}
