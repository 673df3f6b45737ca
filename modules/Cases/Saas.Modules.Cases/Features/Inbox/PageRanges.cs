namespace Saas.Modules.Cases.Features.Inbox;

/// <summary>A part of a split: its first and last page (1-based, inclusive).</summary>
internal readonly record struct PageRange(int First, int Last)
{
    public int Count => Last - First + 1;

    /// <summary>As the caseworker writes it: "3" or "4-7".</summary>
    public override string ToString() => First == Last
        ? First.ToString(CultureInfo.InvariantCulture)
        : $"{First.ToString(CultureInfo.InvariantCulture)}-{Last.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// Reads the parts a caseworker writes for a split ("1-2, 3, 4-7"): ranges separated by commas or semicolons, in
/// page order, each page in exactly one part, together every page of the document, at least two parts. Every
/// mistake is reported with the range it is in, in the reader's language (texts <c>cases.inbox.split.error.*</c>).
/// </summary>
internal static class PageRanges
{
    public static IReadOnlyList<PageRange> Parse(string? text, int pages, ITexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var errors = new List<string>();
        var parts = new List<PageRange>();
        var written = (text ?? "").Split([',', ';'], StringSplitOptions.TrimEntries);
        if (written.All(w => w.Length == 0))
        {
            throw CasesProblems.InvalidSplitRanges([texts.Get("cases.inbox.split.error.empty")]);
        }

        foreach (var range in written)
        {
            if (range.Length == 0)
            {
                errors.Add(texts.Get("cases.inbox.split.error.empty-part"));
                continue;
            }

            var ends = range.Split(['-', '–'], StringSplitOptions.TrimEntries);
            if (ends.Length > 2 || !ends.All(e => int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                errors.Add(texts.Get("cases.inbox.split.error.not-a-range", ("range", range)));
                continue;
            }

            var first = int.Parse(ends[0], CultureInfo.InvariantCulture);
            var last = int.Parse(ends[^1], CultureInfo.InvariantCulture);
            if (first < 1 || last > pages)
            {
                errors.Add(texts.Get("cases.inbox.split.error.outside", ("range", range), ("count", pages)));
            }
            else if (first > last)
            {
                errors.Add(texts.Get("cases.inbox.split.error.backwards", ("range", range)));
            }
            else if (parts.Count > 0 && first != parts[^1].Last + 1)
            {
                errors.Add(first <= parts[^1].Last
                    ? texts.Get("cases.inbox.split.error.overlap", ("range", range))
                    : texts.Get("cases.inbox.split.error.gap", ("range", range), ("page", parts[^1].Last + 1)));
            }
            else if (parts.Count == 0 && first != 1)
            {
                errors.Add(texts.Get("cases.inbox.split.error.gap", ("range", range), ("page", 1)));
            }
            else
            {
                parts.Add(new PageRange(first, last));
                continue;
            }

            // A wrong range still counts for where the next should start, so one mistake is reported once.
            if (first >= 1 && first <= last && last <= pages)
            {
                parts.Add(new PageRange(first, last));
            }
        }

        if (errors.Count == 0 && parts[^1].Last != pages)
        {
            errors.Add(texts.Get("cases.inbox.split.error.missing-end", ("page", parts[^1].Last + 1), ("count", pages)));
        }

        if (errors.Count == 0 && parts.Count < 2)
        {
            errors.Add(texts.Get("cases.inbox.split.error.one-part"));
        }

        return errors.Count == 0 ? parts : throw CasesProblems.InvalidSplitRanges(errors);
    }
}
