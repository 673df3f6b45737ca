namespace Saas.Platform.Expressions;

/// <summary>
/// An expression's text and where each of its characters stands in the document it came from, so that an error
/// names the line and column a reader finds in the YAML file, also inside quoted and multi-line block scalars.
/// </summary>
public sealed class ExpressionSource
{
    private readonly (int Line, int Column)[] positions;

    private ExpressionSource(string text, (int Line, int Column)[] positions)
    {
        Text = text;
        this.positions = positions;
    }

    public string Text { get; }

    /// <summary>An expression on its own, its first character at <paramref name="line"/>:<paramref name="column"/> (1-based).</summary>
    public static ExpressionSource Plain(string text, int line = 1, int column = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        var map = new (int, int)[text.Length + 1];
        for (var i = 0; i <= text.Length; i++)
        {
            map[i] = (line, column);
            if (i < text.Length && text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new ExpressionSource(text, map);
    }

    /// <summary>
    /// An expression that is the value of a YAML scalar in <paramref name="document"/>, which starts at
    /// <paramref name="line"/>:<paramref name="column"/> (1-based, as YamlDotNet's <c>Mark</c> gives the node's
    /// <c>Start</c>): a plain, single- or double-quoted scalar, or a literal (<c>|</c>) or folded (<c>&gt;</c>) block.
    /// Each character of <paramref name="value"/> (the scalar's parsed value) is found again in the document: the
    /// indentation of block lines, folded line breaks and quote escapes are stepped over.
    /// </summary>
    public static ExpressionSource InYaml(string document, int line, int column, string value)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(value);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < document.Length; i++)
        {
            if (document[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        if (line < 1 || line > lineStarts.Count)
        {
            return Plain(value, line, column);
        }

        var j = Math.Min(lineStarts[line - 1] + column - 1, document.Length);
        var style = j < document.Length ? document[j] : ' ';
        if (style is '|' or '>')
        {
            // The block's text starts on the line after its header (|, |-, >2, # comment …).
            var end = document.IndexOf('\n', j);
            j = end < 0 ? document.Length : end + 1;
        }
        else if (style is '"' or '\'')
        {
            j++;
        }

        var map = new (int, int)[value.Length + 1];
        var last = j;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            while (j < document.Length)
            {
                var r = document[j];
                if (style == '"' && r == '\\')
                {
                    last = j;
                    j += EscapeLength(document, j);
                    break;
                }

                if (style == '\'' && r == '\'' && j + 1 < document.Length && document[j + 1] == '\'')
                {
                    last = j;
                    j += 2;
                    break;
                }

                if (r == c)
                {
                    last = j;
                    j++;
                    break;
                }

                if (r is ' ' or '\t' or '\n' or '\r')
                {
                    // Indentation, or a line break the scalar folded into a space.
                    if (c is ' ' or '\n')
                    {
                        last = j;
                        j++;
                        break;
                    }

                    j++;
                    continue;
                }

                // Not found again (an escape this reading does not know): keep the place of the last character found.
                last = j;
                break;
            }

            map[i] = At(lineStarts, Math.Min(last, Math.Max(document.Length - 1, 0)));
        }

        var endPosition = value.Length == 0 ? At(lineStarts, Math.Min(j, document.Length)) : map[value.Length - 1];
        map[value.Length] = value.Length == 0 ? endPosition : (endPosition.Item1, endPosition.Item2 + 1);
        return new ExpressionSource(value, map);
    }

    /// <summary>Line and column (1-based) in the document of the character at <paramref name="offset"/> of the expression.</summary>
    public (int Line, int Column) PositionOf(int offset) => positions[Math.Clamp(offset, 0, positions.Length - 1)];

    private static (int, int) At(List<int> lineStarts, int index)
    {
        var line = lineStarts.BinarySearch(index);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return (line + 1, index - lineStarts[line] + 1);
    }

    private static int EscapeLength(string document, int j)
    {
        if (j + 1 >= document.Length)
        {
            return 1;
        }

        return document[j + 1] switch
        {
            'x' => 4,
            'u' => 6,
            'U' => 10,
            _ => 2,
        };
    }
}
