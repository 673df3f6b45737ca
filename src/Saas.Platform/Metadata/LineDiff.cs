namespace Saas.Platform.Metadata;

/// <summary>A unified line diff (longest common subsequence), enough to review a configuration change.</summary>
public static class LineDiff
{
    public static string Unified(string before, string after, string fromLabel, string toLabel)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Split(before);
        var b = Split(after);
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var output = new StringBuilder().Append("--- ").AppendLine(fromLabel).Append("+++ ").AppendLine(toLabel);
        int x = 0, y = 0;
        var changed = false;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                output.Append(' ').AppendLine(a[x]);
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                output.Append('+').AppendLine(b[y++]);
                changed = true;
            }
            else
            {
                output.Append('-').AppendLine(a[x++]);
                changed = true;
            }
        }

        return changed ? output.ToString() : "";
    }

    private static string[] Split(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
