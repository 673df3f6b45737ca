namespace Saas.Modules.Fees;

/// <summary>Settings of the fees module (section <c>Fees</c>), validated at start-up.</summary>
internal sealed class FeesOptions
{
    public const string Section = "Fees";

    /// <summary>The tenants folder whose <c>_platform/fees/</c> holds the federal schedule; default <c>Saas:TenantsPath</c>, else the nearest <c>tenants/</c> above the working directory.</summary>
    public string? TenantsPath { get; set; }

    /// <summary>Online payments (docs/adr/0030): the provider account and the poller.</summary>
    public PaymentsOptions Payments { get; set; } = new();

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

/// <summary>
/// Settings of online payments (section <c>Fees:Payments</c>): the XBezahldienste account (base URL, originator and end
/// point), per authority under <c>Authorities:&lt;key&gt;</c> where one differs, the adapter's limits and the poller.
/// Without a base URL the local provider on this host is used (<c>{PublicBaseUrl}/_local-pay/</c>). The provider's
/// credential (<c>BearerToken</c>) comes from the environment or a secret store, never from the repository.
/// </summary>
internal sealed class PaymentsOptions
{
    public const string LocalPrefix = "/_local-pay";

    /// <summary>The provider's REST base (ending in <c>/</c>); none: the local provider of this host.</summary>
    public string? BaseUrl { get; set; }

    public string OriginatorId { get; set; } = "saas-local";

    /// <summary>The end point; none: the authority's key.</summary>
    public string? EndPointId { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c> when set (the provider's credential; not confirmed from a published source).</summary>
    public string? BearerToken { get; set; }

    /// <summary>Where the payer comes back to (<c>Saas:PublicBaseUrl</c> by default, else <c>http://localhost</c>).</summary>
    public string? PublicBaseUrl { get; set; }

    public Dictionary<string, PaymentAccountOptions> Authorities { get; set; } = new(StringComparer.Ordinal);

    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>An answer larger than this is refused (default 256 KiB).</summary>
    public int MaxAnswerBytes { get; set; } = 256 * 1024;

    /// <summary>An open (INITIAL) payment older than this is polled by the poller (the payer did not come back).</summary>
    public int SettleAfterMinutes { get; set; } = 30;

    public int PollIntervalMinutes { get; set; } = 10;
}

/// <summary>One authority's provider account where it differs from the default.</summary>
internal sealed class PaymentAccountOptions
{
    public string? BaseUrl { get; set; }

    public string? OriginatorId { get; set; }

    public string? EndPointId { get; set; }

    public string? BearerToken { get; set; }
}
