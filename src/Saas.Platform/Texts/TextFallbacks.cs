namespace Saas.Platform.Texts;

/// <summary>
/// The languages a request's page had to borrow texts from because the reader's language has none for them yet
/// (docs/adr/0033). The request pipeline opens one record per request (<see cref="Begin"/>); <c>L.Tx</c> and
/// <c>L.ChooseTx</c> note each borrowed language, and the layout tells the reader which languages they are reading
/// instead of theirs. Outside a request (mail, jobs) nothing is recorded.
/// </summary>
public static class TextFallbacks
{
    private static readonly AsyncLocal<HashSet<string>?> Current = new();

    /// <summary>Starts an empty record for the request that runs below this call.</summary>
    public static void Begin() => Current.Value = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    internal static void Note(string language)
    {
        var record = Current.Value;
        if (record is not null)
        {
            lock (record)
            {
                record.Add(language);
            }
        }
    }

    /// <summary>The languages borrowed so far in this request, in no particular order.</summary>
    public static IReadOnlyList<string> Borrowed
    {
        get
        {
            var record = Current.Value;
            if (record is null)
            {
                return [];
            }

            lock (record)
            {
                return [.. record];
            }
        }
    }
}
