using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Appointments.Features.Video;

namespace Saas.Modules.Appointments.Pages.Termine;

/// <summary>The applicant's room of a video appointment, reached with the booking's link token (docs/adr/0039).</summary>
internal sealed class VideoModel(VideoRooms rooms) : VideoRoomPage
{
    public override string Texts => "appointments.portal.video";

    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Token = token;
        Room = await rooms.ViewAsync(await rooms.ForApplicantAsync(token, ct), ct);
        var api = Url.Content("~/api/appointments/video/" + Uri.EscapeDataString(token));
        Signals = api + "/signals";
        Documents = api + "/documents";
        AllowCameraAndMicrophone();
        return Page();
    }
}
