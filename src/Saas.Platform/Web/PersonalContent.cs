using Microsoft.Net.Http.Headers;

namespace Saas.Platform.Web;

/// <summary>
/// The headers of a response that carries a person's document or mail as it came (an upload, a scan, a mail): never
/// stored by a browser or proxy, never sniffed into another type, and sandboxed, so that HTML or script inside the
/// bytes runs in no origin and may load nothing (<c>sandbox; default-src 'none'</c>); only the platform's own pages
/// may frame it (the workbench's viewer). It is named by a file name made safe for the header.
/// </summary>
public static class PersonalContent
{
    public const string Policy = "sandbox; default-src 'none'; frame-ancestors 'self'";

    private const int MaxNameLength = 120;

    /// <summary>Sets the headers; <paramref name="attachment"/> makes the browser download instead of showing it.</summary>
    public static void Apply(HttpResponse response, string? title, string contentType, bool attachment = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers[HeaderNames.ContentSecurityPolicy] = Policy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        var disposition = new ContentDispositionHeaderValue(attachment ? "attachment" : "inline");
        disposition.SetHttpFileName(SafeFileName(title, contentType));
        // SetHttpFileName writes an ASCII filename and the UTF-8 filename*; the ASCII one is only a fallback.
        headers.ContentDisposition = disposition.ToString();
    }

    /// <summary>
    /// A file name without paths, control or quoting characters, at most 120 characters, with the extension of its type.
    /// </summary>
    public static string SafeFileName(string? title, string contentType)
    {
        var name = new StringBuilder();
        foreach (var c in (title ?? "").Normalize(NormalizationForm.FormC))
        {
            if (name.Length >= MaxNameLength)
            {
                break;
            }

            name.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ' ' or '(' or ')' ? c : '_');
        }

        var text = name.ToString().Trim(' ', '.', '_');
        var extension = Extension(contentType);
        if (text.Length == 0)
        {
            text = "dokument";
        }

        return extension is null || text.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? text : text + extension;
    }

    private static string? Extension(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "application/pdf" => ".pdf",
        "message/rfc822" => ".eml",
        "image/tiff" => ".tif",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "text/plain" => ".txt",
        "application/xml" or "text/xml" => ".xml",
        _ => null,
    };
}
