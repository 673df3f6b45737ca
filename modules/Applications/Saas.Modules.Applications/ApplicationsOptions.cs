using System.ComponentModel.DataAnnotations;

namespace Saas.Modules.Applications;

/// <summary>Applications' settings (section <c>Applications</c>), validated at start-up.</summary>
internal sealed class ApplicationsOptions
{
    public const string Section = "Applications";

    /// <summary>Days a draft's resume link works after it was started.</summary>
    [Range(1, 365)]
    public int DraftDays { get; set; } = 30;

    /// <summary>How many times one draft's resume link may be sent by e-mail (a public form must not become a mailer).</summary>
    [Range(1, 20)]
    public int MaxResumeMails { get; set; } = 3;

    /// <summary>The largest evidence file taken, whatever a form's field allows (Kestrel takes 30 MB per request).</summary>
    [Range(1024, 28 * 1024 * 1024)]
    public long MaxEvidenceBytes { get; set; } = 20 * 1024 * 1024;
}
