using Saas.Modules.Cases.Features.Documents;

namespace Saas.Modules.Cases.Features.Ingest;

/// <summary>
/// Reads a scan batch (a PDF, a single image, or a ZIP of them in name order) as an ordered list of pages.
/// <see cref="ValidateAsync"/> runs in the request and refuses a bad batch with a message naming the entry;
/// <see cref="ExpandAsync"/> runs in the background on a batch that passed.
/// </summary>
internal static class BatchReader
{
    public static async Task<int> ValidateAsync(string batch, string work, IngestOptions options, CancellationToken ct)
    {
        var pages = 0;
        foreach (var (name, path, type) in await EntriesAsync(batch, work, options, ct))
        {
            if (type == "application/pdf")
            {
                try
                {
                    // Page count and page sizes in one pdfinfo run; a page that would render to a giant bitmap is refused here.
                    var boxes = await PdfPageBoxes.ReadAsync(path, options.MaxPages + 1, options.Tools, ct);
                    options.Images.CheckPdfPages(boxes, name);
                    pages += boxes.Pages;
                }
                catch (InvalidOperationException ex)
                {
                    throw new SaasProblemException(StatusCodes.Status422UnprocessableEntity, "pdf-unreadable",
                        LocalizedText.Of("problem.pdf-unreadable.ingest", ("name", name)), $"{name}: {ex.Message}");
                }
            }
            else
            {
                await using (var image = File.OpenRead(path))
                {
                    options.Images.CheckImage(image, type, name);
                }

                pages++;
            }

            if (pages > options.MaxPages)
            {
                throw new SaasProblemException(StatusCodes.Status413PayloadTooLarge, "too-many-pages",
                    LocalizedText.Of("problem.too-many-pages.ingest", ("maxPages", options.MaxPages)), name);
            }
        }

        return pages;
    }

    /// <summary>Every page as a one-page PDF, in order; images become PDFs with their recognised text.</summary>
    public static async Task<IReadOnlyList<string>> ExpandAsync(string batch, string work, IngestOptions options, CancellationToken ct)
    {
        var tools = new ScanTools(options.Tools);
        var pages = new List<string>();
        var index = 0;
        foreach (var (_, path, type) in await EntriesAsync(batch, work, options, ct))
        {
            var pdf = type == "application/pdf" ? path : await tools.ImageToPdfAsync(path, work, ct);
            var part = Path.Combine(work, $"part-{index++:D5}.pdf");
            File.Move(pdf, part);
            pages.AddRange(await tools.SplitAsync(part, await tools.CountPagesAsync(part, ct), work, ct));
        }

        return pages;
    }

    private static async Task<IReadOnlyList<(string Name, string Path, string Type)>> EntriesAsync(string batch, string work, IngestOptions options, CancellationToken ct)
    {
        string? type;
        await using (var head = File.OpenRead(batch))
        {
            type = await ContentSniffer.DetectAsync(head, ct);
            head.Position = 0;
            var magic = new byte[4];
            if (type is null && await head.ReadAtLeastAsync(magic, 4, throwOnEndOfStream: false, ct) == 4 && magic is [0x50, 0x4B, 0x03, 0x04])
            {
                type = "application/zip";
            }
        }

        switch (type)
        {
            case null:
                throw new SaasProblemException(StatusCodes.Status415UnsupportedMediaType, "batch-type",
                    new LocalizedText("problem.batch-type"), null);
            case "application/zip":
                var folder = Directory.CreateDirectory(Path.Combine(work, "zip-" + Guid.NewGuid().ToString("N")[..8])).FullName;
                return (await SafeZip.ExtractAsync(batch, folder, options.Zip, ct)).Select(e => (e.Name, e.Path, e.ContentType)).ToList();
            default:
                var copy = Path.Combine(work, "single-" + Guid.NewGuid().ToString("N")[..8] + Extension(type));
                File.Copy(batch, copy);
                return [("batch", copy, type)];
        }
    }

    private static string Extension(string type) => type switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        _ => ".tif",
    };
}
