using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Saas.Host.Identity;

/// <summary>
/// Registers the embedded provider's clients at start-up: <c>saas-portal</c> (public, code flow with PKCE, for
/// apps and tests) and one <c>device-&lt;authority&gt;</c> client per authority for machines (client credentials).
/// </summary>
internal sealed class EmbeddedClientSeeder(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment) : IHostedService
{
    public const string PortalClient = "saas-portal";

    public static string DeviceClient(string tenantKey) => "device-" + tenantKey;

    public static string DeviceSecret(string tenantKey) => "device-" + tenantKey + "-demo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var publicBase = (configuration["Saas:PublicBaseUrl"] ?? "http://localhost:5080/").TrimEnd('/');
        var portal = new OpenIddictApplicationDescriptor
        {
            ClientId = PortalClient,
            ClientType = ClientTypes.Public,
            DisplayName = "Plattform der Ausländerbehörden",
            RedirectUris = { new Uri(publicBase + "/callback"), new Uri("http://localhost/callback") },
            PostLogoutRedirectUris = { new Uri(publicBase + "/") },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Roles, Permissions.Prefixes.Scope + "saas-api",
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        await UpsertAsync(manager, portal, cancellationToken).ConfigureAwait(false);

        var root = SaasIdentityExtensions.TenantsPath(configuration, environment);
        foreach (var folder in Directory.Exists(root) ? Directory.EnumerateDirectories(root) : [])
        {
            var key = Path.GetFileName(folder);
            if (key.StartsWith('_') || !File.Exists(Path.Combine(folder, "users.yaml")))
            {
                continue;
            }

            await UpsertAsync(manager, new OpenIddictApplicationDescriptor
            {
                ClientId = DeviceClient(key),
                ClientSecret = DeviceSecret(key),
                ClientType = ClientTypes.Confidential,
                DisplayName = "Geräte " + key,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + "saas-api" },
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task UpsertAsync(IOpenIddictApplicationManager manager, OpenIddictApplicationDescriptor descriptor, CancellationToken ct)
    {
        var existing = await manager.FindByClientIdAsync(descriptor.ClientId!, ct).ConfigureAwait(false);
        if (existing is null)
        {
            try
            {
                await manager.CreateAsync(descriptor, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex.GetType().Name.Contains("DbUpdate", StringComparison.Ordinal))
            {
                // Another replica (or test host) created it at the same moment: that one stands.
            }
        }
        else
        {
            await manager.UpdateAsync(existing, descriptor, ct).ConfigureAwait(false);
        }
    }
}
