using Microsoft.AspNetCore.Builder;
using Microsoft.Net.Http.Headers;

namespace Saas.Platform.Web;

/// <summary>
/// Browser hardening on every response (kernel, first in <c>UseSaasPlatform</c>): a Content-Security-Policy the pages
/// pass (scripts, styles, frames and images only from the platform's own origin, no inline code, no plugins, framing
/// only by the platform's own pages), no MIME sniffing, no referrer, no powerful browser features. A response that set
/// its own policy (personal content, <see cref="PersonalContent"/>) keeps it.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The pages' policy. The workbench shows documents in frames from the same origin (frame-src 'self').</summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "frame-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'self'";

    /// <summary>No page of the platform uses these; a script that got in could not either.</summary>
    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), " +
        "accelerometer=(), gyroscope=(), magnetometer=(), display-capture=()";

    /// <summary>A video room's page (docs/adr/0039): camera and microphone for the page itself, nothing else changed.</summary>
    public const string VideoRoomPermissionsPolicy =
        "camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), " +
        "accelerometer=(), gyroscope=(), magnetometer=(), display-capture=()";

    public static void Use(IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                SetIfMissing(headers, HeaderNames.ContentSecurityPolicy, PagePolicy);
                SetIfMissing(headers, HeaderNames.XContentTypeOptions, "nosniff");
                SetIfMissing(headers, HeaderNames.XFrameOptions, "SAMEORIGIN");
                SetIfMissing(headers, "Referrer-Policy", "no-referrer");
                SetIfMissing(headers, "Permissions-Policy", PermissionsPolicy);
                SetIfMissing(headers, "Cross-Origin-Opener-Policy", "same-origin");
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
    }

    private static void SetIfMissing(IHeaderDictionary headers, string name, string value)
    {
        if (!headers.ContainsKey(name))
        {
            headers[name] = value;
        }
    }
}
