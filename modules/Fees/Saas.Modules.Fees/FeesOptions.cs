namespace Saas.Modules.Fees;

/// <summary>Settings of the fees module (section <c>Fees</c>), validated at start-up.</summary>
internal sealed class FeesOptions
{
    public const string Section = "Fees";

    /// <summary>The tenants folder whose <c>_platform/fees/</c> holds the federal schedule; default <c>Saas:TenantsPath</c>, else the nearest <c>tenants/</c> above the working directory.</summary>
    public string? TenantsPath { get; set; }

    internal static string FindTenantsPath(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tenants");
                if (Directory.Exists(Path.Combine(candidate, "_platform")))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "tenants");
    }
}
