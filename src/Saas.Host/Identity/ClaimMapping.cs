using System.Text.Json;

namespace Saas.Host.Identity;

/// <summary>
/// Turns a validated token into the platform's claims, whichever provider issued it. Keycloak puts roles in
/// <c>realm_access.roles</c> and <c>resource_access.&lt;client&gt;.roles</c> (JSON) and the authority in a
/// <c>tenant</c> user attribute (a string or an array); the embedded provider already issues <c>role</c> and
/// <c>tenant</c> claims. Only the platform's six roles are kept.
/// </summary>
internal static class ClaimMapping
{
    public static ClaimsIdentity Map(ClaimsIdentity source, string? clientId)
    {
        ArgumentNullException.ThrowIfNull(source);
        var identity = new ClaimsIdentity(source.AuthenticationType, SaasClaims.Name, SaasClaims.Role);
        foreach (var claim in source.Claims)
        {
            switch (claim.Type)
            {
                case "realm_access":
                    AddRoles(identity, claim.Value, null);
                    break;
                case "resource_access":
                    AddRoles(identity, claim.Value, clientId);
                    break;
                case SaasClaims.Tenant:
                    foreach (var tenant in Values(claim.Value))
                    {
                        AddOnce(identity, SaasClaims.Tenant, tenant);
                    }

                    break;
                case SaasClaims.Role or ClaimTypes.Role or "roles":
                    foreach (var role in Values(claim.Value))
                    {
                        AddRole(identity, role);
                    }

                    break;
                case SaasClaims.Username:
                    // Kept as the user name (configuration names staff by it), and the display name when there is none.
                    AddOnce(identity, SaasClaims.Username, claim.Value);
                    if (!source.HasClaim(c => c.Type == SaasClaims.Name))
                    {
                        AddOnce(identity, SaasClaims.Name, claim.Value);
                    }

                    break;
                case "acr" when claim.Value.StartsWith("STORK-QAA-Level-", StringComparison.Ordinal) && !source.HasClaim(c => c.Type == SaasClaims.TrustLevel):
                    // Keycloak's level of authentication, when its BundID broker maps the SAML AuthnContextClassRef
                    // into acr rather than into a trust_level attribute (ADR 0043).
                    identity.AddClaim(new Claim(claim.Type, claim.Value, claim.ValueType, claim.Issuer));
                    AddOnce(identity, SaasClaims.TrustLevel, claim.Value);
                    break;
                default:
                    identity.AddClaim(new Claim(claim.Type, claim.Value, claim.ValueType, claim.Issuer));
                    break;
            }
        }

        return identity;
    }

    private static void AddRoles(ClaimsIdentity identity, string json, string? clientId)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (clientId is not null)
        {
            if (!root.TryGetProperty(clientId, out root))
            {
                return;
            }
        }

        if (root.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array)
        {
            foreach (var role in roles.EnumerateArray())
            {
                AddRole(identity, role.GetString() ?? "");
            }
        }
    }

    private static void AddRole(ClaimsIdentity identity, string role)
    {
        if (SaasRoles.All.Contains(role))
        {
            AddOnce(identity, SaasClaims.Role, role);
        }
    }

    private static void AddOnce(ClaimsIdentity identity, string type, string value)
    {
        if (!identity.HasClaim(type, value))
        {
            identity.AddClaim(new Claim(type, value));
        }
    }

    /// <summary>A claim value may be a plain string or a JSON array of strings.</summary>
    private static IEnumerable<string> Values(string value)
    {
        if (value.StartsWith('['))
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").Where(s => s.Length > 0).ToList();
        }

        return [value];
    }
}
