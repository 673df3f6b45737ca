using System.Security.Cryptography;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Saas.Host.Identity;

/// <summary>A person's membership in one authority: roles and signing authorities there.</summary>
internal sealed record Membership(string TenantKey, IReadOnlyList<string> Roles, IReadOnlyList<string> SigningAuthorities);

/// <summary>A demo person of the embedded provider, with every authority they belong to.</summary>
internal sealed record DemoUser(string Username, string DisplayName, string Password, IReadOnlyList<Membership> Memberships, IReadOnlyList<string> PlatformRoles, string? FederalState,
    string? TrustLevel = null)
{
    /// <summary>
    /// A citizen, not staff: every membership is the applicant role alone. An applicant turns to any authority (as with
    /// BundID in production), so their membership is the same wherever they sign in.
    /// </summary>
    public bool IsApplicant => Memberships.Count > 0 && PlatformRoles.Count == 0 && Memberships.All(m => m.Roles.Count > 0 && m.Roles.All(r => r == SaasRoles.Applicant));

    /// <summary>The membership that holds in <paramref name="tenantKey"/>: the authority's own, or an applicant's anywhere.</summary>
    public Membership? MembershipIn(string? tenantKey) =>
        Memberships.FirstOrDefault(m => m.TenantKey == tenantKey) ?? (IsApplicant && tenantKey is not null ? Memberships[0] with { TenantKey = tenantKey } : null);

    public bool CheckPassword(string password) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password ?? ""), Encoding.UTF8.GetBytes(Password));
}

/// <summary>
/// Demo users of the embedded OpenID Connect provider, read from <c>tenants/*/users.yaml</c> and
/// <c>tenants/_platform/users.yaml</c> (platform operators and ministry analysts, who belong to no authority).
/// The same username in two authorities' files is one person with two memberships. Passwords are plain text
/// because they are demo sign-ins printed in the README; the provider is refused in Production.
/// </summary>
internal sealed class DemoUserDirectory
{
    public const string PlatformFolder = "_platform";

    private readonly Dictionary<string, DemoUser> users;

    public DemoUserDirectory(string tenantsPath)
    {
        users = Load(tenantsPath);
    }

    public IReadOnlyCollection<DemoUser> All => users.Values;

    public DemoUser? Find(string username) => users.GetValueOrDefault(username.Trim().ToLowerInvariant());

    private static Dictionary<string, DemoUser> Load(string root)
    {
        var result = new Dictionary<string, DemoUser>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return result;
        }

        foreach (var file in Directory.EnumerateFiles(root, "users.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var folder = Path.GetFileName(Path.GetDirectoryName(file)!);
            var text = File.ReadAllText(file);
            if (YamlDocumentParser.TooDeep(text, 8) is { } deep)
            {
                // A node tree nested thousands deep would overflow the stack while loading (Hardening item 1).
                throw new InvalidOperationException($"{file}:{deep.Line}:{deep.Column}: nested too deeply for a list of users.");
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root0
                || !root0.Children.TryGetValue(new YamlScalarNode("users"), out var list) || list is not YamlSequenceNode sequence)
            {
                throw new InvalidOperationException($"{file}: expected 'users:' with a list of users.");
            }

            foreach (var item in sequence.Children.OfType<YamlMappingNode>())
            {
                var username = Scalar(item, "username")?.ToLowerInvariant() ?? throw new InvalidOperationException($"{file}: a user has no username.");
                var roles = Sequence(item, "roles");
                var membership = folder == PlatformFolder ? null : new Membership(folder, roles, Sequence(item, "signingAuthorities"));
                var platformRoles = folder == PlatformFolder ? roles : [];
                if (result.TryGetValue(username, out var existing))
                {
                    result[username] = existing with
                    {
                        Memberships = membership is null ? existing.Memberships : [.. existing.Memberships, membership],
                        PlatformRoles = [.. existing.PlatformRoles, .. platformRoles],
                    };
                    continue;
                }

                result[username] = new DemoUser(
                    username,
                    Scalar(item, "displayName") ?? username,
                    Scalar(item, "password") ?? throw new InvalidOperationException($"{file}: {username} has no password."),
                    membership is null ? [] : [membership],
                    platformRoles,
                    Scalar(item, "federalState"),
                    Scalar(item, "trustLevel"));
            }
        }

        return result;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence
            ? sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value!).ToList()
            : [];
}
