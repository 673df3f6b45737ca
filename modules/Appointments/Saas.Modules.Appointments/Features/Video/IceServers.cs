using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Saas.Modules.Appointments.Features.Video;

/// <summary>An entry of <c>RTCConfiguration.iceServers</c> as the browser takes it.</summary>
internal sealed record IceServer(IReadOnlyList<string> Urls, string? Username = null, string? Credential = null);

/// <summary>
/// STUN and TURN for a room (section <c>Appointments:Video</c>, docs/adr/0039). TURN credentials are coturn's
/// time-limited ones (<c>use-auth-secret</c> with <c>static-auth-secret</c>, the "TURN REST API"): the user name is the
/// expiry as Unix seconds, a colon and the room, the password the Base64 HMAC-SHA1 of that user name under the shared
/// secret; coturn checks both without asking the platform, and they stop working when the room closes (plus a margin
/// for a call that runs over). Nothing configured: no servers, the browsers connect directly (same network only).
/// </summary>
internal sealed class IceServers(IOptions<AppointmentsOptions> options)
{
    /// <summary>Credentials stay valid this long after the room closes.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    public IReadOnlyList<IceServer> For(Guid room, DateTimeOffset closesAt)
    {
        var video = options.Value.Video;
        List<IceServer> servers = [];
        if (video.StunUrls.Length > 0)
        {
            servers.Add(new IceServer(video.StunUrls));
        }

        if (video.TurnUrls.Length > 0 && !string.IsNullOrEmpty(video.TurnSecret))
        {
            var (username, credential) = Credentials(video.TurnSecret, room, closesAt + Margin);
            servers.Add(new IceServer(video.TurnUrls, username, credential));
        }

        return servers;
    }

    /// <summary>coturn's REST API credentials for <paramref name="room"/>, valid until <paramref name="expires"/>.</summary>
    public static (string Username, string Credential) Credentials(string secret, Guid room, DateTimeOffset expires)
    {
        var username = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ":" + room.ToString("N");
        var credential = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));
        return (username, credential);
    }
}
