using System.Diagnostics;

namespace Saas.Modules.Cases.Features.Text;

/// <summary>The outcome of a command-line tool run.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Errors);

/// <summary>
/// Runs the e-Akte's document tools (pdftotext, pdftoppm, tesseract, zbarimg) as processes with a time limit,
/// arguments passed as a list (never through a shell), the whole process tree killed on timeout or cancel.
/// </summary>
internal static class ExternalTool
{
    public static async Task<ToolResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan limit, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Tesseract would otherwise start a thread per core for every page; the host runs several jobs at once.
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{program} is not installed (scripts/tools.sh installs it).", ex);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(limit);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                return new ToolResult(process.ExitCode, await output, await errors);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (ct.IsCancellationRequested)
                {
                    throw;
                }

                throw new TimeoutException($"{program} took longer than {limit.TotalSeconds:0} s.");
            }
        }
    }
}
