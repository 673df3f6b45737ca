using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Saas.Platform.Identity;

namespace Saas.Testing;

/// <summary>
/// Access tokens for tests whose subject is not the sign-in: the claims the embedded provider puts into a token
/// after a sign-in (sub, name, role, tenant, signing_authority; no tenant for applicants), signed with that
/// provider's own signing key, issuer and audience, so the host validates them on its real JwtBearer path. The
/// sign-in itself is tested through the code flow (<see cref="TestSignIn"/>).
/// </summary>
public static class TestTokens
{
    /// <summary>A token of a person working in <paramref name="tenantKey"/> (none for applicants and platform roles).</summary>
    public static string Issue(SaasAppFactory app, string? tenantKey, string username, IReadOnlyCollection<string> roles,
        IReadOnlyCollection<string>? signingAuthorities = null, string? displayName = null, string? trustLevel = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(roles);
        var server = app.Services.GetRequiredService<IOptions<OpenIddictServerOptions>>().Value;
        var claims = new Dictionary<string, object>
        {
            [SaasClaims.Subject] = username,
            [SaasClaims.Name] = displayName ?? username,
            [SaasClaims.Role] = roles.ToArray(),
            ["scope"] = "openid profile roles saas-api",
            ["client_id"] = TestSignIn.Client,
        };
        if (tenantKey is not null && !roles.All(r => r == SaasRoles.Applicant))
        {
            claims[SaasClaims.Tenant] = tenantKey;
        }

        if (signingAuthorities is { Count: > 0 })
        {
            claims[SaasClaims.SigningAuthority] = signingAuthorities.ToArray();
        }

        if (trustLevel is not null)
        {
            claims[SaasClaims.TrustLevel] = trustLevel;
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = server.Issuer!.AbsoluteUri,
            Audience = "saas-api",
            TokenType = "at+jwt",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = server.SigningCredentials[0],
        });
    }
}
