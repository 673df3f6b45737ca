namespace Saas.Host.Identity;

/// <summary>
/// Configuration section <c>Identity</c>. <c>Mode</c> is <c>Embedded</c> (OpenIddict inside the host, demo users,
/// refused in Production) or <c>Keycloak</c> (production: tokens from a Keycloak realm).
/// </summary>
internal sealed class IdentitySettings
{
    public const string Section = "Identity";

    public string Mode { get; set; } = "Embedded";

    /// <summary>Keycloak realm URL, e.g. https://login.example/realms/saas.</summary>
    public string? Authority { get; set; }

    /// <summary>Keycloak client of the web app (its client roles are read from resource_access).</summary>
    public string ClientId { get; set; } = "saas-web";

    public string? ClientSecret { get; set; }

    /// <summary>Audience the API requires in access tokens.</summary>
    public string Audience { get; set; } = "saas-api";

    /// <summary>Issuer of the embedded provider; defaults to Saas:PublicBaseUrl.</summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// Keys to validate tokens with instead of fetching the authority's metadata (JWKS as JSON). Used where the
    /// Keycloak server is not reachable, e.g. in tests of the Keycloak claim mapping.
    /// </summary>
    public string? SigningKeysJwks { get; set; }

    public bool IsEmbedded => string.Equals(Mode, "Embedded", StringComparison.OrdinalIgnoreCase);
}

internal static class IdentitySchemes
{
    /// <summary>Picks Bearer for requests with an Authorization header, the session cookie otherwise.</summary>
    public const string Default = "saas";

    public const string Bearer = "Bearer";

    /// <summary>The web session (one cookie per authority).</summary>
    public const string Session = "saas.session";

    /// <summary>Production web sign-in through Keycloak.</summary>
    public const string Keycloak = "saas.keycloak";
}
