namespace Saas.Modules.Cases.Tests;

/// <summary>Writes a small, valid PDF with one line of text per page (Helvetica, ASCII), with a correct xref table.</summary>
internal static class TestPdf
{
    public static byte[] Create(IReadOnlyList<string> pages)
    {
        var objects = new List<string>();
        var pageIds = Enumerable.Range(0, pages.Count).Select(i => 4 + (2 * i)).ToList();
        objects.Add("<< /Type /Catalog /Pages 2 0 R >>");
        objects.Add($"<< /Type /Pages /Kids [{string.Join(' ', pageIds.Select(id => $"{id} 0 R"))}] /Count {pages.Count} >>");
        objects.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        for (var i = 0; i < pages.Count; i++)
        {
            var stream = $"BT /F1 18 Tf 72 720 Td ({pages[i]}) Tj ET";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {pageIds[i] + 1} 0 R >>");
            objects.Add($"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream");
        }

        return Saas.Modules.Cases.Features.Documents.PdfObjects.Write(objects);
    }
}
