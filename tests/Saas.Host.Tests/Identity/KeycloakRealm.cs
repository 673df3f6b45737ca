using System.Text.Json.Nodes;

namespace Saas.Host.Tests.Identity;

/// <summary>
/// The claims Keycloak would put into a token for this repository's realm export (helm/saas/keycloak/realm-saas.json),
/// derived from the export itself: the client's default client scopes, their protocol mappers and each mapper's
/// "access.token.claim" / "id.token.claim" switches, as Keycloak 26 applies them (read from Keycloak's source:
/// OIDCLoginProtocolFactory's built-in mappers and default scopes). A mapper type this class does not know makes
/// the derivation fail, so the export cannot grow a mapper the tests silently ignore (Hardening item 8).
/// </summary>
public sealed class KeycloakRealm
{
    /// <summary>Keycloak grants every person the realm's default role (composite of these); the export's service accounts list their roles.</summary>
    private static readonly string[] DefaultRealmRoles = ["default-roles-saas", "offline_access", "uma_authorization"];
    private static readonly string[] DefaultAccountRoles = ["manage-account", "view-profile"];

    private readonly JsonObject realm;

    private KeycloakRealm(JsonObject realm) => this.realm = realm;

    public static string ExportPath => Path.Combine(SaasAppFactory.RepositoryRoot, "helm", "saas", "keycloak", "realm-saas.json");

    public static KeycloakRealm Load() => new(JsonNode.Parse(File.ReadAllText(ExportPath))!.AsObject());

    public JsonObject Json => realm;

    public enum TokenKind
    {
        Access,
        Id,
    }

    /// <summary>A person as an administrator or a broker would create them (not in the export).</summary>
    public sealed record Person(string Username, string[] RealmRoles, IReadOnlyDictionary<string, string[]> Attributes, string? FirstName = null, string? LastName = null, string? Email = null)
    {
        public Guid Id { get; } = Guid.NewGuid();

        public bool IsServiceAccount { get; init; }
    }

    public JsonObject Client(string clientId) =>
        realm["clients"]!.AsArray().Select(c => c!.AsObject()).SingleOrDefault(c => (string?)c["clientId"] == clientId)
        ?? throw new InvalidOperationException($"The realm export has no client {clientId}.");

    /// <summary>The service-account user the export defines for a client (client credentials run as this user).</summary>
    public Person ServiceAccount(string clientId)
    {
        var user = realm["users"]?.AsArray().Select(u => u!.AsObject()).SingleOrDefault(u => (string?)u["serviceAccountClientId"] == clientId)
            ?? throw new InvalidOperationException($"The realm export defines no service-account user for {clientId}.");
        var attributes = (user["attributes"]?.AsObject() ?? [])
            .ToDictionary(a => a.Key, a => a.Value!.AsArray().Select(v => (string)v!).ToArray());
        var roles = user["realmRoles"]?.AsArray().Select(r => (string)r!).ToArray() ?? [];
        return new Person((string)user["username"]!, roles, attributes) { IsServiceAccount = true };
    }

    /// <summary>The payload of a token the realm would issue to <paramref name="user"/> through <paramref name="clientId"/>.</summary>
    public Dictionary<string, JsonNode?> Claims(string clientId, Person user, TokenKind kind, string issuer)
    {
        ArgumentNullException.ThrowIfNull(user);
        var client = Client(clientId);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["exp"] = now + (long?)realm["accessTokenLifespan"] ?? 300,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString(),
            ["iss"] = issuer,
            ["typ"] = kind == TokenKind.Access ? "Bearer" : "ID",
            ["azp"] = clientId,
        };
        var audiences = new List<string>();
        if (kind == TokenKind.Id)
        {
            // The ID token's subject and audience are set by Keycloak itself, not by a mapper.
            claims["sub"] = user.Id.ToString();
            audiences.Add(clientId);
        }

        if (!user.IsServiceAccount)
        {
            claims["sid"] = Guid.NewGuid().ToString();
        }

        var realmRoles = user.IsServiceAccount ? user.RealmRoles : [.. DefaultRealmRoles, .. user.RealmRoles];
        var clientRoles = user.IsServiceAccount ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { ["account"] = DefaultAccountRoles };
        var scopeNames = new List<string> { "openid" };
        foreach (var scopeName in client["defaultClientScopes"]!.AsArray().Select(s => (string)s!))
        {
            var scope = realm["clientScopes"]!.AsArray().Select(s => s!.AsObject()).SingleOrDefault(s => (string?)s["name"] == scopeName)
                ?? throw new InvalidOperationException($"Client {clientId} names the client scope {scopeName}, which the export does not define (Keycloak does not create its defaults when clientScopes is given).");
            if ((string?)scope["attributes"]?["include.in.token.scope"] == "true")
            {
                scopeNames.Add(scopeName);
            }

            foreach (var mapper in scope["protocolMappers"]?.AsArray().Select(m => m!.AsObject()) ?? [])
            {
                Apply(mapper, kind, user, clientId, client, realmRoles, clientRoles, claims, audiences);
            }
        }

