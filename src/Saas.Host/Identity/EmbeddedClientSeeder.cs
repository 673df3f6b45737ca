using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Saas.Host.Identity;

/// <summary>
/// Registers the embedded provider's clients at start-up: <c>saas-portal</c> (public, code flow with PKCE, for
/// apps and tests) and one <c>device-&lt;authority&gt;</c> client per authority for machines (client credentials).
/// </summary>
internal sealed class EmbeddedClientSeeder(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<Saas.Platform.Data.DatabaseOptions> database) : IHostedService
{
    public const string PortalClient = "saas-portal";

    public static string DeviceClient(string tenantKey) => "device-" + tenantKey;

    public static string DeviceSecret(string tenantKey) => "device-" + tenantKey + "-demo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
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
        await UpsertAsync(portal, cancellationToken);

        var root = SaasIdentityExtensions.TenantsPath(configuration, environment);
        foreach (var folder in Directory.Exists(root) ? Directory.EnumerateDirectories(root) : [])
        {
            var key = Path.GetFileName(folder);
            if (key.StartsWith('_') || !File.Exists(Path.Combine(folder, "users.yaml")))
            {
                continue;
            }

            await UpsertAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = DeviceClient(key),
                ClientSecret = DeviceSecret(key),
                ClientType = ClientTypes.Confidential,
                DisplayName = "Geräte " + key,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + "saas-api" },
            }, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One scope per client: a failed insert must not stay tracked and spoil the next one.</summary>
    private async Task UpsertAsync(OpenIddictApplicationDescriptor descriptor, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        // The application role may only read clients (identity migration 0002): redirect URIs and secrets are
        // written with the owner's connection, which the embedded (development) mode always has.
        var owner = database.Value.Owner;
        scope.ServiceProvider.GetRequiredService<IdentityConnection>().OwnerConnectionString = string.IsNullOrWhiteSpace(owner)
            ? throw new InvalidOperationException("The embedded provider registers its clients as the owner role: configure Database:Owner.")
            : owner;
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        try
        {
            var existing = await manager.FindByClientIdAsync(descriptor.ClientId!, ct);
            if (existing is null)
            {
                await manager.CreateAsync(descriptor, ct);
            }
            else
            {
                await manager.UpdateAsync(existing, descriptor, ct);
            }
        }
        catch (Exception ex) when (ex is OpenIddict.Abstractions.OpenIddictExceptions.ConcurrencyException or OpenIddict.Abstractions.OpenIddictExceptions.ValidationException || ex.GetType().Name.Contains("DbUpdate", StringComparison.Ordinal))
        {
            // Another replica (or test host) wrote the same client at the same moment: that one stands.
        }
    }
}
