using QRCoder;

namespace Saas.Modules.Cases.Features.Ingest;

/// <summary>What a cover sheet shows and encodes.</summary>
internal sealed record CoverSheetContent(
    Guid CoverSheetId,
    string TenantKey,
    string AuthorityName,
    string FileNumber,
    string PersonName,
    DateOnly? BirthDate,
    string DocumentType,
    string? CaseTitle);

/// <summary>
/// The cover sheet (Deckblatt) the scan center puts in front of a document: a one-page A4 PDF with a large QR code
/// naming the authority and the cover sheet, and the file number, person and document type in plain text for
/// people. Written directly as PDF (standard Helvetica, vector QR modules), so it prints sharply anywhere.
/// </summary>
internal static class CoverSheetPdf
{
    public const string Prefix = "SAAS-DECKBLATT:1:";

    public static string Payload(string tenantKey, Guid coverSheetId) => $"{Prefix}{tenantKey}:{coverSheetId:N}";

    /// <summary>Reads a cover sheet's code; null when the code is not one of ours.</summary>
    public static (string TenantKey, Guid CoverSheetId)? Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!code.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = code[Prefix.Length..].Split(':');
        return parts.Length == 2 && parts[0].Length > 0 && Guid.TryParseExact(parts[1], "N", out var id) ? (parts[0], id) : null;
    }

    public static byte[] Create(CoverSheetContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var page = new StringBuilder();
        void Text(string font, int size, double x, double y, string text) =>
            page.Append(CultureInfo.InvariantCulture, $"BT /{font} {size} Tf {x:0.##} {y:0.##} Td ({Escape(text)}) Tj ET\n");

        Text("F2", 28, 56, 780, "DECKBLATT");
        Text("F1", 12, 56, 760, "Cover sheet - vor das Dokument legen und mitscannen / place in front of the document and scan with it");
        Text("F1", 12, 56, 730, content.AuthorityName);

        // The QR code: 8 cm wide, dark modules as filled squares.
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Payload(content.TenantKey, content.CoverSheetId), QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = 227.0;
        var module = size / matrix.Count;
        double left = 56, top = 700;
        page.Append("0 0 0 rg\n");
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var column = 0; column < matrix[row].Count; column++)
            {
                if (matrix[row][column])
                {
                    page.Append(CultureInfo.InvariantCulture, $"{left + (column * module):0.###} {top - ((row + 1) * module):0.###} {module:0.###} {module:0.###} re\n");
                }
            }
        }

        page.Append("f\n");
        var y = 440.0;
        foreach (var (label, value) in new[]
                 {
                     ("Aktenzeichen / File number", content.FileNumber),
                     ("Name", content.PersonName),
                     ("Geburtsdatum / Date of birth", content.BirthDate?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) ?? "-"),
                     ("Dokumentart / Document type", content.DocumentType),
                     ("Vorgang / Case", content.CaseTitle ?? "-"),
                     ("Deckblatt-Nr. / Cover sheet no.", content.CoverSheetId.ToString("N")),
                 })
        {
            Text("F1", 11, 56, y, label);
            Text("F2", 16, 56, y - 20, value);
            y -= 52;
        }

        return Write(page.ToString());
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            // WinAnsi covers German text; anything else is replaced rather than garbled.
            var ch = c <= '\u00ff' ? c : '?';
            if (ch is '(' or ')' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(ch < ' ' ? ' ' : ch);
        }

        return builder.ToString();
    }

    private static byte[] Write(string content) => Documents.PdfObjects.Write(
    [
        Documents.PdfObjects.Latin1.GetBytes("<< /Type /Catalog /Pages 2 0 R >>"),
        Documents.PdfObjects.Latin1.GetBytes("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        Documents.PdfObjects.Latin1.GetBytes("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>"),
        Documents.PdfObjects.Stream("", content),
        Documents.PdfObjects.Latin1.GetBytes("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        Documents.PdfObjects.Latin1.GetBytes("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"),
    ]);
}