        if (audiences.Count > 0)
        {
            claims["aud"] = audiences.Count == 1 ? audiences[0] : new JsonArray([.. audiences.Distinct().Select(a => (JsonNode?)a)]);
        }

        if (kind == TokenKind.Access)
        {
            claims["scope"] = string.Join(' ', scopeNames);
        }

        return claims;
    }

    private static void Apply(JsonObject mapper, TokenKind kind, Person user, string clientId, JsonObject client, string[] realmRoles,
        Dictionary<string, string[]> clientRoles, Dictionary<string, JsonNode?> claims, List<string> audiences)
    {
        var config = mapper["config"]?.AsObject() ?? [];
        bool On(string key) => (string?)config[key] == "true";
        var wanted = kind == TokenKind.Access ? On("access.token.claim") : On("id.token.claim");
        var type = (string)mapper["protocolMapper"]!;
        switch (type)
        {
            case "oidc-sub-mapper":
                if (wanted)
                {
                    claims["sub"] = user.Id.ToString();
                }

                break;
            case "oidc-usersessionmodel-note-mapper":
                var note = (string)config["user.session.note"]!;
                JsonNode? noted = note switch
                {
                    "AUTH_TIME" => DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    "client_id" when user.IsServiceAccount => clientId,
                    "clientHost" or "clientAddress" when user.IsServiceAccount => "10.0.0.7",
                    _ => null,
                };
                if (wanted && noted is not null)
                {
                    claims[(string)config["claim.name"]!] = noted;
                }

                break;
            case "oidc-usermodel-attribute-mapper":
                var values = Attribute(user, (string)config["user.attribute"]!);
                if (wanted && values.Length > 0)
                {
                    claims[(string)config["claim.name"]!] = On("multivalued") ? new JsonArray([.. values.Select(v => (JsonNode?)v)]) : values[0];
                }

                break;
            case "oidc-usermodel-property-mapper":
                if (wanted && (string?)config["user.attribute"] == "emailVerified")
                {
                    claims[(string)config["claim.name"]!] = false;
                }

                break;
            case "oidc-full-name-mapper":
                var name = string.Join(' ', new[] { user.FirstName, user.LastName }.Where(n => !string.IsNullOrEmpty(n)));
                if (wanted && name.Length > 0)
                {
                    claims["name"] = name;
                }

                break;
            case "oidc-usermodel-realm-role-mapper":
                if (wanted && realmRoles.Length > 0)
                {
                    SetNested(claims, (string)config["claim.name"]!, new JsonArray([.. realmRoles.Select(r => (JsonNode?)r)]));
                }

                break;
            case "oidc-usermodel-client-role-mapper":
                foreach (var (roleClient, roles) in clientRoles)
                {
                    if (wanted && roles.Length > 0)
                    {
                        SetNested(claims, ((string)config["claim.name"]!).Replace("${client_id}", roleClient, StringComparison.Ordinal), new JsonArray([.. roles.Select(r => (JsonNode?)r)]));
                    }
                }

                break;
            case "oidc-audience-resolve-mapper":
                if (kind == TokenKind.Access && On("access.token.claim"))
                {
                    audiences.AddRange(clientRoles.Where(c => c.Value.Length > 0 && c.Key != clientId).Select(c => c.Key));
                }

                break;
            case "oidc-audience-mapper":
                if (wanted)
                {
                    audiences.Add((string)config["included.custom.audience"]!);
                }

                break;
            case "oidc-allowed-origins-mapper":
                var origins = client["redirectUris"]?.AsArray().Select(u => new Uri((string)u!).GetLeftPart(UriPartial.Authority)).Distinct().ToArray() ?? [];
                if (wanted && origins.Length > 0)
                {
                    claims["allowed-origins"] = new JsonArray([.. origins.Select(o => (JsonNode?)o)]);
                }

                break;
            case "oidc-acr-mapper":
                if (wanted)
                {
                    claims["acr"] = "1";
                }

                break;
            default:
                throw new NotSupportedException($"The realm export uses the protocol mapper {type} ({mapper["name"]}), which this derivation does not know.");
        }
    }

    private static string[] Attribute(Person user, string attribute) => attribute switch
    {
        "username" => [user.Username],
        "firstName" => user.FirstName is null ? [] : [user.FirstName],
        "lastName" => user.LastName is null ? [] : [user.LastName],
        "email" => user.Email is null ? [] : [user.Email],
        _ => user.Attributes.TryGetValue(attribute, out var values) ? values : [],
    };

    private static void SetNested(Dictionary<string, JsonNode?> claims, string path, JsonNode value)
    {
        var parts = path.Split('.');
        if (parts.Length == 1)
        {
            claims[path] = value;
            return;
        }

        if (!claims.TryGetValue(parts[0], out var node) || node is not JsonObject current)
        {
            current = [];
            claims[parts[0]] = current;
        }

        foreach (var part in parts[1..^1])
        {
            if (current[part] is not JsonObject next)
            {
                next = [];
                current[part] = next;
            }

            current = next;
        }

        current[parts[^1]] = value;
    }
}
