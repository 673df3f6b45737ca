using Saas.Modules.Cases.Features.Text;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>
/// The largest picture the e-Akte accepts (<c>Cases:Images</c>): an image or TIFF page by its declared pixels and
/// decoded bytes, a PDF page by the pixels pdftoppm would render it to at <see cref="RenderDpi"/> for OCR. Checked
/// at every door (upload, scan batch, mail, returned scans) from the headers, before the bytes are stored.
/// </summary>
internal sealed record ImageLimits(long MaxPixels, long MaxDecodedBytes)
{
    /// <summary>The resolution at which scanned PDF pages are rendered for OCR (<see cref="PageTextExtractor"/>).</summary>
    public const int RenderDpi = 300;

    public static ImageLimits From(CasesOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.Images.MaxPixels, settings.Images.MaxDecodedBytes);
    }

    /// <summary>Refuses an image whose header cannot be read or declares a picture above the limits; <paramref name="name"/> names it in the problem.</summary>
    public void CheckImage(Stream image, string contentType, string name)
    {
        IReadOnlyList<ImageFrame> frames;
        try
        {
            frames = ImageHeaders.Read(image, contentType);
        }
        catch (FormatException ex)
        {
            throw CasesProblems.ImageUnreadable(name, ex.Message);
        }

        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            if (frame.Pixels > MaxPixels || frame.DecodedBytes > MaxDecodedBytes)
            {
                throw CasesProblems.ImageTooLarge(name, i + 1, frame.Width, frame.Height, MaxPixels,
                    $"{name}, page {i + 1}: {frame.Width} × {frame.Height} px at {frame.BitsPerPixel} bits per pixel; at most {MaxPixels} px and {MaxDecodedBytes} bytes decoded");
            }
        }
    }

    /// <summary>Refuses a PDF with a page that would render above the pixel limit (its MediaBox at <see cref="RenderDpi"/>).</summary>
    public void CheckPdfPages(PdfPageBoxes boxes, string name)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        for (var i = 0; i < boxes.Sizes.Count; i++)
        {
            var (width, height) = boxes.Sizes[i];
            var pixelsWide = (long)Math.Ceiling(width / 72.0 * RenderDpi);
            var pixelsHigh = (long)Math.Ceiling(height / 72.0 * RenderDpi);
            if (pixelsWide * pixelsHigh > MaxPixels)
            {
                throw CasesProblems.ImageTooLarge(name, i + 1, pixelsWide, pixelsHigh, MaxPixels,
                    string.Create(CultureInfo.InvariantCulture, $"{name}, page {i + 1}: {width:0.#} × {height:0.#} pt, {pixelsWide} × {pixelsHigh} px at {RenderDpi} dpi; at most {MaxPixels} px"));
            }
        }
    }
}

/// <summary>The page count of a PDF and the size of each page's MediaBox in points, as pdfinfo reads them.</summary>
internal sealed record PdfPageBoxes(int Pages, IReadOnlyList<(double Width, double Height)> Sizes)
{
    /// <summary>
    /// Runs <c>pdfinfo -box</c> over the first <paramref name="lastPage"/> pages. Throws <see cref="InvalidOperationException"/>
    /// with the reason when the PDF cannot be opened (damaged, or encrypted with a password).
    /// </summary>
    public static async Task<PdfPageBoxes> ReadAsync(string pdf, int lastPage, ToolLimits limits, CancellationToken ct)
    {
        var result = await ExternalTool.RunAsync("pdfinfo", ["-box", "-f", "1", "-l", lastPage.ToString(CultureInfo.InvariantCulture), pdf], limits, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Errors.Contains("Incorrect password", StringComparison.Ordinal)
                ? "The PDF is encrypted and cannot be read without its password."
                : "The PDF is damaged or not a PDF: " + result.Errors.Trim().Split('\n')[0].Trim());
        }

        int? pages = null;
        var sizes = new List<(double, double)>();
        foreach (var line in result.Output.Split('\n'))
        {
            if (line.StartsWith("Pages:", StringComparison.Ordinal)
                && int.TryParse(line["Pages:".Length..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            {
                pages = count;
            }
            else if (line.StartsWith("Page ", StringComparison.Ordinal) && line.Contains("MediaBox:", StringComparison.Ordinal))
            {
                var numbers = line[(line.IndexOf("MediaBox:", StringComparison.Ordinal) + "MediaBox:".Length)..]
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (numbers.Length == 4 && numbers.All(n => double.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                {
                    var box = numbers.Select(n => double.Parse(n, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
                    sizes.Add((Math.Abs(box[2] - box[0]), Math.Abs(box[3] - box[1])));
                }
            }
        }

        return pages is { } p
            ? new PdfPageBoxes(p, sizes)
            : throw new InvalidOperationException("The PDF has no readable page count.");
    }
}
