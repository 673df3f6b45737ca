using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Saas.Modules.Letters.Features.Rendering;

/// <summary>
/// HTML to PDF/A-2b with WeasyPrint 57 from Debian (docs/adr/0023), as a process: the HTML on stdin, the PDF on stdout,
/// within a time limit (the process is killed after it) and a size limit (read no further, kill, refuse). Resources
/// (styles, fonts, images) come only from the templates folder or <c>data:</c> URLs; anything else, the network
/// included, is refused by the script's URL fetcher. The system's fonts (DejaVu) are embedded, as PDF/A requires.
/// </summary>
internal sealed class PdfRenderer(IOptions<LettersOptions> options, ILogger<PdfRenderer> logger)
{
    private static readonly string Script = ReadScript();

    /// <summary>
    /// Renders once more when the process ended without a PDF and without a word on its error output — it was killed
    /// or crashed (seen once in CI, exit code unknown then) rather than refusing the page, which it always explains.
    /// Rendering has no side effects, so a second try changes nothing but the outcome of a crash.
    /// </summary>
    public async Task<byte[]> RenderAsync(string html, IReadOnlyList<string> resourceFolders, string letter, CancellationToken ct)
    {
        var (pdf, exitCode, errors) = await RenderOnceAsync(html, resourceFolders, letter, ct);
        if (pdf is null && errors.Length == 0)
        {
            logger.LogWarning("WeasyPrint ended with exit code {ExitCode} and no message while rendering letter {Letter}; trying once more", exitCode, letter);
            (pdf, exitCode, errors) = await RenderOnceAsync(html, resourceFolders, letter, ct);
        }

        return pdf ?? throw LettersProblems.RendererFailed(letter, $"exit code {exitCode}" + (errors.Length == 0 ? "" : ": " + (errors.Length > 500 ? errors[^500..] : errors)));
    }

    /// <summary>One run: the PDF, or null with the exit code and the error output.</summary>
    private async Task<(byte[]? Pdf, int ExitCode, string Errors)> RenderOnceAsync(string html, IReadOnlyList<string> resourceFolders, string letter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(html);
        var settings = options.Value;
        var start = new ProcessStartInfo(settings.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -I: isolated (no user site packages, no environment variables of Python's, no current directory on the path).
        foreach (var argument in new[] { "-I", "-c", Script }.Concat(resourceFolders))
        {
            start.ArgumentList.Add(argument);
        }

        // No proxy settings reach the process; the fetcher refuses the network anyway.
        foreach (var name in new[] { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" })
        {
            start.Environment.Remove(name);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.RenderTimeoutSeconds));
        using var process = Process.Start(start) ?? throw LettersProblems.RendererFailed(letter, "no process");
        try
        {
            var errors = ReadLimitedAsync(process.StandardError.BaseStream, 64 * 1024, timeout.Token);
            var output = ReadLimitedAsync(process.StandardOutput.BaseStream, settings.MaxPdfBytes, timeout.Token);
            try
            {
                await using var input = process.StandardInput.BaseStream;
                await input.WriteAsync(System.Text.Encoding.UTF8.GetBytes(html), timeout.Token);
            }
            catch (IOException)
            {
                // The process ended before it read the page (its error output says why, below).
            }

            var (pdf, complete) = await output;
            if (!complete)
            {
                Kill(process);
                throw LettersProblems.PdfTooLarge(letter, settings.MaxPdfBytes);
            }

            await process.WaitForExitAsync(timeout.Token);
            var (stderr, _) = await errors;
            if (process.ExitCode != 0 || pdf.Length < 5 || !pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
            {
                return (null, process.ExitCode, System.Text.Encoding.UTF8.GetString(stderr).Trim());
            }

            return (pdf, 0, "");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Kill(process);
            throw LettersProblems.RendererTimedOut(letter, settings.RenderTimeoutSeconds);
        }
        finally
        {
            Kill(process);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; says whether the stream ended within it.</summary>
    private static async Task<(byte[] Bytes, bool Complete)> ReadLimitedAsync(Stream stream, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, ct);
            if (read == 0)
            {
                return (buffer.ToArray(), true);
            }

            if (buffer.Length + read > limit)
            {
                return (buffer.ToArray(), false);
            }

            buffer.Write(chunk, 0, read);
        }
    }

    private static string ReadScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("letters/weasyprint-render.py")
            ?? throw new InvalidOperationException("The WeasyPrint script is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
