using Saas.Platform.Domain;
namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>
/// The way of a box: packed → sent → returned → in-qa → accepted | rejected. Scans may arrive before the paper
/// comes back, so an import also starts from sent. A rejected box goes back to the scanning company (sent again).
/// Accepted is final. Accepted and rejected are only ever set by the quality check.
/// </summary>
internal static class BoxLifecycle
{
    public const string Packed = "packed";
    public const string Sent = "sent";
    public const string Returned = "returned";
    public const string InQa = "in-qa";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    private static readonly Transitions Moves = new(
        (Packed, [Sent]),
        (Sent, [Returned, InQa]),
        (Returned, [InQa]),
        (InQa, [Accepted, Rejected]),
        (Rejected, [Sent]),
        (Accepted, []));

    /// <summary>The status as people read it (texts <c>cases.legacy.box-status.{status}</c>).</summary>
    public static LocalizedText Name(string status) => new("cases.legacy.box-status." + status);

    public static bool CanMove(string from, string to) => Moves.Allows(from, to);

    /// <summary>Throws the 409 for a change the box's status does not allow.</summary>
    public static void EnsureCanMove(LegacyBox box, string to)
    {
        ArgumentNullException.ThrowIfNull(box);
        if (!CanMove(box.Status, to))
        {
            throw WrongTransition(box.Status, to);
        }
    }

    public static SaasProblemException WrongTransition(string from, string to) => CasesProblems.WrongBoxStatus(from, to);
}
