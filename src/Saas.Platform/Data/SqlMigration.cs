using System.Reflection;

namespace Saas.Platform.Data;

/// <summary>
/// One forward-only SQL migration of a module. SQL is written by hand on purpose: tenant isolation lives in
/// row-level security policies, grants and owner roles that an ORM's migration generator does not model
/// (docs/adr/0003-sql-migrations.md). <c>${app_role}</c> in the text is replaced by the application role.
/// </summary>
public sealed record SqlMigration(string Module, string Id, string Sql)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    /// <summary>All embedded <c>*.sql</c> resources of an assembly, ordered by file name (0001_..., 0002_...).</summary>
    public static IReadOnlyList<SqlMigration> FromEmbeddedResources(Assembly assembly, string module)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var result = new List<SqlMigration>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var withoutExtension = name[..^4];
            var id = withoutExtension[(withoutExtension.LastIndexOf('.') + 1)..];
            result.Add(new SqlMigration(module, id, reader.ReadToEnd()));
        }

        return result;
    }
}
