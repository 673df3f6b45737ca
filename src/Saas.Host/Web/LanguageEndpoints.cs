using Microsoft.AspNetCore.Localization;

namespace Saas.Host.Web;

/// <summary>The language switch: remembers the choice in the standard culture cookie.</summary>
internal static class LanguageEndpoints
{
    /// <summary>The endpoint's name, by which the layout makes its links.</summary>
    public const string Name = "language";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/language/{code}", (string code, string? returnUrl, HttpContext context, TextCatalog texts, LinkGenerator links) =>
        {
            var culture = texts.Languages.FirstOrDefault(l => string.Equals(l.Tag, code, StringComparison.OrdinalIgnoreCase))?.Tag ?? TextCatalog.BaseLanguage;
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Path = "/" });
            return Results.LocalRedirect(IsLocalPath(returnUrl) ? returnUrl! : links.GetPathByPage(context, "/Index") ?? "/");
        }).WithName(Name).ExcludeFromDescription();

    /// <summary>
    /// A path on this site, as <c>Url.IsLocalUrl</c> decides it: starts with one slash, not followed by a slash or a
    /// backslash (<c>/\evil.example</c> is another host to a browser), no control characters. Anything else falls back
    /// to the start page instead of failing in LocalRedirect with a 500 (Hardening item 6).
    /// </summary>
    internal static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl)
        && !url.Contains('\\', StringComparison.Ordinal);
}
