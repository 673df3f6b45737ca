namespace Saas.Modules.Cases.Features.Documents;

/// <summary>
/// Writes a PDF file from its numbered objects (1 = catalogue) with a correct cross-reference table. Used for the
/// documents the platform makes itself (cover sheets) and by tests that need real PDFs of a particular shape.
/// </summary>
internal static class PdfObjects
{
    public static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>An object with a stream: its dictionary entries (without /Length) and its bytes.</summary>
    public static byte[] Stream(string dictionary, byte[] data) =>
        [.. Latin1.GetBytes($"<< {dictionary} /Length {data.Length} >>\nstream\n"), .. data, .. Latin1.GetBytes("\nendstream")];

    public static byte[] Stream(string dictionary, string data) => Stream(dictionary, Latin1.GetBytes(data));

    public static byte[] Write(IReadOnlyList<byte[]> objects, string trailerExtra = "")
    {
        ArgumentNullException.ThrowIfNull(objects);
        using var pdf = new MemoryStream();
        pdf.Write(Latin1.GetBytes("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Latin1.GetBytes($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write(Latin1.GetBytes("\nendobj\n"));
        }

        var xref = pdf.Position;
        var trailer = new StringBuilder();
        trailer.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            trailer.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        trailer.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R {trailerExtra}>>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Latin1.GetBytes(trailer.ToString()));
        return pdf.ToArray();
    }

    public static byte[] Write(IEnumerable<string> objects, string trailerExtra = "") => Write(objects.Select(o => Latin1.GetBytes(o)).ToList(), trailerExtra);
}
