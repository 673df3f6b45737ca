namespace Saas.Platform.Mail;

/// <summary>
/// Absolute links to an authority's public pages, for what leaves the platform (an e-mail, a letter's QR code): the
/// platform's public address (<c>Saas:PublicBaseUrl</c>) with the authority's path (<c>/t/{key}/</c>), or else the
/// authority's own first host name. These are exactly the links <see cref="SendMailNotification"/> accepts
/// (docs/adr/0034). Null when neither is configured: then there is no address a person could open.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration, ICurrentTenant currentTenant)
{
    /// <summary>The absolute link to <paramref name="relative"/> (e.g. <c>termine/buchung/…</c>) of the current authority.</summary>
    public Uri? ToPortal(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        var tenant = currentTenant.Tenant ?? throw new InvalidOperationException("A link to the portal belongs to an authority; none is current.");
        var path = relative.TrimStart('/');
        if (configuration["Saas:PublicBaseUrl"] is { Length: > 0 } configured && Uri.TryCreate(configured.TrimEnd('/') + "/", UriKind.Absolute, out var publicBase))
        {
            return new Uri(publicBase, tenant.PathBase.Value!.TrimStart('/') + "/" + path);
        }

        return tenant.Hosts.FirstOrDefault() is { Length: > 0 } host ? new Uri($"https://{host}/{path}") : null;
    }
}
