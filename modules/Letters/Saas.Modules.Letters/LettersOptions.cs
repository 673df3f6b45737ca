namespace Saas.Modules.Letters;

/// <summary>Settings of the letters pipeline (section <c>Letters</c>), validated at start-up.</summary>
internal sealed class LettersOptions
{
    public const string Section = "Letters";

    /// <summary>The tenants folder whose <c>&lt;key&gt;/templates/</c> and <c>_platform/templates/</c> hold the reviewed templates; default <c>Saas:TenantsPath</c>, else the nearest <c>tenants/</c> above the working directory.</summary>
    public string? TenantsPath { get; set; }

    /// <summary>How long WeasyPrint may take for one letter.</summary>
    public int RenderTimeoutSeconds { get; set; } = 60;

    /// <summary>The largest PDF a letter may become.</summary>
    public long MaxPdfBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The largest HTML a template may produce.</summary>
    public int MaxHtmlBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The Python interpreter that runs WeasyPrint (Debian's <c>weasyprint</c> package).</summary>
    public string Python { get; set; } = "/usr/bin/python3";

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
