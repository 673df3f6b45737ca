namespace Saas.Modules.Cases.Pages.Workbench;

/// <summary>
/// One viewing, one audit record: a viewer page (a document, an inbox item) records the read, and the content it
/// embeds (frame, image) is requested with this marker, so that fetching it does not record the same viewing again.
/// The marker is signed with the platform's data-protection keys (shared by all replicas), names the authority, the
/// kind and id of what is viewed and the person, and expires after <see cref="Lifetime"/>. Without it, with one for
/// something else or another person, or too late, the content request records a read of its own, as the API's
/// content endpoints always do; so is every download and every "open on its own", which carry no marker.
/// </summary>
internal static class ViewerMarker
{
    public const string QueryName = "viewing";

    /// <summary>Long enough for a slow page to load its frame, short enough to be the same viewing.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private const string Purpose = "Saas.Modules.Cases.Workbench.DocumentViewer.v1";

    /// <summary>What a viewer shows: the kinds are part of the marker, so that one kind's marker never covers another's.</summary>
    public const string Document = "document";

    /// <inheritdoc cref="Document"/>
    public const string InboxItem = "inbox";

    public static string Create(IDataProtectionProvider protection, Guid tenantId, string kind, Guid id, string subject) =>
        Protector(protection).Protect(Payload(tenantId, kind, id, subject), Lifetime);

    /// <summary>Whether the marker was made by a viewer page for this authority, kind, id and person, and is still valid.</summary>
    public static bool Covers(IDataProtectionProvider protection, string? marker, Guid tenantId, string kind, Guid id, string subject)
    {
        if (string.IsNullOrEmpty(marker))
        {
            return false;
        }

        try
        {
            return string.Equals(Protector(protection).Unprotect(marker), Payload(tenantId, kind, id, subject), StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return false; // forged, damaged or expired: the request records its own read
        }
    }

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider protection) =>
        protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    private static string Payload(Guid tenantId, string kind, Guid id, string subject) => $"{tenantId:N}/{kind}/{id:N}/{subject}";
}
