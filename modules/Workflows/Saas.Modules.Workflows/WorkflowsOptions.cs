namespace Saas.Modules.Workflows;

/// <summary>Workflows' settings (section <c>Workflows</c>), validated at start-up.</summary>
internal sealed class WorkflowsOptions
{
    public const string Section = "Workflows";

    /// <summary>How often every authority's deadlines are run (escalations, expiry).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 24 * 60)]
    public int DeadlineIntervalMinutes { get; set; } = 60;
}
