using System.Collections.Frozen;

namespace Saas.Platform.Domain;

/// <summary>
/// The allowed moves between the states of a record (an inbox item, a box, a quality check), written once as a
/// table: <c>new Transitions(("open", ["assigned", "discarded"]), ("assigned", []), …)</c>. A feature's status type
/// keeps its state names, display texts and problems; this holds only which move is allowed (docs/adr/0012).
/// </summary>
public sealed class Transitions
{
    private readonly FrozenDictionary<string, FrozenSet<string>> allowed;

    public Transitions(params (string From, string[] To)[] moves)
    {
        ArgumentNullException.ThrowIfNull(moves);
        allowed = moves.ToFrozenDictionary(m => m.From, m => m.To.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Every state the table names, in the order written.</summary>
    public IEnumerable<string> States => allowed.Keys;

    public bool Allows(string from, string to) => allowed.TryGetValue(from, out var next) && next.Contains(to);
}
