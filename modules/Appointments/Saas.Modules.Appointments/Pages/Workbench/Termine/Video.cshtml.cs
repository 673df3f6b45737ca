using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using Saas.Modules.Appointments.Features.Video;
using Saas.Platform.Identity;

namespace Saas.Modules.Appointments.Pages.Workbench.Termine;

/// <summary>
/// The caseworker's room of a video appointment (docs/adr/0039), with the person and their file one click away. The
/// page signals through its own handlers (<c>?handler=Signals</c>): the API accepts only bearer tokens, the workbench
/// signs in with a session cookie, and a POST handler checks the page's antiforgery token.
/// </summary>
[Authorize(Policy = SaasPolicies.Staff)]
internal sealed class VideoModel(VideoRooms rooms) : VideoRoomPage
{
    public override string Texts => "appointments.staff.video";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Room = await rooms.ViewAsync(await rooms.ForStaffAsync(id, ct), ct);
        Signals = Url.Content($"~/workbench/termine/video/{id}") + "?handler=Signals";
        AllowCameraAndMicrophone();
        return Page();
    }

    /// <summary>The applicant's signals, as the API's stream (or JSON for a client that does not ask for one).</summary>
    public async Task<IActionResult> OnGetSignalsAsync(Guid id, [FromServices] VideoSignals signals, [FromServices] VideoHub hub,
        [FromServices] AppointmentsDbContext db, [FromServices] IHostApplicationLifetime lifetime)
    {
        await VideoFeature.StreamAsync(await rooms.ForStaffAsync(id, HttpContext.RequestAborted), HttpContext, rooms, signals, hub, db, lifetime);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostSignalsAsync(Guid id, [FromBody] VideoSignalRequest body, [FromServices] VideoSignals signals, CancellationToken ct)
    {
        await signals.SendAsync(rooms.EnsureOpen(await rooms.ForStaffAsync(id, ct)), body ?? new VideoSignalRequest(null, null), ct);
        return StatusCode(StatusCodes.Status202Accepted);
    }
}
