using Microsoft.AspNetCore.Authentication.Cookies;

namespace Saas.Host.Identity;

/// <summary>
/// One sign-in cookie per authority: the cookie name carries the tenant key, so a person with memberships in
/// two authorities can be signed in to both in two tabs and each request works in exactly one.
/// </summary>
internal sealed class TenantCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        inner.AppendResponseCookie(context, Name(context, key), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        inner.DeleteCookie(context, Name(context, key), options);

    private static string Name(HttpContext context, string key) =>
        context.GetTenant() is { } tenant ? key + "." + tenant.Key : key;
}
