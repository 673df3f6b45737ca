namespace Saas.Host.Identity;

/// <summary>
/// Configuration section <c>Identity:SignIn</c>: how many failed sign-ins are tolerated and how long a web session
/// lives (hardening item 4, docs/adr/0004). The counters and the sessions are in the database, so every replica
/// applies the same limits to the same attempts.
/// </summary>
internal sealed class SignInSettings
{
    public const string Section = "Identity:SignIn";

    /// <summary>Failed sign-ins of one account (user name) within <see cref="Window"/> before it is locked.</summary>
    public int MaxFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed sign-ins (form and client secrets) from one client address within <see cref="Window"/>.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>Wrong secrets of one OAuth client (a device) within <see cref="Window"/>.</summary>
    public int MaxFailuresPerClient { get; set; } = 10;

    /// <summary>The window in which failures are counted; it starts with the first failure.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an account, address or client stays locked once its limit is reached (the right password too).</summary>
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Characters of a typed user name kept in the audit trail; longer names are cut and get a hash.</summary>
    public int AuditNameLength { get; set; } = 64;

    /// <summary>A web session ends after this long without a request (the cookie's sliding expiry is the same).</summary>
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// A web session ends this long after its sign-in however busy it is, so a stolen cookie kept alive by use does not
    /// live for ever; a working day and then some.
    /// </summary>
    public TimeSpan SessionMaxLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often a session's last use is written (at most once per this interval per session).</summary>
    public TimeSpan SessionTouchInterval { get; set; } = TimeSpan.FromMinutes(1);
}
