using Saas.Modules.Cases.Features.Text;

namespace Saas.Modules.Cases.Features.Ingest;

/// <summary>
/// The poppler, tesseract and zbar tools the scan path uses, each run with a time limit. A PDF that cannot be
/// opened (damaged, or encrypted with a password) is reported as such, never silently skipped.
/// </summary>
internal sealed class ScanTools(ToolLimits limit)
{
    /// <summary>Pages of a PDF; throws <see cref="InvalidOperationException"/> with the reason if it cannot be opened.</summary>
    public async Task<int> CountPagesAsync(string pdf, CancellationToken ct)
    {
        var result = await ExternalTool.RunAsync("pdfinfo", [pdf], limit, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Errors.Contains("Incorrect password", StringComparison.Ordinal)
                ? "The PDF is encrypted and cannot be read without its password."
                : "The PDF is damaged or not a PDF: " + FirstLine(result.Errors));
        }

        var line = result.Output.Split('\n').FirstOrDefault(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return line is not null && int.TryParse(line["Pages:".Length..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pages)
            ? pages
            : throw new InvalidOperationException("The PDF has no readable page count.");
    }

    /// <summary>Converts a scanned image (PNG, JPEG, multi-page TIFF) to a PDF with the recognised text under the image.</summary>
    public async Task<string> ImageToPdfAsync(string image, string workDirectory, CancellationToken ct)
    {
        var output = Path.Combine(workDirectory, Path.GetFileNameWithoutExtension(image) + "-ocr");
        var result = await ExternalTool.RunAsync("tesseract", [image, output, "-l", "deu", "pdf"], limit, ct);
        if (result.ExitCode != 0 || !File.Exists(output + ".pdf"))
        {
            throw new InvalidOperationException("The image could not be read: " + FirstLine(result.Errors));
        }

        return output + ".pdf";
    }

    /// <summary>Writes each page of a PDF as its own file, in order.</summary>
    public async Task<IReadOnlyList<string>> SplitAsync(string pdf, int pages, string workDirectory, CancellationToken ct)
    {
        var stem = Path.Combine(workDirectory, Path.GetFileNameWithoutExtension(pdf) + "-page-");
        var result = await ExternalTool.RunAsync("pdfseparate", [pdf, stem + "%d.pdf"], limit, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("The PDF could not be split into pages: " + FirstLine(result.Errors));
        }

        return Enumerable.Range(1, pages).Select(i => stem + i.ToString(CultureInfo.InvariantCulture) + ".pdf").ToList();
    }

    /// <summary>Joins single pages into one PDF.</summary>
    public async Task<string> JoinAsync(IReadOnlyList<string> pages, string output, CancellationToken ct)
    {
        if (pages.Count == 1)
        {
            File.Copy(pages[0], output);
            return output;
        }

        var result = await ExternalTool.RunAsync("pdfunite", [.. pages, output], limit, ct);
        return result.ExitCode == 0 ? output : throw new InvalidOperationException("The pages could not be joined: " + FirstLine(result.Errors));
    }

    /// <summary>The QR codes on a one-page PDF (rendered at 150 dpi in grey, enough for a cover sheet's code).</summary>
    public async Task<IReadOnlyList<string>> ReadQrCodesAsync(string pagePdf, CancellationToken ct)
    {
        var prefix = Path.Combine(Path.GetDirectoryName(pagePdf)!, Path.GetFileNameWithoutExtension(pagePdf) + "-scan");
        var render = await ExternalTool.RunAsync("pdftoppm", ["-r", "150", "-gray", "-png", "-singlefile", pagePdf, prefix], limit, ct);
        if (render.ExitCode != 0)
        {
            throw new InvalidOperationException("A page could not be rendered: " + FirstLine(render.Errors));
        }

        try
        {
            var scan = await ExternalTool.RunAsync("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", prefix + ".png"], limit, ct);

            // zbarimg exits with 4 when it found no code: an ordinary page.
            return scan.ExitCode switch
            {
                0 => scan.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                4 => [],
                _ => throw new InvalidOperationException("Barcodes could not be read: " + FirstLine(scan.Errors)),
            };
        }
        finally
        {
            File.Delete(prefix + ".png");
        }
    }

    private static string FirstLine(string text) => text.Trim().Split('\n').FirstOrDefault()?.Trim() ?? "";
}
