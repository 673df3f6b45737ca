namespace Saas.Platform.Data;

/// <summary>
/// Two connection strings on purpose: the application runs as a role that owns no table and cannot bypass
/// row-level security; migrations run as the owner role. See docs/adr/0002-tenant-isolation.md.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Connection string of the application role (NOSUPERUSER, NOBYPASSRLS, owns nothing).</summary>
    public string Application { get; set; } = "";

    /// <summary>Connection string of the owner role that runs migrations.</summary>
    public string Owner { get; set; } = "";

    /// <summary>Name of the application role that migrations grant access to.</summary>
    public string ApplicationRole { get; set; } = "saas_app";

    /// <summary>Run migrations at start-up (embedded default and tests); production runs <c>saas db migrate</c>.</summary>
    public bool MigrateOnStart { get; set; }
}
