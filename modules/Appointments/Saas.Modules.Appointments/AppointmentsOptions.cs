using System.ComponentModel.DataAnnotations;

namespace Saas.Modules.Appointments;

/// <summary>Appointments' settings (section <c>Appointments</c>), validated at start-up.</summary>
internal sealed class AppointmentsOptions
{
    public const string Section = "Appointments";

    /// <summary>Confirmed, future bookings one e-mail address may hold at a time (against bots and resellers).</summary>
    [Range(1, 100)]
    public int MaxBookingsPerEmail { get; set; } = 3;

    /// <summary>Confirmed, future bookings one person (name and birth date) may hold at a time.</summary>
    [Range(1, 100)]
    public int MaxBookingsPerPerson { get; set; } = 2;

    /// <summary>How many next free slots the loser of a race for a slot is offered.</summary>
    [Range(1, 20)]
    public int Alternatives { get; set; } = 5;

    /// <summary>Seconds the published rules a reservation reads (type, location, holidays) are kept per authority; 0 = off.</summary>
    [Range(0, 300)]
    public int RulesCacheSeconds { get; set; } = 5;

    /// <summary>
    /// Whether confirming a booking needs an ALTCHA proof of work (docs/adr/0036). On by default; an authority that
    /// books only at its own counter, or a load test, may switch it off.
    /// </summary>
    public bool RequireAltcha { get; set; } = true;

    /// <summary>
    /// Whether a guest's booking counts only once the e-mail address is checked (docs/adr/0040): confirming sends a link
    /// with a one-time code, and the slot stays held until it is used. On by default; a host whose bookings come only
    /// from the platform's own paths may switch it off.
    /// </summary>
    public bool CheckEmail { get; set; } = true;

    /// <summary>How long a slot stays held for the person while their e-mail address is checked (at most until it starts).</summary>
    [Range(5, 1_440)]
    public int EmailCheckMinutes { get; set; } = 30;

    /// <summary>Wrong codes tried against one e-mail check before the slot is let go.</summary>
    [Range(1, 20)]
    public int EmailCheckTries { get; set; } = 5;

    /// <summary>How long a freed seat offered to the waitlist is held for the person (at most until the type's minimum notice).</summary>
    [Range(1, 72)]
    public int WaitlistOfferHours { get; set; } = 12;

    /// <summary>How many days after the taken slot the alternatives are looked for.</summary>
    [Range(1, 92)]
    public int AlternativesDays { get; set; } = 14;

    /// <summary>Minutes between two runs of every authority's expiry reminders (docs/adr/0038); 0 = only when staff run them.</summary>
    [Range(0, 10_080)]
    public int ReminderIntervalMinutes { get; set; } = 360;

    /// <summary>Minutes between two sweeps that pass lapsed waitlist offers to the next who waits; 0 = off.</summary>
    [Range(0, 1_440)]
    public int WaitlistSweepMinutes { get; set; } = 5;

    /// <summary>STUN and TURN for the video rooms (docs/adr/0039).</summary>
    public VideoOptions Video { get; set; } = new();
}

/// <summary>
/// Section <c>Appointments:Video</c>: the STUN servers' URLs (<c>stun:host:3478</c>), the TURN servers' URLs
/// (<c>turn:host:3478?transport=udp</c>, <c>turns:host:5349</c>) and coturn's <c>static-auth-secret</c>.
/// </summary>
internal sealed class VideoOptions
{
    public string[] StunUrls { get; set; } = [];

    public string[] TurnUrls { get; set; } = [];

    public string? TurnSecret { get; set; }
}
