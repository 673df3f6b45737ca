using Microsoft.AspNetCore.Localization;

namespace Saas.Host.Web;

/// <summary>The language switch: remembers the choice in the standard culture cookie.</summary>
internal static class LanguageEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/language/{code}", (string code, string? returnUrl, HttpContext context, TextCatalog texts) =>
        {
            var culture = texts.Languages.FirstOrDefault(l => string.Equals(l.Tag, code, StringComparison.OrdinalIgnoreCase))?.Tag ?? TextCatalog.BaseLanguage;
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Path = "/" });
            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                ? returnUrl
                : context.Request.PathBase + "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
}
