namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>The scan protocol as the scanning company fills it in (form fields, unchecked); the page keeps it to show it again.</summary>
internal sealed record ScanProtocolFields(string? Operator, string? ScannedAt, string? DeviceMake, string? DeviceModel, string? DeviceSerial,
    string? ResolutionDpi, string? ColourMode, string? Format, string? Compression, string? Documents = null, string? Pages = null)
{
    /// <summary>The field names of the API's form (and of the page's inputs).</summary>
    public static ScanProtocolFields From(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new(field("operator"), field("scannedAt"), field("deviceMake"), field("deviceModel"), field("deviceSerial"), field("resolutionDpi"),
            field("colourMode"), field("format"), field("compression"), field("documents"), field("pages"));
    }
}

/// <summary>The scan protocol the scanning company delivers with a box, checked.</summary>
internal sealed record ScanProtocol(string Operator, DateTimeOffset ScannedAt, string DeviceMake, string DeviceModel, string DeviceSerial,
    int ResolutionDpi, string ColourMode, string Format, string Compression, int? DeclaredDocuments, int? DeclaredPages)
{
    public static readonly string[] ColourModes = ["bitonal", "greyscale", "colour"];

    /// <summary>Checks the fields; every problem is named by its field, in the reader's language.</summary>
    public static ScanProtocol Parse(ScanProtocolFields fields, TimeProvider clock, ITexts texts)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(texts);
        var errors = new Dictionary<string, string[]>();
        string Text(string field, string? raw)
        {
            var value = raw?.Trim() ?? "";
            if (value.Length is 0 or > 200)
            {
                errors[field] = [texts.Get("cases.legacy.field.text", ("max", 200))];
            }

            return value;
        }

        int? Number(string field, string? text, int min, int max, bool required)
        {
            var raw = text?.Trim() ?? "";
            if (raw.Length == 0 && !required)
            {
                return null;
            }

            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                errors[field] = [texts.Get("cases.legacy.field.number", ("min", min), ("max", max))];
                return null;
            }

            return value;
        }

        var scanOperator = Text("operator", fields.Operator);
        if (!DateTimeOffset.TryParse(fields.ScannedAt?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var scannedAt)
            || scannedAt > clock.GetUtcNow().AddMinutes(5))
        {
            errors["scannedAt"] = [texts.Get("cases.legacy.field.scanned-at")];
        }

        var make = Text("deviceMake", fields.DeviceMake);
        var model = Text("deviceModel", fields.DeviceModel);
        var serial = Text("deviceSerial", fields.DeviceSerial);
        var dpi = Number("resolutionDpi", fields.ResolutionDpi, 100, 1200, required: true);
        var colourMode = fields.ColourMode?.Trim() ?? "";
        if (!ColourModes.Contains(colourMode, StringComparer.Ordinal))
        {
            errors["colourMode"] = [texts.Get("cases.legacy.field.colour-mode")];
        }

        var format = Text("format", fields.Format);
        var compression = Text("compression", fields.Compression);
        var documents = Number("documents", fields.Documents, 1, int.MaxValue, required: false);
        var pages = Number("pages", fields.Pages, 1, int.MaxValue, required: false);
        if (errors.Count > 0)
        {
            throw CasesProblems.InvalidScanProtocol(errors);
        }

        return new ScanProtocol(scanOperator, scannedAt.ToUniversalTime(), make, model, serial, dpi!.Value, colourMode, format, compression, documents, pages);
    }
}
