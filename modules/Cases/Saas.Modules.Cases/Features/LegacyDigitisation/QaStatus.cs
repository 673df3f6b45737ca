using Saas.Platform.Domain;
namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>
/// The way of a delivery's quality check: in-qa → accepted | rejected. Both ends are final (a rejected box is
/// scanned again and comes back as a new delivery). Changed only by <see cref="LegacyScanBatch.Decide"/>.
/// </summary>
internal static class QaStatus
{
    public const string InQa = "in-qa";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [InQa, Accepted, Rejected];

    private static readonly Transitions Moves = new((InQa, [Accepted, Rejected]), (Accepted, []), (Rejected, []));

    public static bool CanBecome(string from, string to) => Moves.Allows(from, to);

    /// <summary>The 409 for findings or a verdict on a delivery that is already decided.</summary>
    public static void EnsureCanBecome(string from, string to)
    {
        if (!CanBecome(from, to))
        {
            throw CasesProblems.BatchDecided(from);
        }
    }

    /// <summary>The status as people read it (texts <c>cases.legacy.qa-status.{status}</c>).</summary>
    public static LocalizedText Name(string status) => new("cases.legacy.qa-status." + status);
}
