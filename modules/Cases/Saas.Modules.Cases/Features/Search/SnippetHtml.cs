namespace Saas.Modules.Cases.Features.Search;

/// <summary>
/// Makes a search snippet safe to write as HTML: everything is encoded except the &lt;mark&gt; and &lt;/mark&gt;
/// that the search put around the matching words, and those only in balanced pairs. A document's text can hold
/// anything (even "&lt;script&gt;"), so nothing else of it may reach the page as markup.
/// </summary>
internal static class SnippetHtml
{
    private const string Open = "<mark>";
    private const string Close = "</mark>";

    public static string Render(string? snippet)
    {
        var html = new StringBuilder();
        var text = snippet ?? "";
        var open = false;
        var position = 0;
        while (position < text.Length)
        {
            var next = text.IndexOf('<', position);
            if (next < 0)
            {
                html.Append(WebUtility.HtmlEncode(text[position..]));
                break;
            }

            html.Append(WebUtility.HtmlEncode(text[position..next]));
            if (!open && string.CompareOrdinal(text, next, Open, 0, Open.Length) == 0)
            {
                html.Append(Open);
                open = true;
                position = next + Open.Length;
            }
            else if (open && string.CompareOrdinal(text, next, Close, 0, Close.Length) == 0)
            {
                html.Append(Close);
                open = false;
                position = next + Close.Length;
            }
            else
            {
                html.Append("&lt;");
                position = next + 1;
            }
        }

        if (open)
        {
            html.Append(Close);
        }

        return html.ToString();
    }
}
