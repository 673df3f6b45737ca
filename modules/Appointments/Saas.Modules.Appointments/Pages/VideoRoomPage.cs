using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Appointments.Features.Video;
using Saas.Platform.Web;

namespace Saas.Modules.Appointments.Pages;

/// <summary>
/// A video room's page (docs/adr/0039), the applicant's (<c>/termine/video/{token}</c>) or staff's
/// (<c>/workbench/termine/video/{id}</c>): the room's view, where it signals and the prefix of its texts.
/// Only these pages may use camera and microphone; every other page keeps them switched off.
/// </summary>
internal abstract class VideoRoomPage : PageModel
{
    public VideoRoomView Room { get; protected set; } = null!;

    /// <summary>Where the page sends its signals (POST) and receives the other side's (server-sent events).</summary>
    public string Signals { get; protected set; } = "";

    /// <summary>Where the applicant uploads a document; staff upload nothing from the room.</summary>
    public string? Documents { get; protected set; }

    /// <summary>The prefix of the room's texts: the portal's for the applicant, the workbench's for staff.</summary>
    public abstract string Texts { get; }

    public static string Time(DateTimeOffset local) => Termine.BookingPage.Time(local);

    protected void AllowCameraAndMicrophone() => Response.Headers["Permissions-Policy"] = SecurityHeaders.VideoRoomPermissionsPolicy;
}
