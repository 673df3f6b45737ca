using Saas.Platform.Web;

namespace Saas.Modules.Cases.Pages.Workbench;

/// <summary>How the workbench writes times, sizes and the module's codes (reasons, sources, states) in plain words.</summary>
internal static class Display
{
    private static readonly TimeZoneInfo Berlin = FindBerlin();

    private static CultureInfo Culture => CultureInfo.GetCultureInfo(L.Lang);

    /// <summary>Local time of the authorities (Europe/Berlin).</summary>
    public static string Time(DateTimeOffset? value) =>
        value is { } v ? TimeZoneInfo.ConvertTime(v, Berlin).ToString(L.T("format.date-time.short"), Culture) : "–";

    /// <summary>The machine-readable form for &lt;time datetime&gt;.</summary>
    public static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? value) => value is { } v ? v.ToString(L.T("format.date.short"), Culture) : "–";

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
        "mail" => L.T("cases.workbench.display.mail-not-yet-assigned-to-a"),
        "no-cover-sheet" => L.T("cases.workbench.display.scan-without-a-cover-sheet"),
        "unknown-cover-sheet" => L.T("cases.workbench.display.unknown-cover-sheet-not-printed-at"),
        "foreign-cover-sheet" => L.T("cases.workbench.display.cover-sheet-of-another-authority"),
        "file-read-only" => L.T("cases.workbench.display.file-since-handed-over-or-deleted"),
        _ => reason,
    };

    public static string Source(string source) => source switch
    {
        "upload" => L.T("cases.workbench.display.uploaded"),
        "mail" => L.T("cases.workbench.display.mail"),
        "scan" => L.T("cases.workbench.display.scan"),
        "legacy-digitisation" => L.T("cases.workbench.display.legacy-digitisation"),
        "transfer" => L.T("cases.workbench.display.file-transfer"),
        _ => source,
    };

    /// <summary>Why a file is suggested for an inbox item.</summary>
    public static string SuggestionReason(string reason) => reason switch
    {
        "file-number" => L.T("cases.workbench.display.file-number-found-in-the-text"),
        "name-and-birth-date" => L.T("cases.workbench.display.name-and-birth-date-match"),
        "name" => L.T("cases.workbench.display.name-sounds-alike"),
        "birth-date" => L.T("cases.workbench.display.birth-date-matches"),
        _ => reason,
    };

    public static string TextStatus(string status) => status switch
    {
        "done" => L.T("cases.workbench.display.text-extracted"),
        "failed" => L.T("cases.workbench.display.text-extraction-failed"),
        _ => L.T("cases.workbench.display.text-extraction-pending"),
    };

    public static string BatchStatus(string status) => L.T(Features.Ingest.ScanBatchStatus.Name(status));

    /// <summary>A case's outcome in plain words (<c>cases.case.outcome.{code}</c>); an outcome of other systems as it came.</summary>
    public static string Outcome(string outcome)
    {
        var text = L.T("cases.case.outcome." + outcome);
        return text.StartsWith("cases.case.outcome.", StringComparison.Ordinal) ? outcome : text;
    }

    public static string InboxStatus(string status) => L.T(Features.Inbox.InboxItemStatus.Name(status));

    public static string BoxStatus(string status) => L.T(Features.LegacyDigitisation.BoxLifecycle.Name(status));

    public static string DefectCategory(string? category) => category switch
    {
        null => "–",
        "missing-page" => L.T("cases.workbench.display.missing-page"),
        "illegible" => L.T("cases.workbench.display.illegible"),
        "wrong-file" => L.T("cases.workbench.display.wrong-file"),
        "wrong-order" => L.T("cases.workbench.display.wrong-order"),
        "cut-off" => L.T("cases.workbench.display.cut-off"),
        "other" => L.T("cases.workbench.display.other-defect"),
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
