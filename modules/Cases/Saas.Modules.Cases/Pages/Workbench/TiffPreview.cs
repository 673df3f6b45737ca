using Saas.Modules.Cases.Features.Text;

namespace Saas.Modules.Cases.Pages.Workbench;

/// <summary>
/// Scans often arrive as TIFF (one or many pages), which browsers do not show. The viewer shows them as a PDF that
/// <c>tiff2pdf</c> (libtiff-tools, installed by scripts/tools.sh) writes on the fly: all pages, the image data
/// carried over without recompression where the TIFF allows it. The stored document is not changed; download
/// still gives the original TIFF.
/// </summary>
internal static class TiffPreview
{
    public const string ContentType = "image/tiff";

    /// <summary>
    /// The TIFF as a PDF, in a temporary file that is already unlinked: it disappears when the stream is closed,
    /// also if the request is aborted. A TIFF the tool cannot read is answered with 422 and the tool's reason.
    /// </summary>
    public static async Task<Stream> ToPdfAsync(Stream tiff, ToolLimits limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tiff);
        var work = Directory.CreateTempSubdirectory("saas-tiff-preview-");
        try
        {
            var input = Path.Combine(work.FullName, "scan.tif");
            await using (tiff)
            await using (var target = File.Create(input))
            {
                await tiff.CopyToAsync(target, ct);
            }

            var output = Path.Combine(work.FullName, "scan.pdf");
            var result = await ExternalTool.RunAsync("tiff2pdf", ["-o", output, input], limit, ct);
            if (result.ExitCode != 0 || !File.Exists(output) || new FileInfo(output).Length == 0)
            {
                throw CasesProblems.TiffUnreadable(FirstLine(result.Errors));
            }

            return new FileStream(output, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous);
        }
        finally
        {
            // On Linux an open file outlives its directory entry: the PDF is read to its end, then it is gone.
            work.Delete(recursive: true);
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "tiff2pdf failed";
}
