using Saas.Platform.Web;

namespace Saas.Modules.Cases.Pages.Workbench;

/// <summary>How the workbench writes times, sizes and the module's codes (reasons, sources, states) in plain words.</summary>
internal static class Display
{
    private static readonly TimeZoneInfo Berlin = FindBerlin();

    private static CultureInfo Culture => CultureInfo.GetCultureInfo(L.Lang);

    /// <summary>Local time of the authorities (Europe/Berlin).</summary>
    public static string Time(DateTimeOffset? value) =>
        value is { } v ? TimeZoneInfo.ConvertTime(v, Berlin).ToString(L.IsEnglish ? "d MMM yyyy, HH:mm" : "dd.MM.yyyy, HH:mm", Culture) : "–";

    /// <summary>The machine-readable form for &lt;time datetime&gt;.</summary>
    public static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? value) => value is { } v ? v.ToString(L.IsEnglish ? "d MMM yyyy" : "dd.MM.yyyy", Culture) : "–";

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024d).ToString("0.#", Culture) + " KB",
        _ => (bytes / 1024d / 1024d).ToString("0.#", Culture) + " MB",
    };

    public static string Percent(decimal? rate) => rate is { } r ? r.ToString("P1", Culture) : "–";

    /// <summary>Why something is in the inbox.</summary>
    public static string Reason(string reason) => reason switch
    {
        "mail" => L.T("E-Mail, noch keiner Akte zugeordnet", "Mail, not yet assigned to a file"),
        "no-cover-sheet" => L.T("Scan ohne Deckblatt", "Scan without a cover sheet"),
        "unknown-cover-sheet" => L.T("Deckblatt unbekannt (nicht in dieser Behörde gedruckt)", "Unknown cover sheet (not printed at this authority)"),
        "foreign-cover-sheet" => L.T("Deckblatt einer anderen Behörde", "Cover sheet of another authority"),
        "file-read-only" => L.T("Akte inzwischen abgegeben oder gelöscht", "File since handed over or deleted"),
        _ => reason,
    };

    public static string Source(string source) => source switch
    {
        "upload" => L.T("Hochgeladen", "Uploaded"),
        "mail" => L.T("E-Mail", "Mail"),
        "scan" => L.T("Scan", "Scan"),
        "legacy-digitisation" => L.T("Altaktendigitalisierung", "Legacy digitisation"),
        "transfer" => L.T("Aktenabgabe", "File transfer"),
        _ => source,
    };

    /// <summary>Why a file is suggested for an inbox item.</summary>
    public static string SuggestionReason(string reason) => reason switch
    {
        "file-number" => L.T("Aktenzeichen im Text gefunden", "File number found in the text"),
        "name-and-birth-date" => L.T("Name und Geburtsdatum passen", "Name and birth date match"),
        "name" => L.T("Name klingt gleich", "Name sounds alike"),
        "birth-date" => L.T("Geburtsdatum passt", "Birth date matches"),
        _ => reason,
    };

    public static string TextStatus(string status) => status switch
    {
        "done" => L.T("Text erkannt", "Text extracted"),
        "failed" => L.T("Texterkennung fehlgeschlagen", "Text extraction failed"),
        _ => L.T("Texterkennung läuft", "Text extraction pending"),
    };

    public static string BatchStatus(string status) => status switch
    {
        "received" => L.T("Eingegangen, wird aufgeteilt", "Received, being split"),
        "processed" => L.T("Verarbeitet", "Processed"),
        "failed" => L.T("Fehlgeschlagen", "Failed"),
        _ => status,
    };

    public static string InboxStatus(string status) => status switch
    {
        "open" => L.T("offen", "open"),
        "assigned" => L.T("zugeordnet", "assigned"),
        "discarded" => L.T("verworfen", "discarded"),
        _ => status,
    };

    public static string BoxStatus(string status) => status switch
    {
        "packed" => L.T("gepackt", "packed"),
        "sent" => L.T("beim Scandienstleister", "at the scanning company"),
        "returned" => L.T("zurückgekommen", "returned"),
        "in-qa" => L.T("in der Qualitätsprüfung", "in quality check"),
        "accepted" => L.T("abgenommen", "accepted"),
        "rejected" => L.T("zurückgewiesen", "rejected"),
        _ => status,
    };

    public static string DefectCategory(string? category) => category switch
    {
        null => "–",
        "missing-page" => L.T("Seite fehlt", "Missing page"),
        "illegible" => L.T("unleserlich", "Illegible"),
        "wrong-file" => L.T("falsche Akte", "Wrong file"),
        "wrong-order" => L.T("falsche Reihenfolge", "Wrong order"),
        "cut-off" => L.T("abgeschnitten", "Cut off"),
        "other" => L.T("anderer Mangel", "Other defect"),
        _ => category,
    };

    public static bool IsPdf(string contentType) => contentType == "application/pdf";

    /// <summary>Images a browser shows itself.</summary>
    public static bool IsImage(string contentType) => contentType is "image/png" or "image/jpeg";

    /// <summary>TIFF scans, which the viewer shows as a PDF (<see cref="TiffPreview"/>).</summary>
    public static bool IsTiff(string contentType) => contentType == TiffPreview.ContentType;

    public static bool IsMail(string contentType) => contentType == "message/rfc822";

    private static TimeZoneInfo FindBerlin()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
